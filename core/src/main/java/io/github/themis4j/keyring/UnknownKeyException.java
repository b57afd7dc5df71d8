package io.github.themis4j.keyring;

import io.github.themis4j.ThemisException;

/**
 * A key ring or key id that the application does not hold. Fails closed: nothing is encrypted
 * or decrypted without the named key. The message names the ring and key id (never key material).
 */
public class UnknownKeyException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /** The key ring asked for (may be null when the caller asked for none). */
  private final String keyRing;
  /** The key id asked for; null when the whole ring is unknown. */
  private final String keyId;

  /**
   * Creates the exception.
   *
   * @param keyRing the name of the key ring asked for (may be null)
   * @param keyId the key id asked for, or null when the whole ring is unknown
   * @param message what is missing; names the ring and key id only, never key material
   */
  public UnknownKeyException(String keyRing, String keyId, String message) {
    super(message);
    this.keyRing = keyRing;
    this.keyId = keyId;
  }

  /** The key ring asked for. */
  public String keyRing() {
    return keyRing;
  }

  /** The key id asked for, or null when the whole ring is unknown. */
  public String keyId() {
    return keyId;
  }
}
