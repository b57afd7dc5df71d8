package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeyEncoding;
import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeySource;
import io.github.themis4j.spring.autoconfigure.ThemisProperties.Keystore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads key bytes from a {@link KeySource}. Every failure is a {@link KeyConfigurationException}
 * naming the property to fix; no message contains key material or a password.
 */
final class KeyMaterialLoader {
  /** Key files larger than this are refused unread (an RSA-8192 private key is under 5 KiB). */
  static final int MAX_KEY_FILE_BYTES = 64 * 1024;

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Function<String, @Nullable String> environmentVariables;
  private final ResourceLoader resourceLoader;

  /**
   * @param environmentVariables looks up an environment variable (null when unset)
   * @param resourceLoader resolves "classpath:" and other prefixed locations
   */
  KeyMaterialLoader(Function<String, @Nullable String> environmentVariables, ResourceLoader resourceLoader) {
    this.environmentVariables = environmentVariables;
    this.resourceLoader = resourceLoader;
  }

  /**
   * Reads the key named by {@code source}.
   *
   * @param property the property path of {@code source}, for messages
   */
  byte[] load(KeySource source, String property) {
    List<String> set = new ArrayList<>();
    if (source.getValue() != null) {
      set.add(property + ".value");
    }
    if (source.getEnv() != null) {
      set.add(property + ".env");
    }
    if (source.getFile() != null) {
      set.add(property + ".file");
    }
    if (source.getKeystore().getLocation() != null) {
      set.add(property + ".keystore.location");
    }
    if (set.isEmpty()) {
      throw new KeyConfigurationException(
          property,
          "No key source is configured for '" + property + "'.",
          "Set exactly one of '" + property + ".value' (base64), '" + property + ".env', '"
              + property + ".file' or '" + property + ".keystore.location'.");
    }
    if (set.size() > 1) {
      throw new KeyConfigurationException(
          property,
          "'" + property + "' has more than one key source: " + String.join(", ", set) + ".",
          "Keep exactly one of " + String.join(", ", set) + ".");
    }
    if (source.getEncoding() != null && (source.getValue() != null || source.getEnv() != null)) {
      throw new KeyConfigurationException(
          property + ".encoding",
          "'" + property + ".encoding' applies to files and keystore entries only; inline values and"
              + " environment variables are always base64.",
          "Remove '" + property + ".encoding'.");
    }
    byte[] key;
    if (source.getValue() != null) {
      key = base64(source.getValue(), property + ".value", "the value of '" + property + ".value'");
    } else if (source.getEnv() != null) {
      key = fromEnvironment(source.getEnv(), property + ".env");
    } else if (source.getFile() != null) {
      key = decode(readFile(source.getFile(), property + ".file"), source.getEncoding(), property,
          "file '" + source.getFile() + "'");
    } else {
      key = decode(readKeystore(source.getKeystore(), property + ".keystore"), source.getEncoding(),
          property, "keystore entry '" + source.getKeystore().getAlias() + "'");
    }
    if (key.length == 0) {
      throw new KeyConfigurationException(
          set.get(0), "The key configured by '" + set.get(0) + "' is empty.", "Configure a non-empty key.");
    }
    return key;
  }

  private byte[] fromEnvironment(String name, String property) {
    if (name.isBlank()) {
      throw new KeyConfigurationException(property, "'" + property + "' is blank.",
          "Set '" + property + "' to the name of an environment variable.");
    }
    String text = environmentVariables.apply(name);
    if (text == null || text.isBlank()) {
      throw new KeyConfigurationException(
          property,
          "Environment variable '" + name + "' (named by '" + property + "') is not set or empty.",
          "Set environment variable '" + name + "' to the base64-encoded key, or change '" + property + "'.");
    }
    return base64(text, property, "environment variable '" + name + "'");
  }

  private static byte[] decode(byte[] stored, @Nullable KeyEncoding encoding, String property, String what) {
    if (encoding != KeyEncoding.BASE64) {
      return stored;
    }
    try {
      return base64(new String(stored, StandardCharsets.US_ASCII), property + ".encoding", what);
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
  }

  private static byte[] base64(String text, String property, String what) {
    String compact = WHITESPACE.matcher(text).replaceAll("");
    try {
      return Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(compact);
      } catch (IllegalArgumentException e2) {
        // The decoder's message can quote a character of the key: do not chain it.
        throw new KeyConfigurationException(
            property,
            "The key in " + what + " is not valid base64.",
            "Set " + what + " to the key encoded as base64 (for example the output of 'head -c 32"
                + " /dev/urandom | base64').");
      }
    }
  }

  private Resource resource(String location) {
    if (SCHEME.matcher(location).matches()) {
      return resourceLoader.getResource(location);
    }
    return new FileSystemResource(location);
  }

