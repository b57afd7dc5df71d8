package io.github.themis4j;

/** Key bytes are not a valid Themis key container of the kind the operation needs. */
public class KeyFormatException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
