package io.github.themis4j;

/**
 * Key bytes cannot be decoded as a valid Themis key: wrong tag, size or checksum, an invalid EC
 * point or scalar, an inconsistent RSA key, or a public key container where a private one is
 * expected (and the other way round). Raised when keys are imported; a decoded key that is merely
 * of the wrong kind for an operation gives {@link InvalidArgumentException}.
 */
public class KeyFormatException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
