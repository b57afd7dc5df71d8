package io.github.themis4j.keyring.envelope;

/**
 * A key-encryption key (KEK): a key that lives outside the application (in an HSM, a cloud KMS, a
 * keystore) and wraps the data keys of {@link EnvelopeKeyRings}. The application only ever holds
 * data keys wrapped by it; it unwraps each one once (at startup or first use), never per value.
 *
 * <p>Implementations in this package: {@link Pkcs11KeyEncryptionKey} (an AES key inside a PKCS#11
 * token, through the JDK's SunPKCS11 provider) and {@link Pkcs12KeyEncryptionKey} (an AES key in a
 * PKCS#12 keystore). {@code docs/ENVELOPE-KEYS.md} shows short implementations for AWS KMS, Vault
 * Transit and Google Cloud KMS.
 *
 * <p>Contract: {@link #wrap} must authenticate {@code associatedData} (AES-GCM AAD, a KMS
 * encryption context) so that a wrapped key copied to another ring or key id fails to unwrap;
 * {@link #unwrap} must fail with a {@link KeyEncryptionKeyException} (never return wrong bytes)
 * when the wrapped key, the associated data or the KEK is wrong. Implementations are thread-safe
 * and never put key material in messages or {@code toString()}.
 */
public interface KeyEncryptionKey {
  /**
   * The KEK's URI, stored beside every data key it wraps so that the key can be found again (for
   * example {@code pkcs11:object=kek-2026} or {@code aws-kms://arn:aws:kms:...}). Not secret.
   */
  String uri();

  /**
   * Wraps (encrypts) a data key.
   *
   * @param dataKey the data key; not modified
   * @param associatedData bound to the result, must be given again to unwrap
   * @return the wrapped key
   * @throws KeyEncryptionKeyException if the KEK cannot be used (unreachable, not found, refused)
   */
  byte[] wrap(byte[] dataKey, byte[] associatedData);

  /**
   * Unwraps (decrypts) a data key wrapped by {@link #wrap}.
   *
   * @param wrapped the wrapped key
   * @param associatedData the associated data given to {@link #wrap}
   * @return the data key
   * @throws KeyEncryptionKeyException if the KEK cannot be used, or the wrapped key or associated
   *     data is wrong (reason {@link KeyEncryptionKeyException.Reason#UNWRAP_FAILED})
   */
  byte[] unwrap(byte[] wrapped, byte[] associatedData);

  /**
   * Checks that the KEK can be used now (for health checks): by default wraps and unwraps a
   * throwaway value.
   *
   * @throws KeyEncryptionKeyException if it cannot
   */
  default void checkReachable() {
    byte[] probe = new byte[32];
    byte[] aad = "themis4j-kek-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] back = unwrap(wrap(probe, aad), aad);
    if (!java.util.Arrays.equals(probe, back)) {
      throw new KeyEncryptionKeyException(
          KeyEncryptionKeyException.Reason.UNWRAP_FAILED,
          uri(),
          "the KEK's probe did not round-trip");
    }
  }
}
