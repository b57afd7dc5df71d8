/**
 * Envelope key rings: data keys stored only wrapped by a key-encryption key that stays in an HSM
 * (PKCS#11), a KMS or a keystore; unwrapped once and cached; KEK rotation by rewrapping; per-ring
 * crypto-shredding. See {@code docs/ENVELOPE-KEYS.md}.
 */
package io.github.themis4j.keyring.envelope;
