package io.github.themis4j.cli;

/**
 * A failure the command line reports to the user as one line on stderr (exit status 1). The
 * message names what is wrong (an option, a file, a length) and never holds key material or data.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}
