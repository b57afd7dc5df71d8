package io.github.themis4j.testing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * PKCS#12 keystores of fresh AES-256 keys, as {@code keytool -genseckey} makes them (for KEK
 * tests).
 */
public final class AesKeystores {
  private AesKeystores() {}

  /**
   * Writes {@code file} with one new AES-256 secret key per alias, store and entries protected by
   * {@code password}.
   *
   * @return the keys by alias, for tests that check the wrapping independently
   */
  public static Map<String, SecretKey> write(Path file, char[] password, String... aliases)
      throws GeneralSecurityException, java.io.IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, password);
    KeyGenerator g = KeyGenerator.getInstance("AES");
    g.init(256);
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String alias : aliases) {
      SecretKey k = g.generateKey();
      keys.put(alias, k);
      ks.setEntry(alias, new KeyStore.SecretKeyEntry(k), new KeyStore.PasswordProtection(password));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password);
    }
    return keys;
  }
}
