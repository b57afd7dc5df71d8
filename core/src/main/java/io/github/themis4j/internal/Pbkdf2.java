package io.github.themis4j.internal;

import io.github.themis4j.InvalidArgumentException;

/**
 * PBKDF2-HMAC-SHA-256 (RFC 8018 section 5.2) over raw password bytes, on the JDK's HMAC. The JCA
 * {@code PBKDF2WithHmacSHA256} takes {@code char[]} and cannot carry arbitrary bytes, which
 * Themis passphrases may be. Not public API.
 */
public final class Pbkdf2 {
  private Pbkdf2() {}

  public static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) {
    if (iterations < 1) {
      throw new InvalidArgumentException("PBKDF2 iteration count must be positive");
    }
    if (length < 1) {
      throw new InvalidArgumentException("PBKDF2 output length must be positive");
    }
    // HMAC refuses an empty key through the JCA; HMAC pads any key shorter than a block with zeros,
    // so the empty key and the single zero byte give the same MAC.
    byte[] key = password.length == 0 ? new byte[] {0} : password;
    byte[] out = new byte[length];
    byte[] u = new byte[32];
    byte[] t = new byte[32];
    byte[] counter = new byte[4];
    Hmac mac = Hmac.sha256(key);
    for (int block = 1, off = 0; off < length; block++, off += 32) {
      Bytes.writeBe32(counter, 0, block);
      mac.update(salt).update(counter).doFinal(u, 0); // U1 = HMAC(P, S || INT_BE(block))
      System.arraycopy(u, 0, t, 0, 32);
      for (int i = 1; i < iterations; i++) {
        mac.update(u).doFinal(u, 0); // Ui = HMAC(P, Ui-1)
        for (int j = 0; j < 32; j++) {
          t[j] ^= u[j];
        }
      }
      System.arraycopy(t, 0, out, off, Math.min(32, length - off));
    }
    return out;
  }
}
