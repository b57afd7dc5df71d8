package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.crypto.SecretKey;

/**
 * An AES secret-key entry of a PKCS#12 keystore used as a KEK (AES-256-GCM in the JDK's own
 * provider). For deployments without an HSM: the keystore and its password stay outside the
 * application's configuration (a mounted secret), the application holds only wrapped data keys.
 * URI: {@code pkcs12:alias=<alias>}. Thread-safe.
 *
 * <p>Create a keystore with {@code keytool -genseckey -keyalg AES -keysize 256 -alias kek-1
 * -storetype PKCS12 -keystore kek.p12}.
 */
public final class Pkcs12KeyEncryptionKey implements KeyEncryptionKey {
  private static final String URI_PREFIX = "pkcs12:alias=";

  private final String uri;
  private final Key key;

  private Pkcs12KeyEncryptionKey(String uri, Key key) {
    this.uri = uri;
    this.key = key;
  }

  /**
   * The AES key {@code alias} of the PKCS#12 keystore at {@code path}.
   *
   * @param password the keystore password, also used for the entry; not kept
   * @throws KeyEncryptionKeyException {@link Reason#UNREACHABLE} if the file cannot be read, {@link
   *     Reason#LOGIN_FAILED} for a wrong password, {@link Reason#KEY_NOT_FOUND} for a missing
   *     alias, {@link Reason#UNSUITABLE} if the entry is not an AES key
   */
  public static Pkcs12KeyEncryptionKey load(Path path, char[] password, String alias) {
    return load(keyStore(path, password), path, password, alias);
  }

  /**
   * A resolver of {@code pkcs12:alias=<alias>} URIs to the AES keys of this keystore (the keystore
   * is loaded once).
   */
  public static KeyEncryptionKeyResolver resolver(Path path, char[] password) {
    KeyStore ks = keyStore(path, password);
    char[] pw = password.clone();
    return uri -> {
      if (uri == null || !uri.startsWith(URI_PREFIX)) {
        throw new KeyEncryptionKeyException(
            Reason.KEY_NOT_FOUND, uri, "the KEK URI " + uri + " is not a key of keystore " + path);
      }
      return load(ks, path, pw, uri.substring(URI_PREFIX.length()));
    };
  }

  /** The URI of the key with this alias. */
  public static String uriOf(String alias) {
    return URI_PREFIX + alias;
  }

  private static KeyStore keyStore(Path path, char[] password) {
    if (path == null || password == null) {
      throw new InvalidArgumentException("keystore path and password must not be null");
    }
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new KeyEncryptionKeyException(
            Reason.LOGIN_FAILED, null, "the keystore " + path + " refused the password", e);
      }
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE, null, "cannot read the keystore " + path, e);
    } catch (GeneralSecurityException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE, null, "cannot load the keystore " + path, e);
    }
  }

  private static Pkcs12KeyEncryptionKey load(
      KeyStore ks, Path path, char[] password, String alias) {
    if (alias == null || alias.isEmpty()) {
      throw new InvalidArgumentException("keystore alias must not be empty");
    }
    String uri = URI_PREFIX + alias;
    Key k;
    try {
      k = ks.getKey(alias, password);
    } catch (UnrecoverableKeyException e) {
      throw new KeyEncryptionKeyException(
          Reason.LOGIN_FAILED,
          uri,
          "the entry '" + alias + "' of keystore " + path + " refused the password",
          e);
    } catch (GeneralSecurityException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNSUITABLE, uri, "cannot read entry '" + alias + "' of keystore " + path, e);
    }
    if (k == null) {
      throw new KeyEncryptionKeyException(
          Reason.KEY_NOT_FOUND, uri, "keystore " + path + " has no key '" + alias + "'");
    }
    if (!(k instanceof SecretKey) || !"AES".equalsIgnoreCase(k.getAlgorithm())) {
      throw new KeyEncryptionKeyException(
          Reason.UNSUITABLE,
          uri,
          "entry '" + alias + "' of keystore " + path + " is not an AES secret key");
    }
    return new Pkcs12KeyEncryptionKey(uri, k);
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] associatedData) {
    return AesGcmWrapping.wrap(key, null, uri, dataKey, associatedData);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
    return AesGcmWrapping.unwrap(key, null, uri, wrapped, associatedData);
  }

  @Override
  public String toString() {
    return "Pkcs12KeyEncryptionKey[" + uri + "]";
  }
}
