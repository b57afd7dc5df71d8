package io.github.themis4j.keyring.envelope;

/**
 * Finds the {@link KeyEncryptionKey} that a stored data key names by URI. {@link Pkcs11Token} and
 * {@link Pkcs12KeyEncryptionKey#resolver} resolve the keys of one token or keystore; {@link #of}
 * combines KEK instances the application already has.
 */
@FunctionalInterface
public interface KeyEncryptionKeyResolver {
  /**
   * Returns the KEK with this URI.
   *
   * @param uri the URI recorded beside a wrapped data key
   * @return the KEK; never null
   * @throws KeyEncryptionKeyException with reason {@link
   *     KeyEncryptionKeyException.Reason#KEY_NOT_FOUND} if this resolver has no such KEK, or
   *     another reason if it cannot be reached
   */
  KeyEncryptionKey resolve(String uri);

  /**
   * A resolver over these KEK instances (by their {@link KeyEncryptionKey#uri()}).
   *
   * @param keks the KEKs; not null
   * @return the resolver
   */
  static KeyEncryptionKeyResolver of(KeyEncryptionKey... keks) {
    java.util.Map<String, KeyEncryptionKey> byUri = new java.util.LinkedHashMap<>();
    for (KeyEncryptionKey k : keks) {
      byUri.put(k.uri(), k);
    }
    return uri -> {
      KeyEncryptionKey k = byUri.get(uri);
      if (k == null) {
        throw new KeyEncryptionKeyException(
            KeyEncryptionKeyException.Reason.KEY_NOT_FOUND,
            uri,
            "no key-encryption key " + uri + " is configured");
      }
      return k;
    };
  }
}
