package io.github.themis4j;

/** Input is well formed but fails its integrity check: wrong key, wrong context, wrong passphrase, tampered data, or a signature or MAC that does not verify. */
public class AuthenticationFailedException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public AuthenticationFailedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
