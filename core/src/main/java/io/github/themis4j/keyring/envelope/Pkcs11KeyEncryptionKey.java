package io.github.themis4j.keyring.envelope;

import java.security.Key;
import java.security.Provider;

/**
 * An AES key inside a PKCS#11 token (HSM, smart card, SoftHSM2) used as a KEK through the JDK's
 * SunPKCS11 provider: data keys are wrapped with AES-256-GCM computed by the token ({@code
 * CKM_AES_GCM}), the key never leaves it. Obtained from {@link Pkcs11Token#kek(String)}. URI:
 * {@code pkcs11:object=<label>}. Thread-safe.
 */
public final class Pkcs11KeyEncryptionKey implements KeyEncryptionKey {
  private final String uri;
  private final String label;
  private final Key key;
  private final Provider provider;

  Pkcs11KeyEncryptionKey(String uri, String label, Key key, Provider provider) {
    this.uri = uri;
    this.label = label;
    this.key = key;
    this.provider = provider;
  }

  @Override
  public String uri() {
    return uri;
  }

  /** The key's label in the token. */
  public String label() {
    return label;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] associatedData) {
    return AesGcmWrapping.wrap(key, provider, uri, dataKey, associatedData);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
    return AesGcmWrapping.unwrap(key, provider, uri, wrapped, associatedData);
  }

  @Override
  public String toString() {
    return "Pkcs11KeyEncryptionKey[" + uri + "]";
  }
}
