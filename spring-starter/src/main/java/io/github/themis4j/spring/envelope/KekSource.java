package io.github.themis4j.spring.envelope;

import io.github.themis4j.keyring.envelope.KeyEncryptionKey;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyResolver;
import io.github.themis4j.keyring.envelope.Pkcs11Token;
import io.github.themis4j.keyring.envelope.Pkcs12KeyEncryptionKey;
import io.github.themis4j.spring.autoconfigure.KeyConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The configured KEK family: a PKCS#11 token or a PKCS#12 keystore, opened once, resolving stored
 * KEK URIs and KEKs by label (a rewrap names the new KEK by its label in the same token or
 * keystore). Opening it turns every failure into a {@link KeyConfigurationException} that names
 * the property to fix.
 */
public final class KekSource {
  private final KeyEncryptionKeyResolver resolver;
  private final Function<String, KeyEncryptionKey> byLabel;
  private final String description;

  private KekSource(KeyEncryptionKeyResolver resolver, Function<String, KeyEncryptionKey> byLabel, String description) {
    this.resolver = resolver;
    this.byLabel = byLabel;
    this.description = description;
  }

  /** Resolves the KEK URIs stored beside data keys. */
  public KeyEncryptionKeyResolver resolver() {
    return resolver;
  }

  /** The KEK with this label (PKCS#11) or alias (PKCS#12). */
  public KeyEncryptionKey kek(String label) {
    return byLabel.apply(label);
  }

  /** Where the KEKs are, for health details (no secret). */
  public String description() {
    return description;
  }

  static KekSource open(ThemisKekProperties p, Function<String, @Nullable String> env) {
    ThemisKekProperties.Type type = p.getType();
    if (type == ThemisKekProperties.Type.PKCS11) {
      ThemisKekProperties.Pkcs11 c = p.getPkcs11();
      String library = required(c.getLibrary(), "themis4j.kek.pkcs11.library", "the path of the PKCS#11 module");
      Pkcs11Token.Slot slot =
          c.getSlot() != null ? Pkcs11Token.Slot.id(c.getSlot())
              : Pkcs11Token.Slot.index(c.getSlotListIndex() == null ? 0 : c.getSlotListIndex());
      char[] pin = secret(c.getPinEnv(), c.getPinFile(), "themis4j.kek.pkcs11.pin-env", "themis4j.kek.pkcs11.pin-file", "PIN", env);
      try {
        Pkcs11Token token = Pkcs11Token.open(Path.of(library), slot, pin);
        return new KekSource(token, token::kek, "PKCS#11 token at " + slot + " of " + library);
      } catch (KeyEncryptionKeyException e) {
        throw translate(e, c.getSlot() != null ? "themis4j.kek.pkcs11.slot" : "themis4j.kek.pkcs11.slot-list-index",
            c.getPinEnv() != null ? "themis4j.kek.pkcs11.pin-env" : "themis4j.kek.pkcs11.pin-file");
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
    if (type == ThemisKekProperties.Type.PKCS12) {
      ThemisKekProperties.Keystore c = p.getKeystore();
      String location = required(c.getLocation(), "themis4j.kek.keystore.location", "the path of the PKCS#12 keystore");
      char[] password = secret(c.getPasswordEnv(), c.getPasswordFile(), "themis4j.kek.keystore.password-env",
          "themis4j.kek.keystore.password-file", "keystore password", env);
      try {
        KeyEncryptionKeyResolver r = Pkcs12KeyEncryptionKey.resolver(Path.of(location), password);
        return new KekSource(r, alias -> r.resolve(Pkcs12KeyEncryptionKey.uriOf(alias)), "PKCS#12 keystore " + location);
      } catch (KeyEncryptionKeyException e) {
        throw translate(e, "themis4j.kek.keystore.location",
            c.getPasswordEnv() != null ? "themis4j.kek.keystore.password-env" : "themis4j.kek.keystore.password-file");
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    throw new KeyConfigurationException("themis4j.kek.type", "no KEK type is set", "set themis4j.kek.type to pkcs11 or pkcs12");
  }

  /** The current KEK, by {@code themis4j.kek.key-label}. */
  KeyEncryptionKey current(ThemisKekProperties p) {
    String label = required(p.getKeyLabel(), "themis4j.kek.key-label", "the label (PKCS#11) or alias (PKCS#12) of the KEK");
    try {
      return kek(label);
    } catch (KeyEncryptionKeyException e) {
      throw translate(e, null, null);
    } catch (io.github.themis4j.InvalidArgumentException e) {
      throw new KeyConfigurationException("themis4j.kek.key-label", e.getMessage(), "set a valid key label");
    }
  }

  /** Maps a KEK failure to the property to fix. */
  static KeyConfigurationException translate(KeyEncryptionKeyException e, @Nullable String where, @Nullable String secret) {
    switch (e.reason()) {
      case LOGIN_FAILED:
        return new KeyConfigurationException(secret == null ? "themis4j.kek" : secret, e.getMessage(),
            "check the PIN or password that " + (secret == null ? "themis4j.kek" : secret) + " names", e);
      case KEY_NOT_FOUND:
      case UNSUITABLE:
        return new KeyConfigurationException("themis4j.kek.key-label", e.getMessage(),
            "name an AES key that exists in the token or keystore (create it with Pkcs11Token.generateKek or keytool -genseckey)", e);
      case UNWRAP_FAILED:
        return new KeyConfigurationException("themis4j.kek.key-label", e.getMessage(),
            "the stored data keys were wrapped by another KEK: configure the token or keystore that holds it", e);
      default:
        String property = e.getMessage() != null && e.getMessage().contains("library") ? "themis4j.kek.pkcs11.library" : where == null ? "themis4j.kek" : where;
        return new KeyConfigurationException(property, e.getMessage(),
            "make the HSM or keystore reachable: check the module path, the slot and that the token is present", e);
    }
  }

  private static String required(@Nullable String v, String property, String what) {
    if (v == null || v.isBlank()) {
      throw new KeyConfigurationException(property, property + " is not set", "set " + property + " to " + what);
    }
    return v.trim();
  }

  private static char[] secret(@Nullable String envName, @Nullable String file, String envProperty, String fileProperty,
      String what, Function<String, @Nullable String> env) {
    if (envName != null && !envName.isBlank()) {
      String v = env.apply(envName.trim());
      if (v == null || v.isEmpty()) {
        throw new KeyConfigurationException(envProperty, "environment variable " + envName.trim() + " (the " + what + ") is not set",
            "set environment variable " + envName.trim());
      }
      return v.toCharArray();
    }
    if (file != null && !file.isBlank()) {
      try {
        String v = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        if (v.isEmpty()) {
          throw new KeyConfigurationException(fileProperty, "the " + what + " file " + file.trim() + " is empty", "put the " + what + " in it");
        }
        return v.toCharArray();
      } catch (IOException e) {
        throw new KeyConfigurationException(fileProperty, "cannot read the " + what + " file " + file.trim(), "make it readable", e);
      }
    }
    throw new KeyConfigurationException(envProperty, "the " + what + " is not configured",
        "set " + envProperty + " (an environment variable name) or " + fileProperty + " (a file)");
  }

  @Override
  public String toString() {
    return "KekSource[" + description + "]";
  }
}
