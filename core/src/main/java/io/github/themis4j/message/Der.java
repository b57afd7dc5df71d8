package io.github.themis4j.message;

/**
 * A strict reader for the DER {@code ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }}: short
 * or minimal long-form lengths, minimal positive integers, nothing after the sequence.
 */
final class Der {
  private Der() {}

  static boolean isCanonicalEcdsaSignature(byte[] b, int off, int len) {
    int end = off + len;
    if (len < 2 || b[off] != 0x30) {
      return false;
    }
    int[] pos = {off + 1};
    int seqLen = readLength(b, pos, end);
    if (seqLen < 0 || pos[0] + seqLen != end) {
      return false;
    }
    return readPositiveInteger(b, pos, end) && readPositiveInteger(b, pos, end) && pos[0] == end;
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

  private static boolean readPositiveInteger(byte[] b, int[] pos, int end) {
    if (pos[0] >= end || b[pos[0]++] != 0x02) {
      return false;
    }
    int n = readLength(b, pos, end);
    if (n <= 0 || pos[0] + n > end) {
      return false;
    }
    int first = b[pos[0]] & 0xff;
    if (first >= 0x80) {
      return false; // negative
    }
    if (first == 0 && (n == 1 || (b[pos[0] + 1] & 0x80) == 0)) {
      return false; // zero, or a superfluous leading zero byte
    }
    pos[0] += n;
    return true;
  }
}
