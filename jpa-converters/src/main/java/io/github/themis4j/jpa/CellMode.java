package io.github.themis4j.jpa;

/**
 * The Secure Cell mode an {@link Encrypted} attribute is stored with. See {@code docs/FORMAT.md}
 * for the exact stored layout of each.
 */
public enum CellMode {
  /**
   * Authenticated encryption (AES-256-GCM, Themis Seal with a master key). The stored value is a
   * small envelope (format version, value kind, key id) followed by the Seal output; it is 47 bytes
   * plus the key id longer than the encoded plaintext. Tampering, a wrong key, or a value moved to
   * another row, column or table is detected on load. The default and the right choice for almost
   * every column.
   */
  SEAL("seal"),

  /**
   * The same authenticated encryption, with the ciphertext in the attribute's own column exactly as
   * long as the encoded plaintext, and the envelope plus the 44-byte authentication token in a
   * second column of the same row (named by {@link Encrypted#tokenAttribute()}). For schemas whose
   * data column length cannot grow.
   */
  TOKEN_PROTECT("token-protect"),

  /**
   * Deterministic, length-preserving AES-256-CTR <b>without any integrity protection</b>: a wrong
   * key, a moved value or a flipped bit decrypts to different bytes instead of failing. Nothing but
   * the ciphertext is stored (no key id): the key is the ring's {@linkplain Encrypted#keyId()
   * pinned key}, or else its active key at the time of the operation. Use it only for legacy
   * columns whose length is fixed, and only when something else guarantees integrity.
   */
  CONTEXT_IMPRINT("context-imprint");

  private final String contextName;

  CellMode(String contextName) {
    this.contextName = contextName;
  }

  /** The mode's name as written into the encryption context ({@code seal}, ...). */
  public String contextName() {
    return contextName;
  }
}
