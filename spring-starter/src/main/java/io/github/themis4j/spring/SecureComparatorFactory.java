package io.github.themis4j.spring;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.comparator.SecureComparator;
import java.nio.charset.Charset;

/**
 * Creates Secure Comparators: a zero-knowledge comparison of a secret with a peer's that reveals only
 * whether they are equal (see {@link SecureComparator} for the guarantees, and rate-limit comparisons
 * of low-entropy secrets). The factory is stateless and thread-safe; each comparator is single-use
 * and must stay on one thread.
 */
public final class SecureComparatorFactory {
  /**
   * A comparator for {@code secret} (hashed at once and not retained; the caller may wipe it).
   *
   * @throws InvalidArgumentException if {@code secret} is null or empty
   */
  public SecureComparator create(byte[] secret) {
    return new SecureComparator(secret);
  }

  /**
   * A comparator for {@code secret} encoded with {@code charset}. Both sides must encode the same
   * way: JavaThemis's {@code SecureCompare(String)} uses UTF-16 (big-endian with a byte-order mark,
   * {@code StandardCharsets.UTF_16}); other peers typically UTF-8.
   *
   * @throws InvalidArgumentException if an argument is null or {@code secret} is empty
   */
  public SecureComparator create(String secret, Charset charset) {
    if (secret == null || charset == null) {
      throw new InvalidArgumentException("secret and charset must not be null");
    }
    return new SecureComparator(secret.getBytes(charset));
  }

  @Override
  public String toString() {
    return "SecureComparatorFactory";
  }
}
