package io.github.themis4j.jpa;

import org.hibernate.MappingException;

/**
 * An {@link Encrypted} mapping or the themis4j JPA configuration cannot work: thrown while the
 * session factory is built, so a misconfigured application fails at startup instead of writing
 * something it cannot read back (or writing plaintext). The message says what is wrong, where, and
 * how to fix it.
 */
public class EncryptionMappingException extends MappingException {
  private static final long serialVersionUID = 1L;

  public EncryptionMappingException(String message) {
    super(message);
  }

  public EncryptionMappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
