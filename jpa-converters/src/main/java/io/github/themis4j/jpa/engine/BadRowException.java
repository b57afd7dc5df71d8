package io.github.themis4j.jpa.engine;

/**
 * Thrown by a {@link Pass} when a row cannot be processed and the batch must not be written (for
 * example a Context Imprint value that does not decode with the old key: a wrong key, not a bad
 * row). The engine rolls the batch back and marks the row's partition failed: the report names the
 * table, the partition's key range and the row id (never values); the other partitions go on unless
 * the job is fail-fast. The message must not contain values or key material.
 *
 * <p>A value a pass can simply leave alone (an unreadable Seal value, say) is not a bad row: count
 * it with {@link Row#fail(String, String)} and return no rewrite.
 */
public class BadRowException extends ReencryptionException {
  private static final long serialVersionUID = 1L;

  public BadRowException(String message) {
    super(message);
  }

  public BadRowException(String message, Throwable cause) {
    super(message, cause);
  }
}
