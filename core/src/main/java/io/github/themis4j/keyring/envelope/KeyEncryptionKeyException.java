package io.github.themis4j.keyring.envelope;

import io.github.themis4j.ThemisException;

/**
 * A key-encryption key that cannot be used, or a wrapped data key that it refuses to unwrap. The
 * {@link #reason()} says which; the message names the KEK's URI (never a PIN, password or key).
 * Envelope key rings fail closed on it: nothing is encrypted or decrypted without the data key.
 */
public class KeyEncryptionKeyException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /** Why the KEK could not be used. */
  public enum Reason {
    /** The HSM, KMS or keystore cannot be reached or loaded (library unloadable, token absent). */
    UNREACHABLE,
    /** Authentication to the HSM or keystore failed (wrong PIN or password). */
    LOGIN_FAILED,
    /** The HSM or keystore holds no key with the configured label, alias or URI. */
    KEY_NOT_FOUND,
    /** The wrapped key, its associated data or the KEK is wrong, or the wrapped key is tampered. */
    UNWRAP_FAILED,
    /** The key exists but cannot do the job (not AES, or the mechanism is missing). */
    UNSUITABLE
  }

  private final Reason reason;
  private final String kekUri;

  /**
   * @param reason why the KEK could not be used
   * @param kekUri the KEK's URI or location (not secret; may be null)
   * @param message what failed; names no secret
   */
  public KeyEncryptionKeyException(Reason reason, String kekUri, String message) {
    this(reason, kekUri, message, null);
  }

  /**
   * @param reason why the KEK could not be used
   * @param kekUri the KEK's URI or location (not secret; may be null)
   * @param message what failed; names no secret
   * @param cause the provider's exception (its message names no secret either)
   */
  public KeyEncryptionKeyException(Reason reason, String kekUri, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.kekUri = kekUri;
  }

  /** Why the KEK could not be used. */
  public Reason reason() {
    return reason;
  }

  /** The KEK's URI or location, if known. */
  public String kekUri() {
    return kekUri;
  }
}
