package io.github.themis4j;

/** An argument is null, empty or outside the range the operation accepts. */
public class InvalidArgumentException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
