package io.github.themis4j.internal;

/**
 * Secure Cell Seal mode (no context) keyed by raw key bytes and working on caller buffers, so that
 * cryptosystems built on it (Secure Message) avoid copying large payloads. The implementation
 * lives in the cell package, next to the format it shares with {@code SecureCell}. Not public API.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RawKeySeal {
  /** Length of the Seal of {@code plaintextLength} bytes: 44 bytes more. */
  int sealedLength(int plaintextLength);

  /**
   * Seals non-empty {@code plaintext} under {@code key} (any non-empty length; it goes through the
   * Soter KDF) into {@code out[offset, offset + sealedLength(plaintext.length))}.
   */
  void seal(byte[] key, byte[] plaintext, byte[] out, int offset);

  /**
   * Opens the Seal in {@code sealed[offset, offset + length)}.
   *
   * @throws io.github.themis4j.MalformedDataException if it is not a well-formed Seal
   * @throws io.github.themis4j.AuthenticationFailedException on a wrong key or tampered data
   */
  byte[] open(byte[] key, byte[] sealed, int offset, int length);

  /** The shared instance. */
  static RawKeySeal instance() {
    return RawKeySealLoader.INSTANCE;
  }
}
