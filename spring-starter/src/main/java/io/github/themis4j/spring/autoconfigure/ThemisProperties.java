package io.github.themis4j.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for themis4j, bound from {@code themis4j.*}.
 *
 * <p>Key material is read from one of four sources per key: an inline base64 {@code value}, an
 * environment variable ({@code env}), a {@code file}, or a PKCS#12 {@code keystore} entry. Inline
 * values are for tests and local development; production keys belong in a secret store that
 * surfaces as an environment variable, a mounted file or a keystore.
 *
 * <p>{@link #toString()} and the {@code toString()} of every nested class name the configured
 * sources only, never the key material or passwords; Actuator's {@code env} and {@code
 * configprops} endpoints mask them through {@link ThemisSanitizingFunction}.
 */
@ConfigurationProperties("themis4j")
public class ThemisProperties {
  /** Named key rings of Secure Cell master keys, for example "pii" or "payments". */
  private final Map<String, KeyRingProperties> keyRings = new LinkedHashMap<>();

  /** This application's own key pair (Themis format), for Secure Message and Secure Session. */
  private final KeyPairProperties keyPair = new KeyPairProperties();

  /**
   * Public keys of peers by peer id (base64 of the Themis public key container). Peer ids that
   * contain dots or other special characters must be written in brackets:
   * "themis4j.peers[billing.example]".
   */
  private final Map<String, String> peers = new LinkedHashMap<>();

  /** Secure Session settings. */
  private final Session session = new Session();

  /** Development mode: throwaway keys instead of configured ones. */
  private final DevMode devMode = new DevMode();

  /** JPA integration settings. */
  private final Jpa jpa = new Jpa();

  public Map<String, KeyRingProperties> getKeyRings() {
    return keyRings;
  }

  public KeyPairProperties getKeyPair() {
    return keyPair;
  }

  public Map<String, String> getPeers() {
    return peers;
  }

  public Session getSession() {
    return session;
  }

  public DevMode getDevMode() {
    return devMode;
  }

  public Jpa getJpa() {
    return jpa;
  }

  @Override
  public String toString() {
    return "ThemisProperties[keyRings=" + keyRings + ", keyPair=" + keyPair + ", peers="
        + peers.keySet() + ", devMode=" + devMode.isEnabled() + "]";
  }

  /** One key ring: its keys and which of them encrypts new data. */
  public static class KeyRingProperties {
    /** Id of the key that encrypts new data; must be the id of one of the keys. */
    private @Nullable String active;

    /** Keys of this ring; old keys stay listed so that data they encrypted can be read. */
    private final List<KeyProperties> keys = new ArrayList<>();

    public @Nullable String getActive() {
      return active;
    }

    public void setActive(@Nullable String active) {
      this.active = active;
    }

    public List<KeyProperties> getKeys() {
      return keys;
    }

    @Override
    public String toString() {
      return "KeyRing[active=" + active + ", keys=" + keys + "]";
    }
  }

  /** A Secure Cell master key in a key ring: an id and one source. */
  public static class KeyProperties extends KeySource {
    /**
     * Key id, 1 to 64 characters of [A-Za-z0-9._-]. Stored beside each ciphertext, so it must
     * never change once data has been written with the key.
     */
    private @Nullable String id;

    public @Nullable String getId() {
      return id;
    }

    public void setId(@Nullable String id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return "Key[id=" + id + ", " + super.toString() + "]";
    }
  }

  /**
   * Where a key comes from: exactly one of {@code value}, {@code env}, {@code file} and {@code
   * keystore.location} must be set.
   */
  public static class KeySource {
    /** Key as base64, inline. Convenient for tests; avoid for production keys. */
    private @Nullable String value;

    /** Name of an environment variable that holds the key as base64. */
    private @Nullable String env;

    /**
     * File that holds the key: a file system path, or a "file:" or "classpath:" location. Read
     * as raw bytes unless "encoding" is "base64".
     */
    private @Nullable String file;

    /** How the key is encoded in a file or keystore entry. Default: raw bytes. */
    private @Nullable KeyEncoding encoding;

    /** PKCS#12 (or other JCA) keystore entry that holds the key as a secret key entry. */
    private final Keystore keystore = new Keystore();

    public @Nullable String getValue() {
      return value;
    }

    public void setValue(@Nullable String value) {
      this.value = value;
    }

    public @Nullable String getEnv() {
      return env;
    }

    public void setEnv(@Nullable String env) {
      this.env = env;
    }

