package io.github.themis4j.internal.ed25519;

/**
 * Scalars of Ed25519: 32-byte little-endian integers, arithmetic modulo the prime group order
 * L = 2^252 + 27742317777372353535851937790883648493. Not public API.
 *
 * <p>{@link #reduce} and {@link #mulAdd} run in time independent of their inputs (fixed loops over
 * 32-bit words, selection by masks), so they may be applied to secret scalars.
 */
public final class Scalar25519 {
  /** L as 32 little-endian bytes. */
  public static final byte[] L_BYTES = {
    (byte) 0xed, (byte) 0xd3, (byte) 0xf5, (byte) 0x5c, (byte) 0x1a, (byte) 0x63, (byte) 0x12, (byte) 0x58,
    (byte) 0xd6, (byte) 0x9c, (byte) 0xf7, (byte) 0xa2, (byte) 0xde, (byte) 0xf9, (byte) 0xde, (byte) 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x10
  };

  /** L as eight little-endian 32-bit words (each in a long, 0 .. 2^32 - 1). */
  private static final long[] L_WORDS = words(L_BYTES, 8);
  private static final long MASK32 = 0xffffffffL;

  private Scalar25519() {}

  /**
   * Clamps 32 bytes in place the way Themis ({@code clip_random_32}) and Ed25519 do: clears the low
   * three bits and bit 255, sets bit 254.
   */
  public static byte[] clamp(byte[] r) {
    r[0] &= (byte) 248;
    r[31] &= 63;
    r[31] |= 64;
    return r;
  }

  /** Whether the 32-byte little-endian integer {@code s} is below L (variable time; for public values). */
  public static boolean isCanonical(byte[] s, int off) {
    for (int i = 31; i >= 0; i--) {
      int a = s[off + i] & 0xff;
      int b = L_BYTES[i] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return false; // equal to L
  }

  /** (64-byte little-endian integer) mod L, as 32 bytes. */
  public static byte[] reduce(byte[] s64) {
    if (s64.length != 64) {
      throw new IllegalArgumentException("reduce takes 64 bytes");
    }
    return toBytes(reduceWords(words(s64, 16)));
  }

  /** (a * b + c) mod L for 32-byte little-endian integers a, b, c (any 256-bit values). */
  public static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
    long[] aw = words(a, 8);
    long[] bw = words(b, 8);
    long[] cw = words(c, 8);
    long[] r = new long[16];
    // Schoolbook product; every step stays below 2^64 as an unsigned value:
    // (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1.
    for (int i = 0; i < 8; i++) {
      long carry = 0;
      for (int j = 0; j < 8; j++) {
        long t = aw[i] * bw[j] + r[i + j] + carry;
        // Unsigned split of t: the sum cannot exceed 2^64 - 1, so the wrap-around is exact.
        r[i + j] = t & MASK32;
        carry = t >>> 32;
      }
      r[i + 8] = carry;
    }
    // + c; a * b + c < 2^512.
    long carry = 0;
    for (int i = 0; i < 16; i++) {
      long t = r[i] + (i < 8 ? cw[i] : 0) + carry;
      r[i] = t & MASK32;
      carry = t >>> 32;
    }
    return toBytes(reduceWords(r));
  }

  /**
   * Binary long division by L on a 512-bit value in 16 words: for i = 259 .. 0 subtract L * 2^i when
   * it does not exceed the remainder. Since the value is below 2^512 < L * 2^260, each step leaves a
   * remainder below L * 2^i, so the final remainder is below L. Fixed iteration counts; the choice
   * to subtract is made with a mask.
   */
  private static long[] reduceWords(long[] x) {
    long[] diff = new long[16];
    for (int i = 259; i >= 0; i--) {
      int wordShift = i >>> 5;
      int bitShift = i & 31;
      long borrow = 0;
      for (int k = 0; k < 16; k++) {
        long lk = shiftedWord(k - wordShift, bitShift);
        long d = x[k] - lk - borrow;
        diff[k] = d & MASK32;
        borrow = d >>> 63; // 1 when d went negative
      }
      long keep = borrow - 1; // all ones when x >= L * 2^i (no final borrow), else 0
      for (int k = 0; k < 16; k++) {
        x[k] = (diff[k] & keep) | (x[k] & ~keep);
      }
    }
    return x;
  }

  /** Word {@code k} of L shifted left by {@code bitShift} bits (0 outside L's nine words). */
  private static long shiftedWord(int k, int bitShift) {
    long lo = k >= 0 && k < 8 ? L_WORDS[k] : 0;
    long below = k - 1 >= 0 && k - 1 < 8 ? L_WORDS[k - 1] : 0;
    if (bitShift == 0) {
      return lo;
    }
    return ((lo << bitShift) | (below >>> (32 - bitShift))) & MASK32;
  }

  private static long[] words(byte[] b, int n) {
    if (b.length != 4 * n) {
      throw new IllegalArgumentException("expected " + 4 * n + " bytes");
    }
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = (b[4 * i] & 0xffL) | (b[4 * i + 1] & 0xffL) << 8 | (b[4 * i + 2] & 0xffL) << 16
          | (b[4 * i + 3] & 0xffL) << 24;
    }
    return w;
  }

  private static byte[] toBytes(long[] w) {
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      out[4 * i] = (byte) w[i];
      out[4 * i + 1] = (byte) (w[i] >>> 8);
      out[4 * i + 2] = (byte) (w[i] >>> 16);
      out[4 * i + 3] = (byte) (w[i] >>> 24);
    }
    return out;
  }
}
