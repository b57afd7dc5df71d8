package io.github.themis4j.jpa.rotation;

import io.github.themis4j.ThemisException;

/**
 * A key rotation run could not go on: a batch kept failing in the database, a Context Imprint value
 * did not decode with the old key named for it (a wrong old key), another run holds the same
 * Context Imprint rotation, or the job was misconfigured. Everything committed before stays valid
 * (each batch is its own transaction), and running the job again resumes. Messages name entities,
 * tables, identifiers, key rings and key ids, never values or key material.
 */
public class KeyRotationException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public KeyRotationException(String message) {
    super(message);
  }

  public KeyRotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
