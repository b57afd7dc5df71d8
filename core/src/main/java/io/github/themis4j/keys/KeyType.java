package io.github.themis4j.keys;

/** The asymmetric key algorithms Themis supports. */
public enum KeyType {
  /** Elliptic-curve keys: NIST P-256 when generated; P-384 and P-521 are accepted on import. */
  EC,
  /** RSA keys: 2048 bits with e = 65537 when generated; 1024 to 8192 bits accepted on import. */
  RSA
}
