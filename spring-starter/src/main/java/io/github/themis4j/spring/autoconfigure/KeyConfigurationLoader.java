package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.KeyFormatException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.spring.KeyRingRegistrar;
import io.github.themis4j.spring.PeerPublicKeys;
import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeyProperties;
import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeyRingProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link ThemisProperties} into key objects, validating everything: each failure is a
 * {@link KeyConfigurationException} that names the property to set.
 */
final class KeyConfigurationLoader {
  /**
   * Configured Secure Cell keys shorter than this are refused. Themis itself accepts any non-empty
   * key, but a configured key this short is a typo or a password, not a key.
   */
  static final int MIN_SYMMETRIC_KEY_BYTES = 16;

  private static final String RINGS = "themis4j.key-rings";

  private final KeyMaterialLoader loader;

  KeyConfigurationLoader(KeyMaterialLoader loader) {
    this.loader = loader;
  }

  /** The configured rings, then those of the registrars, in order; names are unique. */
  List<KeyRing> keyRings(ThemisProperties properties, List<KeyRingRegistrar> registrars) {
    Map<String, KeyRing> rings = new LinkedHashMap<>();
    properties.getKeyRings().forEach((name, ring) -> rings.put(name, keyRing(name, ring)));
    for (KeyRingRegistrar registrar : registrars) {
      registrar.registerKeyRings(
          ring -> {
            if (ring == null) {
              throw new InvalidArgumentException("a KeyRingRegistrar registered a null key ring");
            }
            if (rings.putIfAbsent(ring.name(), ring) != null) {
              throw new KeyConfigurationException(
                  RINGS + "." + ring.name(),
                  "Key ring '" + ring.name() + "' is both configured and registered by "
                      + registrar.getClass().getName() + ", or registered twice.",
                  "Remove '" + RINGS + "." + ring.name() + "' or rename one of the rings.");
            }
          });
    }
    return new ArrayList<>(rings.values());
  }

  private KeyRing keyRing(String name, KeyRingProperties ring) {
    String prefix = RINGS + "." + name;
    try {
      KeyRing.checkId(name, "key ring name");
    } catch (InvalidArgumentException e) {
      throw new KeyConfigurationException(prefix,
          "Key ring name '" + name + "' is not valid: names are 1-64 characters of [A-Za-z0-9._-].",
          "Rename key ring '" + name + "'.");
    }
    if (ring.getKeys().isEmpty()) {
      throw new KeyConfigurationException(prefix + ".keys",
          "Key ring '" + name + "' has no keys.",
          "Add a key: set '" + prefix + ".keys[0].id' and one key source such as '" + prefix
              + ".keys[0].env', then '" + prefix + ".active'.");
    }
    KeyRing.Builder builder = KeyRing.builder(name);
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < ring.getKeys().size(); i++) {
      KeyProperties key = ring.getKeys().get(i);
      String keyPrefix = prefix + ".keys[" + i + "]";
      String id = key.getId();
      if (id == null || id.isBlank()) {
        throw new KeyConfigurationException(keyPrefix + ".id",
            "Key " + i + " of key ring '" + name + "' has no id. If the keys of this ring are set in"
                + " more than one property source (for example a file and the environment variable "
                + envName(name, i) + "_VALUE), Spring Boot binds the whole list 'keys' from the"
                + " highest-priority source that sets any of it and ignores the elements of the others.",
            "Set '" + keyPrefix + ".id' (1-64 characters of [A-Za-z0-9._-], for example '2026-01'),"
                + " and set every key of '" + prefix + ".keys' (id and source) in one property source.");
      }
      try {
        KeyRing.checkId(id, "key id");
      } catch (InvalidArgumentException e) {
        throw new KeyConfigurationException(keyPrefix + ".id",
            "Key id '" + id + "' in key ring '" + name + "' is not valid: ids are 1-64 characters of"
                + " [A-Za-z0-9._-].",
            "Change '" + keyPrefix + ".id'.");
      }
      Integer other = seen.putIfAbsent(id, i);
      if (other != null) {
        throw new KeyConfigurationException(keyPrefix + ".id",
            "Key ring '" + name + "' has two keys with id '" + id + "' (keys[" + other + "] and keys["
                + i + "]).",
            "Give each key of '" + prefix + "' its own id, or remove the duplicate '" + keyPrefix + "'.");
      }
      byte[] bytes = loader.load(key, keyPrefix);
      try {
        if (bytes.length < MIN_SYMMETRIC_KEY_BYTES) {
          throw new KeyConfigurationException(keyPrefix,
              "Key '" + id + "' of key ring '" + name + "' is " + bytes.length + " bytes long; at least "
                  + MIN_SYMMETRIC_KEY_BYTES + " are required (Themis generates 32-byte keys).",
              "Configure a random key of 32 bytes for '" + keyPrefix + "', for example the output of"
                  + " 'head -c 32 /dev/urandom | base64'.");
        }
        builder.add(id, SymmetricKey.fromBytes(bytes));
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    String active = ring.getActive();
    if (active == null || active.isBlank()) {
      throw new KeyConfigurationException(prefix + ".active",
          "Key ring '" + name + "' has no active key.",
          "Set '" + prefix + ".active' to the id of the key that encrypts new data (one of "
              + seen.keySet() + ").");
    }
    if (!seen.containsKey(active)) {
      throw new KeyConfigurationException(prefix + ".active",
          "Key ring '" + name + "' names active key '" + active + "', which it does not hold.",
          "Set '" + prefix + ".active' to one of " + seen.keySet() + ", or add a key with id '" + active
              + "'.");
    }
    return builder.active(active).build();
  }

  /** The environment variable form of key {@code i} of a ring, for messages. */
  private static String envName(String ring, int i) {
    return "THEMIS4J_KEYRINGS_" + ring.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "")
        + "_KEYS_" + i;
  }

