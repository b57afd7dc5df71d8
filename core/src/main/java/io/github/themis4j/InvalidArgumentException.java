package io.github.themis4j;

/**
 * An argument is null, empty or outside the range the operation accepts, or is a valid key of the
 * wrong kind for the operation (an RSA key where EC is needed, keys of different types or curves,
 * a public key that does not belong to the private key). Key bytes that cannot be decoded at all
 * give {@link KeyFormatException} instead.
 */
public class InvalidArgumentException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
