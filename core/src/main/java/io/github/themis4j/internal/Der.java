package io.github.themis4j.internal;

import java.math.BigInteger;

/**
 * The DER form of ECDSA signatures. A strict reader for the DER {@code ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }}: short
 * or minimal long-form lengths, minimal positive integers, nothing after the sequence. BoringSSL
 * and OpenSSL accept exactly this (they re-encode the parsed signature and compare).
 */
public final class Der {
  private Der() {}

  /** Returns {r, s}, or null unless {@code b[off, off + len)} is a canonical DER signature. */
  public static BigInteger[] parseEcdsaSignature(byte[] b, int off, int len) {
    int end = off + len;
    if (len < 2 || b[off] != 0x30) {
      return null;
    }
    int[] pos = {off + 1};
    int seqLen = readLength(b, pos, end);
    if (seqLen < 0 || pos[0] + seqLen != end) {
      return null;
    }
    BigInteger r = readPositiveInteger(b, pos, end);
    BigInteger s = r == null ? null : readPositiveInteger(b, pos, end);
    return s == null || pos[0] != end ? null : new BigInteger[] {r, s};
  }

  /**
   * Encodes {r, s} (both positive) as DER {@code ECDSA-Sig-Value}: minimal integers, short-form
   * lengths up to 127 and the one-byte long form above (P-521 signatures reach 139 bytes).
   */
  public static byte[] encodeEcdsaSignature(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray(); // minimal two's complement: a leading zero only if the top bit is set
    byte[] sb = s.toByteArray();
    int body = 2 + rb.length + 2 + sb.length;
    int head = body < 0x80 ? 2 : 3;
    byte[] out = new byte[head + body];
    out[0] = 0x30;
    if (head == 2) {
      out[1] = (byte) body;
    } else {
      out[1] = (byte) 0x81;
      out[2] = (byte) body;
    }
    int pos = writeInteger(out, head, rb);
    writeInteger(out, pos, sb);
    return out;
  }

  private static int writeInteger(byte[] out, int pos, byte[] v) {
    out[pos] = 0x02;
    out[pos + 1] = (byte) v.length; // at most 67 bytes for P-521
    System.arraycopy(v, 0, out, pos + 2, v.length);
    return pos + 2 + v.length;
  }

  /** Reads a DER length at {@code pos[0]}; returns -1 unless it is minimally encoded and fits. */
  private static int readLength(byte[] b, int[] pos, int end) {
    if (pos[0] >= end) {
      return -1;
    }
    int first = b[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int count = first & 0x7f;
    if (count == 0 || count > 2 || pos[0] + count > end) {
      return -1; // indefinite length, or longer than any ECDSA signature can be
    }
    int v = 0;
    for (int i = 0; i < count; i++) {
      v = (v << 8) | (b[pos[0]++] & 0xff);
    }
    if (v < 0x80 || (count == 2 && v < 0x100)) {
      return -1; // not minimal
    }
    return v;
  }

  private static BigInteger readPositiveInteger(byte[] b, int[] pos, int end) {
    if (pos[0] >= end || b[pos[0]++] != 0x02) {
      return null;
    }
    int n = readLength(b, pos, end);
    if (n <= 0 || pos[0] + n > end) {
      return null;
    }
    int first = b[pos[0]] & 0xff;
    if (first >= 0x80) {
      return null; // negative
    }
    if (first == 0 && (n == 1 || (b[pos[0] + 1] & 0x80) == 0)) {
      return null; // zero, or a superfluous leading zero byte
    }
    byte[] v = new byte[n];
    System.arraycopy(b, pos[0], v, 0, n);
    pos[0] += n;
    return new BigInteger(1, v);
  }
}
