package io.github.themis4j.internal;

import io.github.themis4j.InvalidArgumentException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * PBKDF2-HMAC-SHA-256 (RFC 8018 section 5.2) over raw password bytes. The JCA {@code
 * PBKDF2WithHmacSHA256} takes {@code char[]} and cannot carry arbitrary bytes, which Themis
 * passphrases may be.
 *
 * <p>HMAC is computed from the JDK's SHA-256 (intrinsic-backed) with the inner and outer padded-key
 * states hashed once and cloned for every iteration, so each iteration costs two SHA-256
 * compressions instead of the four a plain {@code Mac} spends; that halves the time of a Themis
 * passphrase operation. Thread-safe (no shared state). Not public API.
 */
public final class Pbkdf2 {
  private static final int BLOCK = 64;
  private static final int HASH = 32;

  private Pbkdf2() {}

  /**
   * Derives {@code length} bytes. An empty password is allowed (HMAC pads every key with zeros).
   *
   * @throws InvalidArgumentException if {@code iterations} or {@code length} is not positive
   */
  public static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) {
    if (iterations < 1) {
      throw new InvalidArgumentException("PBKDF2 iteration count must be positive");
    }
    if (length < 1) {
      throw new InvalidArgumentException("PBKDF2 output length must be positive");
    }
    MessageDigest sha = sha256();
    byte[] key = password.length > BLOCK ? sha.digest(password) : password;
    byte[] pad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
    }
    MessageDigest inner = sha256();
    inner.update(pad);
    for (int i = 0; i < BLOCK; i++) {
      pad[i] ^= 0x36 ^ 0x5c;
    }
    MessageDigest outer = sha256();
    outer.update(pad);
    Arrays.fill(pad, (byte) 0);

    byte[] out = new byte[length];
    byte[] u = new byte[HASH];
    byte[] t = new byte[HASH];
    byte[] counter = new byte[4];
    try {
      for (int block = 1, off = 0; off < length; block++, off += HASH) {
        Bytes.writeBe32(counter, 0, block);
        // U1 = HMAC(P, S || INT_BE(block))
        MessageDigest h = copy(inner);
        h.update(salt);
        h.update(counter);
        h.digest(u, 0, HASH);
        h = copy(outer);
        h.update(u);
        h.digest(u, 0, HASH);
        System.arraycopy(u, 0, t, 0, HASH);
        for (int i = 1; i < iterations; i++) { // Ui = HMAC(P, Ui-1)
          h = copy(inner);
          h.update(u);
          h.digest(u, 0, HASH);
          h = copy(outer);
          h.update(u);
          h.digest(u, 0, HASH);
          for (int j = 0; j < HASH; j++) {
            t[j] ^= u[j];
          }
        }
        System.arraycopy(t, 0, out, off, Math.min(HASH, length - off));
      }
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  private static MessageDigest copy(MessageDigest state) {
    try {
      return (MessageDigest) state.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }
}
