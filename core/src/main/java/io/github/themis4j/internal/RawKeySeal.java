package io.github.themis4j.internal;

/**
 * Secure Cell Seal mode (no context) keyed by raw key bytes and working on caller buffers, so that
 * cryptosystems built on it (Secure Message) avoid copying large payloads. Not public API.
 *
 * <p>Stateless and thread-safe.
 */
public final class RawKeySeal {
  private static final RawKeySeal INSTANCE = new RawKeySeal();

  private RawKeySeal() {}

  /** The shared instance. */
  public static RawKeySeal instance() {
    return INSTANCE;
  }

  /** Length of the Seal of {@code plaintextLength} bytes: 44 bytes more. */
  public int sealedLength(int plaintextLength) {
    return CellFormat.KEY_TOKEN_LENGTH + plaintextLength;
  }

  /**
   * Seals non-empty {@code plaintext} under {@code key} (any non-empty length; it goes through the
   * Soter KDF) into {@code out[offset, offset + sealedLength(plaintext.length))}.
   */
  public void seal(byte[] key, byte[] plaintext, byte[] out, int offset) {
    CellFormat.requirePlaintext(plaintext);
    CellFormat.sealInto(key, plaintext, null, out, offset);
  }

  /**
   * Opens the Seal in {@code sealed[offset, offset + length)}.
   *
   * @throws io.github.themis4j.MalformedDataException if it is not a well-formed Seal
   * @throws io.github.themis4j.AuthenticationFailedException on a wrong key or tampered data
   */
  public byte[] open(byte[] key, byte[] sealed, int offset, int length) {
    return CellFormat.open(key, null, sealed, offset, length);
  }
}
