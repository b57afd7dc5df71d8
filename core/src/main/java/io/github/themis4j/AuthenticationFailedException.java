package io.github.themis4j;

/** Input is well formed but fails its integrity check: wrong key, wrong context, wrong passphrase, tampered data, or a signature or MAC that does not verify. */
public class AuthenticationFailedException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message) {
    super(message);
  }

  public AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
