package io.github.themis4j.internal;

import io.github.themis4j.KeyFormatException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The NIST curves Themis names in its key tags ({@code '2'} P-256, {@code '3'} P-384,
 * {@code '5'} P-521). Point decoding, validation and key generation use Bouncy Castle's custom
 * curve arithmetic; keys are handed out as JCA keys ({@code PublicKey.toJcaKey()}), and {@link
 * EcCrypto} computes on them with Bouncy Castle. Not public API.
 */
public enum EcCurve {
  P256('2', "secp256r1", 32),
  P384('3', "secp384r1", 48),
  P521('5', "secp521r1", 66);

  private final char tagDigit;
  private final String name;
  private final int fieldBytes;
  private final X9ECParameters bc;
  private final ECParameterSpec jca;

  EcCurve(char tagDigit, String name, int fieldBytes) {
    this.tagDigit = tagDigit;
    this.name = name;
    this.fieldBytes = fieldBytes;
    this.bc = CustomNamedCurves.getByName(name);
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(name));
      this.jca = params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("curve " + name + " is not available in this JDK", e);
    }
  }

  /** The curve of a JCA EC key, by its field size; null for any other curve. */
  public static EcCurve of(java.security.interfaces.ECKey key) {
    ECParameterSpec spec = key.getParams();
    for (EcCurve c : values()) {
      if (c.jca.getCurve().equals(spec.getCurve()) && c.jca.getGenerator().equals(spec.getGenerator())) {
        return c;
      }
    }
    throw new IllegalArgumentException("EC key is not on P-256, P-384 or P-521");
  }

  public static EcCurve forTagDigit(char digit) {
    for (EcCurve c : values()) {
      if (c.tagDigit == digit) {
        return c;
      }
    }
    return null;
  }

  public char tagDigit() {
    return tagDigit;
  }

  public String curveName() {
    return name;
  }

  /** Size of a field element (and of an ECDH shared secret) in bytes. */
  public int fieldBytes() {
    return fieldBytes;
  }

  public int compressedPointLength() {
    return fieldBytes + 1;
  }

  public int uncompressedPointLength() {
    return 2 * fieldBytes + 1;
  }

  public ECParameterSpec jcaParameters() {
    return jca;
  }

  /** Bouncy Castle's custom implementation of the curve. */
  org.bouncycastle.math.ec.ECCurve bcCurve() {
    return bc.getCurve();
  }

  /** The base point G (one object, which carries Bouncy Castle's precomputed tables for it). */
  org.bouncycastle.math.ec.ECPoint generator() {
    return bc.getG();
  }

  /** The group order n. */
  BigInteger order() {
    return bc.getN();
  }

  /**
   * Generates a key pair as OpenSSL's {@code EC_KEY_generate_key} does: d uniformly random in [1,
   * n - 1] from {@code SecureRandom}, Q = d·G with the fixed-point comb (regular in d, see {@link
   * EcCrypto}).
   */
  public java.security.KeyPair generateKeyPair() {
    BigInteger n = bc.getN();
    BigInteger d =
        org.bouncycastle.util.BigIntegers.createRandomInRange(
            BigInteger.ONE, n.subtract(BigInteger.ONE), Rng.secureRandom());
    org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(bc.getG(), d).normalize();
    try {
      KeyFactory f = KeyFactory.getInstance("EC");
      ECPrivateKey priv = (ECPrivateKey) f.generatePrivate(new ECPrivateKeySpec(d, jca));
      ECPublicKey pub = (ECPublicKey) f.generatePublic(new ECPublicKeySpec(jcaPoint(q), jca));
      return new java.security.KeyPair(pub, priv);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provider rejected a generated EC key", e);
    }
  }

  private static ECPoint jcaPoint(org.bouncycastle.math.ec.ECPoint p) {
    return new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
  }

  /**
   * Decodes a SEC1 point (compressed or uncompressed) and returns it as a JCA public key.
   *
   * @throws KeyFormatException if the bytes are not a valid point on this curve, or the point at
   *     infinity
   */
  public ECPublicKey decodePoint(byte[] sec1) {
    int len = sec1.length;
    boolean compressed = len == compressedPointLength() && (sec1[0] == 2 || sec1[0] == 3);
    boolean uncompressed = len == uncompressedPointLength() && sec1[0] == 4;
    if (!compressed && !uncompressed) {
      throw new KeyFormatException("EC public key is not a SEC1 point for " + name);
    }
    org.bouncycastle.math.ec.ECPoint p;
    try {
      p = bc.getCurve().decodePoint(sec1).normalize();
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("EC public key is not a point on " + name);
    }
    if (p.isInfinity() || !p.isValid()) {
      throw new KeyFormatException("EC public key is not a valid point on " + name);
    }
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(jcaPoint(p), jca));
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException("EC public key rejected by the JDK provider");
    }
  }

  /** Encodes a public key as a compressed SEC1 point ({@code 02|03 || X}). */
  public byte[] encodeCompressed(ECPublicKey key) {
    ECPoint w = key.getW();
    byte[] out = new byte[compressedPointLength()];
    out[0] = (byte) (w.getAffineY().testBit(0) ? 3 : 2);
    writeFixed(w.getAffineX(), out, 1, fieldBytes);
    return out;
  }

  /**
   * Builds a private key from an unsigned big-endian scalar of any length.
   *
   * @throws KeyFormatException unless {@code 0 < d < n}
   */
  public ECPrivateKey privateKey(byte[] scalar) {
    BigInteger d = new BigInteger(1, scalar);
    if (d.signum() <= 0 || d.compareTo(jca.getOrder()) >= 0) {
      throw new KeyFormatException("EC private key scalar is out of range for " + name);
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, jca));
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException("EC private key rejected by the JDK provider");
    }
  }

  /**
   * Computes the public key d·G for a private key, with Bouncy Castle's fixed-point comb (the
   * multiplier it uses for key generation and signing: regular, with a table precomputed once for
   * G), about twice as fast as the generic {@code ECPoint.multiply} and not dependent on the
   * scalar's digits the way its wNAF is.
   */
  public ECPublicKey publicKey(ECPrivateKey key) {
    org.bouncycastle.math.ec.ECPoint p =
        new FixedPointCombMultiplier().multiply(bc.getG(), key.getS()).normalize();
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(jcaPoint(p), jca));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code v} unsigned, big-endian and left-padded with zeros into {@code len} bytes. */
  public static void writeFixed(BigInteger v, byte[] out, int off, int len) {
    Bytes.leftPad(v.toByteArray(), out, off, len);
  }
}
