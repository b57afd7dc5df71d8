package io.github.themis4j.jpa.migration;

import io.github.themis4j.jpa.engine.ReencryptionException;

/**
 * A column cannot hold the encrypted values a migration would write: wrong type (a text or number
 * column for a binary attribute, ...) or too short. Thrown before any row is written; the message
 * names the table, the column, what it is, what it needs, and the {@code ALTER TABLE} statement to
 * run ({@link #alterStatement()}). Never contains values.
 */
public class ColumnTooNarrowException extends ReencryptionException {
  private static final long serialVersionUID = 1L;

  private final String alterStatement;

  public ColumnTooNarrowException(String message, String alterStatement) {
    super(message);
    this.alterStatement = alterStatement;
  }

  /** The statement that makes the column fit. */
  public String alterStatement() {
    return alterStatement;
  }
}
