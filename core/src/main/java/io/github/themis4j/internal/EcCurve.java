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
 * {@code '5'} P-521). Point decoding and validation use Bouncy Castle's curve arithmetic; the
 * resulting keys are JCA keys so that ECDH and ECDSA run on the JDK provider. Not public API.
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
    ECPoint w = new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, jca));
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
    ECPoint w = new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, jca));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code v} unsigned, big-endian and left-padded with zeros into {@code len} bytes. */
  public static void writeFixed(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int start = 0;
    while (b.length - start > len && b[start] == 0) {
      start++; // drop sign and leading zero bytes
    }
    int n = b.length - start;
    if (n > len) {
      throw new IllegalArgumentException("integer does not fit in " + len + " bytes");
    }
    System.arraycopy(b, start, out, off + len - n, n);
  }
}
