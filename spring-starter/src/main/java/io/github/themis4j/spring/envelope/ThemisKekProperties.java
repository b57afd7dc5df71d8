package io.github.themis4j.spring.envelope;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code themis4j.kek.*}: the key-encryption key that wraps the data keys of envelope key rings. The
 * key itself never appears in the configuration: it stays in the PKCS#11 token or the keystore;
 * the PIN or password comes from an environment variable or a file (mounted secret), named here.
 *
 * <pre>
 * themis4j.kek.type=pkcs11
 * themis4j.kek.key-label=kek-2026
 * themis4j.kek.pkcs11.library=/usr/lib/softhsm/libsofthsm2.so
 * themis4j.kek.pkcs11.slot-list-index=0
 * themis4j.kek.pkcs11.pin-env=HSM_PIN
 * </pre>
 */
@ConfigurationProperties("themis4j.kek")
public class ThemisKekProperties {
  /** Where the KEK lives. */
  public enum Type {
    /** An AES key in a PKCS#11 token (HSM, SoftHSM2), through the JDK's SunPKCS11 provider. */
    PKCS11,
    /** An AES secret-key entry of a PKCS#12 keystore. */
    PKCS12;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the KEK lives: pkcs11 or pkcs12. Setting it turns envelope key rings on. */
  private @Nullable Type type;

  /** The label (PKCS#11) or alias (PKCS#12) of the KEK that wraps new data keys. */
  private @Nullable String keyLabel;

  private final Pkcs11 pkcs11 = new Pkcs11();
  private final Keystore keystore = new Keystore();

  public @Nullable Type getType() {
    return type;
  }

  public void setType(@Nullable Type type) {
    this.type = type;
  }

  public @Nullable String getKeyLabel() {
    return keyLabel;
  }

  public void setKeyLabel(@Nullable String keyLabel) {
    this.keyLabel = keyLabel;
  }

  public Pkcs11 getPkcs11() {
    return pkcs11;
  }

  public Keystore getKeystore() {
    return keystore;
  }

  /** {@code themis4j.kek.pkcs11.*}. */
  public static class Pkcs11 {
    /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
    private @Nullable String library;
    /** The token's PKCS#11 slot id (or use slot-list-index). */
    private @Nullable Long slot;
    /** The token's index in the module's slot list (default 0 when slot is not set). */
    private @Nullable Integer slotListIndex;
    /** Environment variable holding the user PIN. */
    private @Nullable String pinEnv;
    /** File holding the user PIN (trailing line break ignored). */
    private @Nullable String pinFile;

    public @Nullable String getLibrary() {
      return library;
    }

    public void setLibrary(@Nullable String library) {
      this.library = library;
    }

    public @Nullable Long getSlot() {
      return slot;
    }

    public void setSlot(@Nullable Long slot) {
      this.slot = slot;
    }

    public @Nullable Integer getSlotListIndex() {
      return slotListIndex;
    }

    public void setSlotListIndex(@Nullable Integer slotListIndex) {
      this.slotListIndex = slotListIndex;
    }

    public @Nullable String getPinEnv() {
      return pinEnv;
    }

    public void setPinEnv(@Nullable String pinEnv) {
      this.pinEnv = pinEnv;
    }

    public @Nullable String getPinFile() {
      return pinFile;
    }

    public void setPinFile(@Nullable String pinFile) {
      this.pinFile = pinFile;
    }
  }

  /** {@code themis4j.kek.keystore.*}. */
  public static class Keystore {
    /** Path of the PKCS#12 keystore holding the KEK. */
    private @Nullable String location;
    /** Environment variable holding the keystore password. */
    private @Nullable String passwordEnv;
    /** File holding the keystore password (trailing line break ignored). */
    private @Nullable String passwordFile;

    public @Nullable String getLocation() {
      return location;
    }

    public void setLocation(@Nullable String location) {
      this.location = location;
    }

    public @Nullable String getPasswordEnv() {
      return passwordEnv;
    }

    public void setPasswordEnv(@Nullable String passwordEnv) {
      this.passwordEnv = passwordEnv;
    }

    public @Nullable String getPasswordFile() {
      return passwordFile;
    }

    public void setPasswordFile(@Nullable String passwordFile) {
      this.passwordFile = passwordFile;
    }
  }
}
