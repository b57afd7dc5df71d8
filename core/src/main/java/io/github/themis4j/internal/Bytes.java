package io.github.themis4j.internal;

import io.github.themis4j.InvalidArgumentException;
import java.security.MessageDigest;

/** Byte-order helpers and argument checks shared by the cryptosystems. Not public API. */
public final class Bytes {
  private Bytes() {}

  public static int readLe32(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  /** Reads an unsigned little-endian 32-bit value as a non-negative long. */
  public static long readLe32Unsigned(byte[] b, int off) {
    return readLe32(b, off) & 0xffffffffL;
  }

  public static int readLe16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  public static void writeLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  public static void writeLe16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  public static byte[] le32(int v) {
    byte[] b = new byte[4];
    writeLe32(b, 0, v);
    return b;
  }

  public static int readBe32(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  public static long readBe32Unsigned(byte[] b, int off) {
    return readBe32(b, off) & 0xffffffffL;
  }

  public static long readBe64(byte[] b, int off) {
    return (readBe32Unsigned(b, off) << 32) | readBe32Unsigned(b, off + 4);
  }

  public static void writeBe32(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  public static void writeBe64(byte[] b, int off, long v) {
    writeBe32(b, off, (int) (v >>> 32));
    writeBe32(b, off + 4, (int) v);
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  /**
   * Copies the big-endian unsigned number {@code v} into {@code out[off, off + len)}, left-padded
   * with zeros; leading zero bytes of {@code v} beyond {@code len} (a sign byte) are dropped.
   *
   * @throws IllegalArgumentException if the number does not fit in {@code len} bytes
   */
  public static void leftPad(byte[] v, byte[] out, int off, int len) {
    int start = 0;
    while (v.length - start > len && v[start] == 0) {
      start++;
    }
    int n = v.length - start;
    if (n > len) {
      throw new IllegalArgumentException("number does not fit in " + len + " bytes");
    }
    java.util.Arrays.fill(out, off, off + len - n, (byte) 0);
    System.arraycopy(v, start, out, off + len - n, n);
  }

  /** {@code v} as exactly {@code len} bytes (itself if it has that length), as {@link #leftPad}. */
  public static byte[] leftPad(byte[] v, int len) {
    if (v.length == len) {
      return v;
    }
    byte[] out = new byte[len];
    leftPad(v, out, 0, len);
    return out;
  }

  /** Constant-time equality of two arrays (length is not secret). */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** Rejects a null argument with the project's exception type. */
  public static byte[] requireNonNull(byte[] value, String name) {
    if (value == null) {
      throw new InvalidArgumentException(name + " must not be null");
    }
    return value;
  }

  /** Rejects a null or empty argument with the project's exception type. */
  public static byte[] requireNonEmpty(byte[] value, String name) {
    requireNonNull(value, name);
    if (value.length == 0) {
      throw new InvalidArgumentException(name + " must not be empty");
    }
    return value;
  }

  /** Returns {@code value} or an empty array for null: Themis treats a missing and an empty context alike. */
  public static byte[] orEmpty(byte[] value) {
    return value == null ? new byte[0] : value;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public static String hex(byte[] b) {
    char[] c = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      c[2 * i] = HEX[(b[i] >>> 4) & 0xf];
      c[2 * i + 1] = HEX[b[i] & 0xf];
    }
    return new String(c);
  }
}
