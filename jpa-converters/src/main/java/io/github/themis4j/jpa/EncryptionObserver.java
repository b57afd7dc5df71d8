package io.github.themis4j.jpa;

/**
 * Receives a callback for every attribute value the Hibernate integration encrypts or decrypts, for
 * metrics and auditing (the Spring starter feeds Micrometer from it). Set it with {@link
 * ThemisJpaSettings#OBSERVER}.
 *
 * <p>Callbacks run synchronously on the thread doing the work, inside the Hibernate session: keep
 * them fast and do not throw (exceptions are logged and ignored). They never receive plaintext,
 * ciphertext or key material. Implementations must be thread-safe.
 */
public interface EncryptionObserver {
  /** Reason passed to {@link #onFailure}: the key ring or key id is not held by the application. */
  String UNKNOWN_KEY = "unknown-key";

  /** Reason: wrong key or context, tampering, or a value moved from another row/column/table. */
  String AUTHENTICATION = "authentication";

  /** Reason: the stored bytes are not a value of this format. */
  String MALFORMED = "malformed";

  /**
   * Reason: the attribute value cannot be encoded (for example a string with an unpaired
   * surrogate).
   */
  String ENCODE = "encode";

  /**
   * Reason: the value's key ring was crypto-shredded on purpose ({@link
   * io.github.themis4j.keyring.envelope.KeyShreddedException}); the value is erased for good.
   */
  String SHREDDED = "shredded";

  /** An observer that does nothing. */
  EncryptionObserver NONE = new EncryptionObserver() {};

  /**
   * An attribute value was encrypted.
   *
   * @param entity the entity name
   * @param attribute the attribute name
   * @param keyRing the key ring used
   * @param keyId the key id used
   * @param nanos the time taken, encoding included
   */
  default void onEncrypt(
      String entity, String attribute, String keyRing, String keyId, long nanos) {}

  /** An attribute value was decrypted; parameters as for {@link #onEncrypt}. */
  default void onDecrypt(
      String entity, String attribute, String keyRing, String keyId, long nanos) {}

  /**
   * Encrypting or decrypting an attribute value failed; the operation is aborted with {@code
   * error}.
   *
   * @param reason a short stable token: {@link #UNKNOWN_KEY}, {@link #SHREDDED}, {@link
   *     #AUTHENTICATION}, {@link #MALFORMED} or {@link #ENCODE}
   */
  default void onFailure(String entity, String attribute, String reason, Throwable error) {}
}
