package io.github.themis4j.demo;

/** A request that cannot be served as sent (HTTP 400); the message says why. */
public class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }
}
