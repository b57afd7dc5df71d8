package io.github.themis4j;

/** Input is structurally invalid: truncated, with an unknown header, or with inconsistent length fields. */
public class MalformedDataException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public MalformedDataException(String message) {
    super(message);
  }

  public MalformedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
