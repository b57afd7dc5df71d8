package io.github.themis4j;

/** Input is structurally invalid: truncated, with an unknown header, or with inconsistent length fields. */
public class MalformedDataException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public MalformedDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public MalformedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
