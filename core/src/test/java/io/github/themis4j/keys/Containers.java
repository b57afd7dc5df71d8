package io.github.themis4j.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.util.zip.CRC32C;

/**
 * Builds Themis key containers by hand, independently of the production codec, from the layouts in
 * Themis's soter_container.h, soter_ec_key.h and soter_rsa_key.h: tag, BE32 total size, CRC-32C
 * (computed with the CRC field zero, stored little-endian), payload.
 */
final class Containers {
  private Containers() {}

  static byte[] container(String tag, byte[] payload) {
    byte[] out = new byte[12 + payload.length];
    System.arraycopy(tag.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 4);
    int size = out.length;
    out[4] = (byte) (size >>> 24);
    out[5] = (byte) (size >>> 16);
    out[6] = (byte) (size >>> 8);
    out[7] = (byte) size;
    System.arraycopy(payload, 0, out, 12, payload.length);
    CRC32C crc = new CRC32C();
    crc.update(out);
    long c = crc.getValue();
    out[8] = (byte) c;
    out[9] = (byte) (c >>> 8);
    out[10] = (byte) (c >>> 16);
    out[11] = (byte) (c >>> 24);
    return out;
  }

  /** Re-computes the CRC (over the whole array) of a container whose bytes were edited. */
  static byte[] rechecksum(byte[] container) {
    return withCrc(container);
  }

  private static byte[] withCrc(byte[] c) {
    byte[] z = c.clone();
    z[8] = z[9] = z[10] = z[11] = 0;
    CRC32C crc = new CRC32C();
    crc.update(z);
    long v = crc.getValue();
    z[8] = (byte) v;
    z[9] = (byte) (v >>> 8);
    z[10] = (byte) (v >>> 16);
    z[11] = (byte) (v >>> 24);
    return z;
  }

  /** Unsigned big-endian, left-padded with zeros to {@code len} bytes. */
  static byte[] fixed(BigInteger v, int len) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(b.length, len);
    System.arraycopy(b, b.length - n, out, len - n, n);
    if (b.length > len && (b.length != len + 1 || b[0] != 0)) {
      throw new IllegalArgumentException("does not fit");
    }
    return out;
  }

  static byte[] ecPrivate(char curveDigit, BigInteger d, int payloadLength) {
    return container("REC" + curveDigit, fixed(d, payloadLength));
  }

  static byte[] ecPublic(char curveDigit, ECPoint w, int fieldBytes, boolean compressed) {
    byte[] x = fixed(w.getAffineX(), fieldBytes);
    byte[] payload;
    if (compressed) {
      payload = new byte[1 + fieldBytes];
      payload[0] = (byte) (w.getAffineY().testBit(0) ? 3 : 2);
      System.arraycopy(x, 0, payload, 1, fieldBytes);
    } else {
      payload = new byte[1 + 2 * fieldBytes];
      payload[0] = 4;
      System.arraycopy(x, 0, payload, 1, fieldBytes);
      System.arraycopy(fixed(w.getAffineY(), fieldBytes), 0, payload, 1 + fieldBytes, fieldBytes);
    }
    return container("UEC" + curveDigit, payload);
  }

  static char rsaDigit(int bits) {
    return switch (bits) {
      case 1024 -> '1';
      case 2048 -> '2';
      case 4096 -> '4';
      case 8192 -> '8';
      default -> throw new IllegalArgumentException("bits");
    };
  }

  /** URAx: n (m bytes) || e (BE32). */
  static byte[] rsaPublic(RSAPublicKey k) {
    int bits = k.getModulus().bitLength();
    int m = bits / 8;
    byte[] payload = new byte[m + 4];
    System.arraycopy(fixed(k.getModulus(), m), 0, payload, 0, m);
    System.arraycopy(fixed(k.getPublicExponent(), 4), 0, payload, m, 4);
    return container("URA" + rsaDigit(bits), payload);
  }

  /** RRAx: d (m) || p, q, dp, dq, qinv (m/2 each) || n (m) || e (BE32). */
  static byte[] rsaPrivate(RSAPrivateCrtKey k) {
    int bits = k.getModulus().bitLength();
    int m = bits / 8;
    int h = m / 2;
    BigInteger[] halves = {
      k.getPrimeP(),
      k.getPrimeQ(),
      k.getPrimeExponentP(),
      k.getPrimeExponentQ(),
      k.getCrtCoefficient()
    };
    byte[] payload = new byte[m + 5 * h + m + 4];
    System.arraycopy(fixed(k.getPrivateExponent(), m), 0, payload, 0, m);
    for (int i = 0; i < 5; i++) {
      System.arraycopy(fixed(halves[i], h), 0, payload, m + i * h, h);
    }
    System.arraycopy(fixed(k.getModulus(), m), 0, payload, m + 5 * h, m);
    System.arraycopy(fixed(k.getPublicExponent(), 4), 0, payload, 2 * m + 5 * h, 4);
    return container("RRA" + rsaDigit(bits), payload);
  }
}