  /** The configured key pair, or null if none is configured. */
  @Nullable KeyPair keyPair(ThemisProperties properties) {
    ThemisProperties.KeyPairProperties pair = properties.getKeyPair();
    if (!pair.isConfigured()) {
      return null;
    }
    String privateProperty = "themis4j.key-pair.private-key";
    String publicProperty = "themis4j.key-pair.public-key";
    PrivateKey privateKey;
    byte[] privateBytes = loader.load(pair.getPrivateKey(), privateProperty);
    try {
      privateKey = PrivateKey.fromBytes(privateBytes);
    } catch (KeyFormatException e) {
      throw new KeyConfigurationException(privateProperty,
          "The key configured by '" + privateProperty + "' is not a Themis private key: " + e.getMessage(),
          "Configure the private key container that Themis generated (for example with"
              + " 'KeyPair.generate(KeyType.EC).privateKey().toByteArray()'), base64-encoded for value and env.",
          e);
    } finally {
      Arrays.fill(privateBytes, (byte) 0);
    }
    PublicKey publicKey;
    try {
      publicKey = PublicKey.fromBytes(loader.load(pair.getPublicKey(), publicProperty));
    } catch (KeyFormatException e) {
      throw new KeyConfigurationException(publicProperty,
          "The key configured by '" + publicProperty + "' is not a Themis public key: " + e.getMessage(),
          "Configure the public key that belongs to '" + privateProperty + "'.", e);
    }
    try {
      return KeyPair.of(privateKey, publicKey);
    } catch (InvalidArgumentException e) {
      throw new KeyConfigurationException(publicProperty,
          "'" + publicProperty + "' and '" + privateProperty + "' are not one key pair: " + e.getMessage(),
          "Configure the public key that belongs to '" + privateProperty + "'.", e);
    }
  }

  /** The configured peers' public keys. */
  static PeerPublicKeys peers(ThemisProperties properties) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    properties.getPeers().forEach(
        (id, base64) -> {
          String property = "themis4j.peers[" + id + "]";
          byte[] bytes;
          try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
          } catch (IllegalArgumentException e) {
            throw new KeyConfigurationException(property,
                "The public key of peer '" + id + "' is not valid base64.",
                "Set '" + property + "' to the peer's Themis public key, base64-encoded.");
          }
          try {
            keys.put(id, PublicKey.fromBytes(bytes));
          } catch (KeyFormatException e) {
            throw new KeyConfigurationException(property,
                "The public key of peer '" + id + "' is not a Themis public key: " + e.getMessage(),
                "Set '" + property + "' to the peer's Themis public key, base64-encoded.", e);
          }
        });
    return PeerPublicKeys.of(keys);
  }
}
