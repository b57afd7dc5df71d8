package io.github.themis4j;

/**
 * Key bytes cannot be decoded as a valid Themis key: wrong tag, size or checksum, an invalid EC
 * point or scalar, an inconsistent RSA key, or a public key container where a private one is
 * expected (and the other way round). Raised when keys are imported; a decoded key that is merely
 * of the wrong kind for an operation gives {@link InvalidArgumentException}.
 */
public class KeyFormatException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public KeyFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
