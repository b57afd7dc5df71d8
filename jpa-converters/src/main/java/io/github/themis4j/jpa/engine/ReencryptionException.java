package io.github.themis4j.jpa.engine;

import io.github.themis4j.ThemisException;

/**
 * A re-encryption run could not go on: a batch kept failing in the database, the cursor table is
 * missing or has the wrong shape, a pass was misconfigured, or (with fail-fast) a partition failed.
 * Everything committed before stays valid (each batch is its own transaction, its cursor included),
 * and running the job again resumes. Messages name passes, tables, columns, key ranges and row
 * identifiers, never stored values or key material.
 */
public class ReencryptionException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public ReencryptionException(String message) {
    super(message);
  }

  public ReencryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
