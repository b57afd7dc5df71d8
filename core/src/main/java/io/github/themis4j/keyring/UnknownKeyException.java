package io.github.themis4j.keyring;

import io.github.themis4j.ThemisException;

/**
 * A key ring or key id that the application does not hold. Fails closed: nothing is encrypted
 * or decrypted without the named key. The message names the ring and key id (never key material).
 */
public class UnknownKeyException extends ThemisException {
  private static final long serialVersionUID = 1L;

  private final String keyRing;
  private final String keyId;

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
