package io.github.themis4j.demo;

/** Too many failed attempts in a short time (HTTP 429). */
public class TooManyAttemptsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TooManyAttemptsException(String message) {
    super(message);
  }
}
