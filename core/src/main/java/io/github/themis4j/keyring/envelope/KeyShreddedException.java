package io.github.themis4j.keyring.envelope;

import io.github.themis4j.keyring.UnknownKeyException;

/**
 * The data keys of this key ring were destroyed on purpose ({@link EnvelopeKeyRings#shred}):
 * crypto-shredding. Every value encrypted under the ring is unreadable for good, backups included;
 * nothing can be encrypted under it either. A subclass of {@link UnknownKeyException}, so code that
 * already fails closed on a missing key does so here too; catch this type to tell erased data apart
 * from a configuration error (the JPA integration can also be told to load such values as null).
 */
public class KeyShreddedException extends UnknownKeyException {
  private static final long serialVersionUID = 1L;

  private final java.time.Instant shreddedAt;

  /**
   * @param keyRing the shredded ring's name
   * @param shreddedAt when it was shredded (may be null if not recorded)
   */
  public KeyShreddedException(String keyRing, java.time.Instant shreddedAt) {
    super(
        keyRing,
        null,
        "the data keys of key ring '"
            + keyRing
            + "' were shredded"
            + (shreddedAt == null ? "" : " at " + shreddedAt)
            + ": its values cannot be decrypted any more");
    this.shreddedAt = shreddedAt;
  }

  /** When the ring was shredded, if recorded. */
  public java.time.Instant shreddedAt() {
    return shreddedAt;
  }
}