    public @Nullable String getFile() {
      return file;
    }

    public void setFile(@Nullable String file) {
      this.file = file;
    }

    public @Nullable KeyEncoding getEncoding() {
      return encoding;
    }

    public void setEncoding(@Nullable KeyEncoding encoding) {
      this.encoding = encoding;
    }

    public Keystore getKeystore() {
      return keystore;
    }

    /** Whether any source is set. */
    boolean isConfigured() {
      return value != null || env != null || file != null || keystore.getLocation() != null
          || encoding != null;
    }

    @Override
    public String toString() {
      // Names the kind of source and non-secret locations only.
      List<String> parts = new ArrayList<>();
      if (value != null) {
        parts.add("value=<redacted>");
      }
      if (env != null) {
        parts.add("env=" + env);
      }
      if (file != null) {
        parts.add("file=" + file);
      }
      if (keystore.getLocation() != null) {
        parts.add("keystore=" + keystore);
      }
      return String.join(", ", parts);
    }
  }

  /** How key bytes are stored in a file or keystore entry. */
  public enum KeyEncoding {
    /** The bytes are the key itself. */
    RAW,
    /** The bytes are base64 text of the key (surrounding whitespace is ignored). */
    BASE64
  }

  /** A keystore entry. */
  public static class Keystore {
    /** Keystore file: a file system path, or a "file:" or "classpath:" location. */
    private @Nullable String location;

    /** Keystore type. */
    private String type = "PKCS12";

    /** Password of the keystore. */
    private @Nullable String password;

    /** Alias of the secret key entry. */
    private @Nullable String alias;

    /** Password of the entry, when it differs from the keystore password. */
    private @Nullable String keyPassword;

    public @Nullable String getLocation() {
      return location;
    }

    public void setLocation(@Nullable String location) {
      this.location = location;
    }

    public String getType() {
      return type;
    }

    public void setType(String type) {
      this.type = type;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    public @Nullable String getAlias() {
      return alias;
    }

    public void setAlias(@Nullable String alias) {
      this.alias = alias;
    }

    public @Nullable String getKeyPassword() {
      return keyPassword;
    }

    public void setKeyPassword(@Nullable String keyPassword) {
      this.keyPassword = keyPassword;
    }

    @Override
    public String toString() {
      return location + "#" + alias + " (" + type + ")";
    }
  }

  /** This application's key pair. */
  public static class KeyPairProperties {
    /** Private key (Themis format; secret). */
    private final KeySource privateKey = new KeySource();

    /** Public key (Themis format) matching the private key. */
    private final KeySource publicKey = new KeySource();

    public KeySource getPrivateKey() {
      return privateKey;
    }

    public KeySource getPublicKey() {
      return publicKey;
    }

    boolean isConfigured() {
      return privateKey.isConfigured() || publicKey.isConfigured();
    }

    @Override
    public String toString() {
      return "KeyPair[private=" + privateKey + "; public=" + publicKey + "]";
    }
  }

  /** Secure Session settings. */
  public static class Session {
    /**
     * This application's Secure Session id, which peers map to its public key. Default: the
     * value of "spring.application.name".
     */
    private @Nullable String id;

    public @Nullable String getId() {
      return id;
    }

    public void setId(@Nullable String id) {
      this.id = id;
    }
  }

  /** Development mode. */
  public static class DevMode {
    /**
     * Whether to generate throwaway keys for key rings and the key pair that are not configured.
     * Data encrypted with them cannot be read after a restart. Never enable in production.
     */
    private boolean enabled = false;

    /**
     * Profiles of which one must be active for development mode to start; empty allows it under
     * any profile.
     */
    private List<String> profiles = new ArrayList<>(List.of("dev", "local", "test"));

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getProfiles() {
      return profiles;
    }

    public void setProfiles(List<String> profiles) {
      this.profiles = profiles;
    }
  }

  /** JPA integration. */
  public static class Jpa {
    /** Whether to configure the themis4j JPA integration into Hibernate. */
    private boolean enabled = true;

    /**
     * Migration state per encrypted attribute, keyed by "Entity.attribute" (JPA entity name):
     * "strict" (the default) or "read-legacy" (old plaintexts load while a column is taken over).
     * Overrides @Encrypted(migration). See docs/ADOPTING.md.
     */
    private final Map<String, String> migration = new LinkedHashMap<>();

    public Map<String, String> getMigration() {
      return migration;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
