package io.github.themis4j;

/** A protocol operation was called in a state where it is not allowed (for example, wrapping data before a Secure Session is established). */
public class ProtocolStateException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public ProtocolStateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public ProtocolStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
