package io.github.themis4j.internal.ed25519;

import java.math.BigInteger;

/**
 * An independent, slow, textbook model of edwards25519 in affine coordinates with BigInteger, written
 * from RFC 8032 section 5.1 for cross-checking the production code. Not constant-time; tests only.
 */
final class RefEdwards {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** An affine point (x, y). */
  record Pt(BigInteger x, BigInteger y) {
    static final Pt IDENTITY = new Pt(BigInteger.ZERO, BigInteger.ONE);

    Pt add(Pt q) {
      BigInteger xy = x.multiply(q.x).multiply(y).multiply(q.y).multiply(D).mod(P);
      BigInteger nx = x.multiply(q.y).add(q.x.multiply(y));
      BigInteger ny = y.multiply(q.y).add(x.multiply(q.x)); // a = -1
      BigInteger x3 = nx.multiply(BigInteger.ONE.add(xy).modInverse(P)).mod(P);
      BigInteger y3 = ny.multiply(BigInteger.ONE.subtract(xy).mod(P).modInverse(P)).mod(P);
      return new Pt(x3, y3);
    }

    Pt negate() {
      return new Pt(x.negate().mod(P), y);
    }

    Pt multiply(BigInteger k) {
      Pt r = IDENTITY;
      for (int i = k.bitLength() - 1; i >= 0; i--) {
        r = r.add(r);
        if (k.testBit(i)) {
          r = r.add(this);
        }
      }
      return r;
    }

    byte[] encode() {
      byte[] out = le(y);
      if (x.testBit(0)) {
        out[31] |= (byte) 0x80;
      }
      return out;
    }
  }

  static final Pt BASE = decode(hexToBytes("5866666666666666666666666666666666666666666666666666666666666666"));

  private RefEdwards() {}

  /** Decoding with the leniencies of ref10: bit 255 ignored for y, y taken mod p, x = 0 with sign 1 allowed. */
  static Pt decode(byte[] s) {
    byte[] c = s.clone();
    boolean sign = (c[31] & 0x80) != 0;
    c[31] &= 0x7f;
    BigInteger y = fromLe(c).mod(P);
    BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(x2)) {
      x = x.multiply(SQRT_M1).mod(P);
      if (!x.multiply(x).mod(P).equals(x2)) {
        return null;
      }
    }
    if (x.testBit(0) != sign) {
      x = x.negate().mod(P);
    }
    return new Pt(x, y);
  }

  static BigInteger fromLe(byte[] le) {
    byte[] be = new byte[le.length + 1];
    for (int i = 0; i < le.length; i++) {
      be[le.length - i] = le[i];
    }
    return new BigInteger(be);
  }

  static byte[] le(BigInteger v) {
    byte[] out = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < 32 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  static byte[] le64(BigInteger v) {
    byte[] out = new byte[64];
    byte[] be = v.toByteArray();
    for (int i = 0; i < 64 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  static byte[] hexToBytes(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
