package io.github.themis4j.internal.ed25519;

import java.math.BigInteger;

/**
 * Arithmetic in GF(p), p = 2^255 - 19, on ten signed limbs of alternately 26 and 25 bits (radix
 * 2^25.5): limb {@code i} holds bits {@code POS[i] .. POS[i] + BITS[i] - 1} of the value. Not public API.
 *
 * <p>Every operation runs in time independent of the limb values: there are no branches or table
 * indices that depend on data (only on loop counters), which makes the type safe for secret values.
 *
 * <p>Invariant ("carried"): every element returned by this class has limbs in {@code (-2^15, 2^26)},
 * within {@code [0, 2^BITS[i])} for all limbs but limb 1, which may be off by a small carry. That bound
 * keeps all intermediate products of {@link #mul} below 2^61 and lets {@link #freeze} work on it.
 *
 * <p>Elements are plain {@code long[10]} arrays; callers must not share a mutable array between threads.
 */
public final class Field25519 {
  static final int LIMBS = 10;
  private static final int[] BITS = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};
  private static final int[] POS = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

  /** p = 2^255 - 19. */
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  /** sqrt(-1) = 2^((p-1)/4). */
  static final long[] SQRT_M1 = pow(fromInt(2), P.subtract(BigInteger.ONE).shiftRight(2));
  /** The Edwards curve constant d = -121665/121666. */
  static final long[] D = mul(fromInt(-121665), invert(fromInt(121666)));
  /** 2d. */
  static final long[] D2 = add(D, D);

  private Field25519() {}

  /** Returns a fresh zero element. */
  public static long[] zero() {
    return new long[LIMBS];
  }

  /** Returns a fresh one element. */
  public static long[] one() {
    return fromInt(1);
  }

  /** A small signed integer as a field element. */
  static long[] fromInt(int v) {
    long[] h = new long[LIMBS];
    h[0] = v;
    carry(h);
    return h;
  }

  /** A field element from an arbitrary (public) integer; for constants and tests only. */
  static long[] fromBigInteger(BigInteger v) {
    byte[] le = new byte[32];
    byte[] be = v.mod(P).toByteArray();
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return fromBytes(le, 0);
  }

  /** The canonical value of {@code f} as a BigInteger; for tests only (not constant-time). */
  static BigInteger toBigInteger(long[] f) {
    byte[] le = toBytes(f);
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  /**
   * Reads 32 little-endian bytes, ignoring bit 255 (as ref10's fe_frombytes does). The result may
   * represent a value in [p, 2^255): arithmetic treats it modulo p, so no canonicity is enforced.
   */
  public static long[] fromBytes(byte[] s, int off) {
    long[] h = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      long v = 0;
      int first = POS[i] >>> 3;
      int last = (POS[i] + BITS[i] - 1) >>> 3;
      for (int b = last; b >= first; b--) {
        v = (v << 8) | (s[off + b] & 0xff);
      }
      h[i] = (v >>> (POS[i] & 7)) & ((1L << BITS[i]) - 1);
    }
    return h;
  }

  /** The canonical 32-byte little-endian encoding of {@code f} (value fully reduced mod p, bit 255 clear). */
  public static byte[] toBytes(long[] f) {
    long[] t = freeze(f);
    byte[] out = new byte[32];
    long acc = 0;
    int accBits = 0;
    int o = 0;
    for (int i = 0; i < LIMBS; i++) {
      acc |= t[i] << accBits;
      accBits += BITS[i];
      while (accBits >= 8) {
        out[o++] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    out[o] = (byte) acc; // the last 7 bits (255 = 31 * 8 + 7)
    return out;
  }

  /**
   * Sequential floor carry: brings every limb into [0, 2^BITS[i]) and folds the carry out of the top
   * limb back into limb 0 (2^255 = 19 mod p), then carries limb 0 once more. Accepts limbs up to
   * about 2^62 in magnitude.
   */
  static void carry(long[] h) {
    for (int i = 0; i < LIMBS - 1; i++) {
      long c = h[i] >> BITS[i];
      h[i] -= c << BITS[i];
      h[i + 1] += c;
    }
    long c = h[9] >> 25;
    h[9] -= c << 25;
    h[0] += 19 * c;
    c = h[0] >> 26;
    h[0] -= c << 26;
    h[1] += c;
  }

  /**
   * The fully reduced representation of {@code f}: limbs in [0, 2^BITS[i]) and value in [0, p).
   * Works on any carried element.
   */
  static long[] freeze(long[] f) {
    long[] t = f.clone();
    // Add 4p limb by limb so that every limb is positive; 4p's limbs are at least 2^27 - 76,
    // larger than any carried limb's magnitude. The value is now in (0, 8p).
    t[0] += 4 * ((1L << 26) - 19);
    for (int i = 1; i < LIMBS; i++) {
      t[i] += 4 * ((1L << BITS[i]) - 1);
    }
    // Carry into an overflow count (value < 2^258, so top < 8), fold, and repeat: after the
    // second fold the value is below 2^255 + 19 * 8, after the third it is in [0, 2^255).
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < LIMBS - 1; i++) {
        long c = t[i] >>> BITS[i];
        t[i] &= (1L << BITS[i]) - 1;
        t[i + 1] += c;
      }
      long top = t[9] >>> 25;
      t[9] &= (1L << 25) - 1;
      t[0] += 19 * top;
    }
    // Now v in [0, 2^255). v >= p exactly when v + 19 >= 2^255; then the answer is v + 19 - 2^255.
    long[] u = t.clone();
    u[0] += 19;
    for (int i = 0; i < LIMBS - 1; i++) {
      long c = u[i] >>> BITS[i];
      u[i] &= (1L << BITS[i]) - 1;
      u[i + 1] += c;
    }
    long over = u[9] >>> 25; // 0 or 1
    u[9] &= (1L << 25) - 1;
    long mask = -over; // all ones when v >= p
    for (int i = 0; i < LIMBS; i++) {
      t[i] = (u[i] & mask) | (t[i] & ~mask);
    }
    return t;
  }

  /** f + g. */
  public static long[] add(long[] f, long[] g) {
    long[] h = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      h[i] = f[i] + g[i];
    }
    carry(h);
    return h;
  }

  /** f - g. */
  public static long[] sub(long[] f, long[] g) {
    long[] h = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      h[i] = f[i] - g[i];
    }
    carry(h);
    return h;
  }

  /** -f. */
  public static long[] neg(long[] f) {
    return sub(new long[LIMBS], f);
  }

  /**
   * f * g. In radix 2^25.5 the product of limbs i and j lands at position POS[i] + POS[j], which is
   * POS[i + j] plus one extra bit when both i and j are odd (factor 2); positions past 2^255 wrap
   * to limb i + j - 10 with factor 19.
   */
  public static long[] mul(long[] f, long[] g) {
    // Each term is below 2^58 for carried inputs, each sum of ten below 2^62.
    long f0 = f[0]; long f1 = f[1]; long f2 = f[2]; long f3 = f[3]; long f4 = f[4]; long f5 = f[5];
    long f6 = f[6]; long f7 = f[7]; long f8 = f[8]; long f9 = f[9];
    long g0 = g[0]; long g1 = g[1]; long g2 = g[2]; long g3 = g[3]; long g4 = g[4]; long g5 = g[5];
    long g6 = g[6]; long g7 = g[7]; long g8 = g[8]; long g9 = g[9];
    long f1x2 = 2 * f1; long f3x2 = 2 * f3; long f5x2 = 2 * f5; long f7x2 = 2 * f7; long f9x2 = 2 * f9;
    long g1x19 = 19 * g1; long g2x19 = 19 * g2; long g3x19 = 19 * g3; long g4x19 = 19 * g4;
    long g5x19 = 19 * g5; long g6x19 = 19 * g6; long g7x19 = 19 * g7; long g8x19 = 19 * g8;
    long g9x19 = 19 * g9;
    long[] h = new long[LIMBS];
    h[0] = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19 + f5x2 * g5x19 + f6 * g4x19
        + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
    h[1] = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19 + f5 * g6x19 + f6 * g5x19 + f7 * g4x19
        + f8 * g3x19 + f9 * g2x19;
    h[2] = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19 + f5x2 * g7x19 + f6 * g6x19
        + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
    h[3] = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19 + f5 * g8x19 + f6 * g7x19 + f7 * g6x19
        + f8 * g5x19 + f9 * g4x19;
    h[4] = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0 + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19
        + f8 * g6x19 + f9x2 * g5x19;
    h[5] = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9x19 + f7 * g8x19
        + f8 * g7x19 + f9 * g6x19;
    h[6] = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2 + f5x2 * g1 + f6 * g0 + f7x2 * g9x19
        + f8 * g8x19 + f9x2 * g7x19;
    h[7] = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19
        + f9 * g8x19;
    h[8] = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4 + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0
        + f9x2 * g9x19;
    h[9] = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1
        + f9 * g0;
    carry(h);
    return h;
  }

  /** f^2, with the symmetric products computed once. */
  public static long[] sq(long[] f) {
    long f0 = f[0]; long f1 = f[1]; long f2 = f[2]; long f3 = f[3]; long f4 = f[4]; long f5 = f[5];
    long f6 = f[6]; long f7 = f[7]; long f8 = f[8]; long f9 = f[9];
    long[] h = new long[LIMBS];
    h[0] = f0 * f0 + 76 * f1 * f9 + 38 * f2 * f8 + 76 * f3 * f7 + 38 * f4 * f6 + 38 * f5 * f5;
    h[1] = 2 * f0 * f1 + 38 * f2 * f9 + 38 * f3 * f8 + 38 * f4 * f7 + 38 * f5 * f6;
    h[2] = 2 * f0 * f2 + 2 * f1 * f1 + 76 * f3 * f9 + 38 * f4 * f8 + 76 * f5 * f7 + 19 * f6 * f6;
    h[3] = 2 * f0 * f3 + 2 * f1 * f2 + 38 * f4 * f9 + 38 * f5 * f8 + 38 * f6 * f7;
    h[4] = 2 * f0 * f4 + 4 * f1 * f3 + f2 * f2 + 76 * f5 * f9 + 38 * f6 * f8 + 38 * f7 * f7;
    h[5] = 2 * f0 * f5 + 2 * f1 * f4 + 2 * f2 * f3 + 38 * f6 * f9 + 38 * f7 * f8;
    h[6] = 2 * f0 * f6 + 4 * f1 * f5 + 2 * f2 * f4 + 2 * f3 * f3 + 76 * f7 * f9 + 19 * f8 * f8;
    h[7] = 2 * f0 * f7 + 2 * f1 * f6 + 2 * f2 * f5 + 2 * f3 * f4 + 38 * f8 * f9;
    h[8] = 2 * f0 * f8 + 4 * f1 * f7 + 2 * f2 * f6 + 4 * f3 * f5 + f4 * f4 + 38 * f9 * f9;
    h[9] = 2 * f0 * f9 + 2 * f1 * f8 + 2 * f2 * f7 + 2 * f3 * f6 + 2 * f4 * f5;
    carry(h);
    return h;
  }

  /** f^e for a public exponent e >= 1 (square-and-multiply over e's bits; time depends only on e). */
  static long[] pow(long[] f, BigInteger e) {
    long[] r = one();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      r = sq(r);
      if (e.testBit(i)) {
        r = mul(r, f);
      }
    }
    return r;
  }

  /** f^(2^n). */
  private static long[] sqTimes(long[] f, int n) {
    long[] r = f;
    for (int i = 0; i < n; i++) {
      r = sq(r);
    }
    return r;
  }

  /**
   * The addition chain shared by {@link #invert} and {@link #pow22523}: returns {f^11, f^(2^250 - 1)}.
   * Each step names the exponent it reaches.
   */
  private static long[][] chain(long[] f) {
    long[] f2 = sq(f); // 2
    long[] f9 = mul(sqTimes(f2, 2), f); // 9
    long[] f11 = mul(f9, f2); // 11
    long[] e5 = mul(sq(f11), f9); // 2^5 - 1 = 31
    long[] e10 = mul(sqTimes(e5, 5), e5); // 2^10 - 1
    long[] e20 = mul(sqTimes(e10, 10), e10); // 2^20 - 1
    long[] e40 = mul(sqTimes(e20, 20), e20); // 2^40 - 1
    long[] e50 = mul(sqTimes(e40, 10), e10); // 2^50 - 1
    long[] e100 = mul(sqTimes(e50, 50), e50); // 2^100 - 1
    long[] e200 = mul(sqTimes(e100, 100), e100); // 2^200 - 1
    long[] e250 = mul(sqTimes(e200, 50), e50); // 2^250 - 1
    return new long[][] {f11, e250};
  }

  /** 1/f (0 for f = 0), as f^(p-2) = f^(2^255 - 21) = (f^(2^250 - 1))^(2^5) * f^11. */
  public static long[] invert(long[] f) {
    long[][] c = chain(f);
    return mul(sqTimes(c[1], 5), c[0]);
  }

  /** f^((p-5)/8) = f^(2^252 - 3) = (f^(2^250 - 1))^4 * f, for the square root in point decoding. */
  static long[] pow22523(long[] f) {
    long[][] c = chain(f);
    return mul(sqTimes(c[1], 2), f);
  }

  /** Whether f = 0 (mod p); constant-time in the value. */
  public static boolean isZero(long[] f) {
    long[] t = freeze(f);
    long acc = 0;
    for (int i = 0; i < LIMBS; i++) {
      acc |= t[i];
    }
    return acc == 0;
  }

  /** The lowest bit (0 or 1) of the canonical value of f, computed without branches. */
  public static int parity(long[] f) {
    return (int) (freeze(f)[0] & 1);
  }

  /** Whether the canonical value of f is odd ("negative" in the Ed25519 encoding sense). */
  public static boolean isNegative(long[] f) {
    return parity(f) == 1;
  }

  /** Whether f = g (mod p). */
  public static boolean equal(long[] f, long[] g) {
    return isZero(sub(f, g));
  }

  /** f = b ? g : f, for b in {0, 1}, without a branch on b. */
  public static void cmov(long[] f, long[] g, int b) {
    long mask = -(long) b;
    for (int i = 0; i < LIMBS; i++) {
      f[i] ^= mask & (f[i] ^ g[i]);
    }
  }
}
