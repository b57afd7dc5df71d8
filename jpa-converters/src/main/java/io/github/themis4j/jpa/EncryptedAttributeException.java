package io.github.themis4j.jpa;

import io.github.themis4j.ThemisException;

/**
 * Encrypting or decrypting an {@link Encrypted} attribute failed. The message names the entity, its
 * identifier and the attribute, and the cause says why (an {@link
 * io.github.themis4j.keyring.UnknownKeyException}, {@link
 * io.github.themis4j.AuthenticationFailedException} or {@link
 * io.github.themis4j.MalformedDataException}); neither contains the value.
 *
 * <p>Thrown from the Hibernate session (load, flush, commit); a failure during flush aborts it, so
 * the transaction rolls back and nothing is written.
 */
public class EncryptedAttributeException extends ThemisException {
  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String identifier;
  private final String attribute;
  private final String reason;

  public EncryptedAttributeException(
      String entity,
      String identifier,
      String attribute,
      String reason,
      String message,
      Throwable cause) {
    super(message, cause);
    this.entity = entity;
    this.identifier = identifier;
    this.attribute = attribute;
    this.reason = reason;
  }

  /** The entity name. */
  public String entity() {
    return entity;
  }

  /** The entity identifier as text, or null if not known (not assigned yet). */
  public String identifier() {
    return identifier;
  }

  /** The attribute name. */
  public String attribute() {
    return attribute;
  }

  /**
   * Why: one of the {@link EncryptionObserver} reason tokens ({@code unknown-key}, {@code
   * authentication}, {@code malformed}, {@code encode}), or {@code refused-query} (an HQL or
   * Criteria statement that would write plaintext into an encrypted column, copy ciphertext between
   * rows or columns, or compare, order, group or project an encrypted attribute), {@code
   * plaintext-parameter} (a plaintext reaching an encrypted column's JDBC binding by any other
   * path) or {@code unsupported} (an operation this integration cannot support, such as loading in
   * a StatelessSession).
   */
  public String reason() {
    return reason;
  }
}
