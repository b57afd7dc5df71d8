package io.github.themis4j.jpa;

/**
 * Decides the {@link StoredShape} of a column value from its bytes (rules and the argument why they
 * are unambiguous: {@code docs/FORMAT.md}, section 10). Pure functions, no decryption.
 */
final class StoredShapes {
  /** Offsets after the envelope where a Secure Cell header can start: 3 + key id length (1..64). */
  private static final int LAST_HEADER_OFFSET = 3 + 64;

  private static final int SIGNATURE_LENGTH = 12;

  /** Base64 characters considered when looking for the envelope in a text value. */
  private static final int TEXT_WINDOW = 4 * ((LAST_HEADER_OFFSET + SIGNATURE_LENGTH + 5) / 3 + 1);

  /**
   * A text value whose first group decodes to the envelope's first byte is an envelope if it has at
   * least this many characters, all base64 (one character after the first four may be anything in
   * a value of 64 characters or more: the shortest envelope has 68).
   */
  static final int TEXT_PREFIX = 16;

  private StoredShapes() {}

  /** The shape of the bytes of a binary column. */
  static StoredShape ofBinary(byte[] b) {
    if (b.length == 0) {
      return StoredShape.PLAINTEXT;
    }
    if ((b[0] & 0xff) == EncryptedValueCodec.FORMAT_VERSION) {
      return StoredShape.ENVELOPE;
    }
    if (signatureAt(b, null, 0)) {
      return StoredShape.FOREIGN_CELL;
    }
    for (int offset = 1; offset <= LAST_HEADER_OFFSET; offset++) {
      if (signatureAt(b, null, offset)) {
        return StoredShape.ENVELOPE; // a Secure Cell behind a damaged envelope
      }
    }
    return StoredShape.PLAINTEXT;
  }

  /**
   * The shape of a text (base64) column value. Each group of four characters is decoded on its own,
   * so one damaged character hides three bytes and nothing else; the four alignments are tried, so
   * a deleted or inserted character does not hide the Secure Cell header either.
   */
  static StoredShape ofText(String s) {
    for (int shift = 0; shift < 4; shift++) {
      int groups = Math.max(0, Math.min(s.length() - shift, TEXT_WINDOW) / 4);
      byte[] b = new byte[groups * 3];
      boolean[] known = new boolean[b.length];
      decodeGroups(s, shift, b, known);
      if (shift == 0 && startsLikeEnvelope(s, b, known)) {
        return StoredShape.ENVELOPE;
      }
      if (shift == 0 && signatureAt(b, known, 0)) {
        return isStrictBase64(s) ? StoredShape.FOREIGN_CELL : StoredShape.ENVELOPE;
      }
      // a character deleted or inserted before the header shifts it by 6 bits: look at the other
      // alignments too
      for (int offset = shift == 0 ? 1 : 0; offset <= LAST_HEADER_OFFSET + 3; offset++) {
        if (signatureAt(b, known, offset)) {
          return StoredShape.ENVELOPE;
        }
      }
    }
    return StoredShape.PLAINTEXT;
  }

  private static boolean startsLikeEnvelope(String s, byte[] b, boolean[] known) {
    if (b.length == 0 || !known[0] || (b[0] & 0xff) != EncryptedValueCodec.FORMAT_VERSION) {
      return false;
    }
    int damaged = 0;
    for (int i = 4; i < TEXT_PREFIX && i < s.length(); i++) {
      damaged += digit(s.charAt(i)) >= 0 ? 0 : 1;
    }
    return s.length() >= TEXT_PREFIX && (damaged == 0 || damaged == 1 && s.length() >= 64);
  }

  /** Decodes each group of four characters from {@code from} on its own. */
  private static void decodeGroups(String s, int from, byte[] b, boolean[] known) {
    for (int g = 0; g < b.length / 3; g++) {
      int v = 0;
      boolean ok = true;
      for (int i = 0; i < 4 && ok; i++) {
        int d = digit(s.charAt(from + 4 * g + i));
        ok = d >= 0;
        v = (v << 6) | Math.max(d, 0);
      }
      if (ok) {
        b[3 * g] = (byte) (v >> 16);
        b[3 * g + 1] = (byte) (v >> 8);
        b[3 * g + 2] = (byte) v;
        known[3 * g] = known[3 * g + 1] = known[3 * g + 2] = true;
      }
    }
  }

  /**
   * Whether a Themis 0.15 Seal header starts at {@code offset}: algorithm AES-256-GCM with the
   * Soter KDF ({@code 00 01 01 40}) or PBKDF2 ({@code 00 01 01 41}), IV length 12, tag length 16,
   * all little-endian.
   */
  static boolean signatureAt(byte[] b, boolean[] known, int offset) {
    if (offset + SIGNATURE_LENGTH > b.length) {
      return false;
    }
    if (known != null) {
      for (int i = offset; i < offset + SIGNATURE_LENGTH; i++) {
        if (!known[i]) {
          return false;
        }
      }
    }
    int alg = b[offset + 3] & 0xff;
    return b[offset] == 0
        && b[offset + 1] == 1
        && b[offset + 2] == 1
        && (alg == 0x40 || alg == 0x41)
        && b[offset + 4] == 12
        && b[offset + 5] == 0
        && b[offset + 6] == 0
        && b[offset + 7] == 0
        && b[offset + 8] == 16
        && b[offset + 9] == 0
        && b[offset + 10] == 0
        && b[offset + 11] == 0;
  }

  private static boolean isStrictBase64(String s) {
    try {
      java.util.Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int digit(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    } else if (c == '+') {
      return 62;
    } else if (c == '/') {
      return 63;
    }
    return -1;
  }
}
