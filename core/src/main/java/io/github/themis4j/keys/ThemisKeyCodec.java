package io.github.themis4j.keys;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.SoterContainer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * Themis key containers (Soter containers tagged {@code REC*}/{@code UEC*}/{@code RRA*}/{@code
 * URA*}), parsed into JCA keys and written back; see Themis's {@code soter_ec_key.h} and {@code
 * soter_rsa_key.h}. Import accepts what {@code themis_is_valid_asym_key} accepts and Themis can
 * use, with two deliberate refusals: RSA moduli shorter than the size the tag declares, and RSA
 * private keys whose factors do not multiply to the modulus (including the zeroed-CRT variant,
 * which Themis's import code admits but cannot use).
 */
final class ThemisKeyCodec {
  static final BigInteger F4 = BigInteger.valueOf(65537);
  static final BigInteger E3 = BigInteger.valueOf(3);

  private ThemisKeyCodec() {}

  /** Parsed form of a key container. */
  record Parsed(
      KeyType type, boolean isPrivate, java.security.Key jcaKey, EcCurve curve, int rsaBits) {}

  static Parsed parse(byte[] container) {
    if (container == null) {
      throw new InvalidArgumentException("key must not be null");
    }
    if (container.length == 0) {
      throw new InvalidArgumentException("key must not be empty");
    }
    if (container.length < SoterContainer.HEADER_LENGTH) {
      throw new KeyFormatException(
          "key is too short to be a Themis key container (" + container.length + " bytes)");
    }
    String tag = SoterContainer.tag(container, 0);
    String prefix = tag.substring(0, 3);
    boolean ec = prefix.equals("REC") || prefix.equals("UEC");
    boolean rsa = prefix.equals("RRA") || prefix.equals("URA");
    if (!ec && !rsa) {
      throw new KeyFormatException("key is not a Themis key container (unknown tag)");
    }
    long size = Bytes.readBe32Unsigned(container, 4);
    if (size != container.length) {
      throw new KeyFormatException(
          "key container size field ("
              + size
              + ") does not match the key length ("
              + container.length
              + ")");
    }
    try {
      SoterContainer.checkedSize(container, 0, "key");
    } catch (io.github.themis4j.MalformedDataException e) {
      throw new KeyFormatException("key container checksum mismatch: the key is corrupt");
    }
    byte[] payload = new byte[container.length - SoterContainer.HEADER_LENGTH];
    System.arraycopy(container, SoterContainer.HEADER_LENGTH, payload, 0, payload.length);
    char digit = tag.charAt(3);
    boolean isPrivate = prefix.charAt(0) == 'R';
    return ec ? parseEc(digit, isPrivate, payload) : parseRsa(digit, isPrivate, payload);
  }

  private static Parsed parseEc(char digit, boolean isPrivate, byte[] payload) {
    EcCurve curve = EcCurve.forTagDigit(digit);
    if (curve == null) {
      throw new KeyFormatException("EC key has an unknown curve code");
    }
    if (isPrivate) {
      int n = curve.fieldBytes();
      if (payload.length != n && payload.length != n + 1) {
        throw new KeyFormatException(
            "EC private key payload has the wrong length for " + curve.curveName());
      }
      return new Parsed(KeyType.EC, true, curve.privateKey(payload), curve, 0);
    }
    return new Parsed(KeyType.EC, false, curve.decodePoint(payload), curve, 0);
  }

  private static int rsaBytes(char digit) {
    switch (digit) {
      case '1':
        return 128;
      case '2':
        return 256;
      case '4':
        return 512;
      case '8':
        return 1024;
      default:
        throw new KeyFormatException("RSA key has an unknown size code");
    }
  }

  private static Parsed parseRsa(char digit, boolean isPrivate, byte[] payload) {
    int m = rsaBytes(digit);
    int h = m / 2;
    int expected = isPrivate ? m + 5 * h + m + 4 : m + 4;
    if (payload.length != expected) {
      throw new KeyFormatException(
          "RSA key payload has the wrong length for a " + (m * 8) + "-bit key");
    }
    int off = 0;
    BigInteger d = null;
    BigInteger p = null;
    BigInteger q = null;
    BigInteger dp = null;
    BigInteger dq = null;
    BigInteger qinv = null;
    if (isPrivate) {
      d = uint(payload, off, m);
      off += m;
      p = uint(payload, off, h);
      off += h;
      q = uint(payload, off, h);
      off += h;
      dp = uint(payload, off, h);
      off += h;
      dq = uint(payload, off, h);
      off += h;
      qinv = uint(payload, off, h);
      off += h;
    }
    BigInteger n = uint(payload, off, m);
    off += m;
    BigInteger e = BigInteger.valueOf(Bytes.readBe32Unsigned(payload, off));
    if (!e.equals(F4) && !e.equals(E3)) {
      throw new KeyFormatException(
          "RSA key has an unsupported public exponent (Themis accepts 3 and 65537)");
    }
    if (n.bitLength() != m * 8) {
      throw new KeyFormatException("RSA modulus does not have the size its tag declares");
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("RSA");
      java.security.Key key;
      if (isPrivate) {
        if (!p.multiply(q).equals(n)) {
          throw new KeyFormatException("RSA private key is inconsistent (p*q != n)");
        }
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        if (!dp.equals(d.mod(p1))
            || !dq.equals(d.mod(q1))
            || !qinv.multiply(q).mod(p).equals(BigInteger.ONE)
            || !e.multiply(d).mod(p1).equals(BigInteger.ONE)
            || !e.multiply(d).mod(q1).equals(BigInteger.ONE)) {
          throw new KeyFormatException("RSA private key is inconsistent (CRT parameters do not match)");
        }
        key = kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qinv));
      } else {
        key = kf.generatePublic(new RSAPublicKeySpec(n, e));
      }
      return new Parsed(KeyType.RSA, isPrivate, key, null, m * 8);
    } catch (GeneralSecurityException ex) {
      throw new KeyFormatException("RSA key rejected by the JDK provider");
    }
  }

  private static BigInteger uint(byte[] b, int off, int len) {
    byte[] v = new byte[len];
    System.arraycopy(b, off, v, 0, len);
    return new BigInteger(1, v);
  }

  static byte[] encodeEcPublic(EcCurve curve, ECPublicKey key) {
    return SoterContainer.wrap("UEC" + curve.tagDigit(), curve.encodeCompressed(key));
  }

  /**
   * Private EC keys are written as Themis 0.15 does: the scalar left-padded to field size + 1
   * bytes.
   */
  static byte[] encodeEcPrivate(EcCurve curve, ECPrivateKey key) {
    byte[] payload = new byte[curve.fieldBytes() + 1];
    EcCurve.writeFixed(key.getS(), payload, 0, payload.length);
    return SoterContainer.wrap("REC" + curve.tagDigit(), payload);
  }

  static char rsaDigit(int bits) {
    switch (bits) {
      case 1024:
        return '1';
      case 2048:
        return '2';
      case 4096:
        return '4';
      case 8192:
        return '8';
      default:
        throw new KeyFormatException("RSA key size must be 1024, 2048, 4096 or 8192 bits");
    }
  }

  static byte[] encodeRsaPublic(RSAPublicKey key) {
    int bits = key.getModulus().bitLength();
    int m = bits / 8;
    byte[] payload = new byte[m + 4];
    EcCurve.writeFixed(key.getModulus(), payload, 0, m);
    Bytes.writeBe32(payload, m, key.getPublicExponent().intValueExact());
    return SoterContainer.wrap("URA" + rsaDigit(bits), payload);
  }

  static byte[] encodeRsaPrivate(RSAPrivateCrtKey key) {
    int bits = key.getModulus().bitLength();
    int m = bits / 8;
    int h = m / 2;
    byte[] payload = new byte[m + 5 * h + m + 4];
    int off = 0;
    EcCurve.writeFixed(key.getPrivateExponent(), payload, off, m);
    off += m;
    for (BigInteger v :
        new BigInteger[] {
          key.getPrimeP(),
          key.getPrimeQ(),
          key.getPrimeExponentP(),
          key.getPrimeExponentQ(),
          key.getCrtCoefficient()
        }) {
      EcCurve.writeFixed(v, payload, off, h);
      off += h;
    }
    EcCurve.writeFixed(key.getModulus(), payload, off, m);
    off += m;
    Bytes.writeBe32(payload, off, key.getPublicExponent().intValueExact());
    return SoterContainer.wrap("RRA" + rsaDigit(bits), payload);
  }
}
