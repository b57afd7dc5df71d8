package io.github.themis4j.keys;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;

/**
 * A Secure Cell master key. Themis accepts any non-empty key because every key goes through its
 * KDF; use {@link #generate()} (32 random bytes, as Themis does) unless you must import one.
 *
 * <p>Immutable and thread-safe. {@code toString()} never shows the key; {@link #equals} compares in
 * constant time.
 */
public final class SymmetricKey {
  /** Length of generated keys, as {@code themis_gen_sym_key}. */
  public static final int DEFAULT_LENGTH = 32;

  private final byte[] key;

  private SymmetricKey(byte[] key) {
    this.key = key;
  }

  /** Generates a new key of 32 random bytes from the platform CSPRNG. */
  public static SymmetricKey generate() {
    return new SymmetricKey(Rng.bytes(DEFAULT_LENGTH));
  }

  /**
   * Imports a key of any non-empty length.
   *
   * @throws InvalidArgumentException if the key is null or empty
   */
  public static SymmetricKey fromBytes(byte[] key) {
    Bytes.requireNonEmpty(key, "symmetric key");
    return new SymmetricKey(key.clone());
  }

  /** Returns the key bytes (a copy). This is secret material. */
  public byte[] toByteArray() {
    return key.clone();
  }

  /** The key's length in bytes (32 for generated keys). Does not reveal the key. */
  public int length() {
    return key.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymmetricKey && Bytes.constantTimeEquals(key, ((SymmetricKey) o).key);
  }

  @Override
  public int hashCode() {
    return 0x5e11; // constant: a content hash could leak key bits through hash-based collections
  }

  @Override
  public String toString() {
    return "SymmetricKey[" + key.length + " bytes, redacted]";
  }
}
