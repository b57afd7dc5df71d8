package io.github.themis4j.jpa.index;

import io.github.themis4j.ThemisException;

/**
 * A blind index cannot serve what was asked: a query the index cannot answer (a {@code like}, an
 * order, a comparison of an encrypted attribute without an index), a truncated index queried
 * without the filtering that removes its false positives, or a missing index key ring. The message
 * names the attribute and what to configure; it never contains a value.
 */
public class BlindIndexException extends ThemisException {
  private static final long serialVersionUID = 1L;

  private final String attribute;

  /**
   * @param attribute {@code Entity.attribute} the failure is about
   * @param message what is wrong and how to fix it, without values
   */
  public BlindIndexException(String attribute, String message) {
    super(message);
    this.attribute = attribute;
  }

  public BlindIndexException(String attribute, String message, Throwable cause) {
    super(message, cause);
    this.attribute = attribute;
  }

  /** {@code Entity.attribute} the failure is about. */
  public String attribute() {
    return attribute;
  }
}
