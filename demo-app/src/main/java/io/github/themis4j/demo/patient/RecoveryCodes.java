package io.github.themis4j.demo.patient;

import java.security.SecureRandom;

/**
 * One-time recovery codes: 16 random characters of Crockford's base32 alphabet (80 bits) in four
 * groups, {@code 7KQ2-M9XD-...}. High entropy matters: Secure Comparator tells a peer whether its
 * guess is right, so a short code could be guessed by trying. Thread-safe.
 */
public final class RecoveryCodes {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Length of a code with its dashes. */
  public static final int LENGTH = 19;

  private RecoveryCodes() {}

  /** A fresh random code. */
  public static String generate() {
    StringBuilder s = new StringBuilder(LENGTH);
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        s.append('-');
      }
      s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return s.toString();
  }
}