  /** The absolute path a location resolves to (or the resource's description), for messages. */
  static String where(Resource resource) {
    try {
      return "'" + resource.getFile().getAbsoluteFile().toPath().normalize() + "'";
    } catch (IOException | RuntimeException e) {
      return resource.getDescription();
    }
  }

  private byte[] readFile(String location, String property) {
    Resource resource = resource(location);
    if (!resource.exists()) {
      throw new KeyConfigurationException(property,
          "Key file '" + location + "' (named by '" + property + "', resolved to " + where(resource)
              + ") does not exist.",
          "Create the file or correct '" + property + "'.");
    }
    try (InputStream in = resource.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
      if (bytes.length > MAX_KEY_FILE_BYTES) {
        throw new KeyConfigurationException(property,
            "Key file '" + location + "' is larger than " + MAX_KEY_FILE_BYTES + " bytes: not a key.",
            "Point '" + property + "' at the key file.");
      }
      return bytes;
    } catch (IOException e) {
      throw new KeyConfigurationException(property,
          "Key file '" + location + "' (named by '" + property + "', resolved to " + where(resource)
              + ") cannot be read: " + e.getMessage(),
          "Make the file readable by the application or correct '" + property + "'.", e);
    }
  }

  private byte[] readKeystore(Keystore ks, String property) {
    String location = ks.getLocation();
    if (ks.getAlias() == null || ks.getAlias().isBlank()) {
      throw new KeyConfigurationException(property + ".alias",
          "'" + property + ".alias' is not set.", "Set '" + property + ".alias' to the alias of the key entry.");
    }
    if (ks.getPassword() == null) {
      throw new KeyConfigurationException(property + ".password",
          "'" + property + ".password' is not set.", "Set '" + property + ".password' to the keystore password.");
    }
    Resource resource = resource(location);
    if (!resource.exists()) {
      throw new KeyConfigurationException(property + ".location",
          "Keystore '" + location + "' (named by '" + property + ".location', resolved to "
              + where(resource) + ") does not exist.",
          "Create the keystore or correct '" + property + ".location'.");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(ks.getType());
    } catch (GeneralSecurityException e) {
      throw new KeyConfigurationException(property + ".type",
          "Keystore type '" + ks.getType() + "' is not supported by this JVM.",
          "Set '" + property + ".type' to PKCS12 (the default) or another type this JVM supports.", e);
    }
    char[] password = ks.getPassword().toCharArray();
    try (InputStream in = resource.getInputStream()) {
      store.load(in, password);
    } catch (FileNotFoundException e) {
      throw new KeyConfigurationException(property + ".location",
          "Keystore '" + location + "' cannot be read.", "Correct '" + property + ".location'.", e);
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
      throw new KeyConfigurationException(property + ".password",
          "Keystore '" + location + "' cannot be opened: wrong password, wrong type ('" + ks.getType()
              + "') or not a keystore.",
          "Check '" + property + ".password' and '" + property + ".type'.");
    } finally {
      Arrays.fill(password, '\0');
    }
    String alias = ks.getAlias();
    char[] keyPassword = (ks.getKeyPassword() != null ? ks.getKeyPassword() : ks.getPassword()).toCharArray();
    try {
      if (!store.containsAlias(alias)) {
        throw new KeyConfigurationException(property + ".alias",
            "Keystore '" + location + "' has no entry '" + alias + "'.",
            "Correct '" + property + ".alias'.");
      }
      if (!store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
        throw new KeyConfigurationException(property + ".alias",
            "Entry '" + alias + "' in keystore '" + location + "' is not a secret key entry.",
            "Store the key as a secret key entry (for example 'keytool -genseckey -keyalg AES -keysize 256"
                + " -storetype PKCS12', or 'keytool -importpass' for a base64 key with encoding=base64).");
      }
      Key key = store.getKey(alias, keyPassword);
      byte[] encoded = key instanceof SecretKey ? key.getEncoded() : null;
      if (encoded == null) {
        throw new KeyConfigurationException(property + ".alias",
            "Entry '" + alias + "' in keystore '" + location + "' does not export its key bytes.",
            "Store the key as an exportable secret key entry.");
      }
      return encoded;
    } catch (UnrecoverableKeyException e) {
      String which = ks.getKeyPassword() != null ? ".key-password" : ".password";
      throw new KeyConfigurationException(property + which,
          "Entry '" + alias + "' in keystore '" + location + "' cannot be recovered: wrong password.",
          "Check '" + property + which + "'" + (ks.getKeyPassword() == null
              ? " or set '" + property + ".key-password' if the entry has its own password." : "."));
    } catch (GeneralSecurityException e) {
      throw new KeyConfigurationException(property + ".alias",
          "Entry '" + alias + "' in keystore '" + location + "' cannot be read: " + e.getClass().getSimpleName(),
          "Check the entry with 'keytool -list'.");
    } finally {
      Arrays.fill(keyPassword, '\0');
    }
  }
}
