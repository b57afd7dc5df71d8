package io.github.themis4j;

/** A protocol operation was called in a state where it is not allowed (for example, wrapping data before a Secure Session is established). */
public class ProtocolStateException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public ProtocolStateException(String message) {
    super(message);
  }

  public ProtocolStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
