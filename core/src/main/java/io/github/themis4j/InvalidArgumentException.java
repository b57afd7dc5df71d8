package io.github.themis4j;

/**
 * An argument is null, empty or outside the range the operation accepts, or is a valid key of the
 * wrong kind for the operation (an RSA key where EC is needed, keys of different types or curves,
 * a public key that does not belong to the private key). Key bytes that cannot be decoded at all
 * give {@link KeyFormatException} instead.
 */
public class InvalidArgumentException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
