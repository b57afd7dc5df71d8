package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException.Reason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;

/**
 * A logged-in PKCS#11 token, through the JDK's SunPKCS11 provider (no native code of ours): finds
 * the AES keys that serve as {@link Pkcs11KeyEncryptionKey KEKs} by label, and creates them.
 * Resolves {@code pkcs11:object=<label>} URIs of keys in this token.
 *
 * <pre>{@code
 * Pkcs11Token token = Pkcs11Token.open(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
 *     Pkcs11Token.Slot.index(0), pinChars);
 * KeyEncryptionKey kek = token.kek("kek-2026");
 * }</pre>
 *
 * <p>Pitfall of PKCS#11 itself: login state is per token and per process, so once a token is logged
 * in, a second login to it from the same JVM is accepted with any PIN. Open one {@code Pkcs11Token}
 * per token and keep it.
 */
public final class Pkcs11Token implements KeyEncryptionKeyResolver {
  private static final String URI_PREFIX = "pkcs11:object=";

  private final Provider provider;
  private final KeyStore keyStore;
  private final String where;

  private Pkcs11Token(Provider provider, KeyStore keyStore, String where) {
    this.provider = provider;
    this.keyStore = keyStore;
    this.where = where;
  }

  /** The token's slot: by PKCS#11 slot id or by index in the module's slot list. */
  public static final class Slot {
    private final String config;
    private final String text;

    private Slot(String config, String text) {
      this.config = config;
      this.text = text;
    }

    /** The slot with this PKCS#11 slot id. */
    public static Slot id(long slotId) {
      return new Slot("slot = " + slotId, "slot " + slotId);
    }

    /** The slot at this index of the module's list of slots with a token (0: the first). */
    public static Slot index(int slotListIndex) {
      if (slotListIndex < 0) {
        throw new InvalidArgumentException("slot list index must not be negative");
      }
      return new Slot("slotListIndex = " + slotListIndex, "slot list index " + slotListIndex);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Loads the PKCS#11 module, opens the token in {@code slot} and logs in with {@code pin}.
   *
   * @param library the module ({@code .so}, {@code .dll}), for example {@code
   *     /usr/lib/softhsm/libsofthsm2.so}
   * @param slot the token's slot
   * @param pin the user PIN; the array is not kept (the caller may clear it afterwards)
   * @return the logged-in token
   * @throws KeyEncryptionKeyException {@link Reason#UNREACHABLE} if the module cannot be loaded or
   *     has no token in that slot, {@link Reason#LOGIN_FAILED} if the PIN is refused
   */
  public static Pkcs11Token open(java.nio.file.Path library, Slot slot, char[] pin) {
    if (library == null || slot == null || pin == null || pin.length == 0) {
      throw new InvalidArgumentException("PKCS#11 library, slot and PIN must be given");
    }
    String where = "PKCS#11 token at " + slot + " of " + library;
    String lib = library.toAbsolutePath().toString();
    if (lib.contains("\n") || lib.contains("\"")) {
      throw new InvalidArgumentException(
          "PKCS#11 library path must not contain quotes or line breaks");
    }
    if (!java.nio.file.Files.isReadable(library)) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE,
          null,
          "the PKCS#11 library " + lib + " does not exist or cannot be read");
    }
    Provider p;
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new KeyEncryptionKeyException(
            Reason.UNREACHABLE, null, "this JDK has no SunPKCS11 provider");
      }
      String config =
          "--name = themis4j-"
              + Integer.toHexString(System.identityHashCode(slot))
              + "\n"
              + "library = \""
              + lib
              + "\"\n"
              + slot.config
              + "\n";
      p = base.configure(config);
    } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE, null, "cannot open the " + where + ": " + rootMessage(e), e);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", p);
      ks.load(null, pin.clone());
      return new Pkcs11Token(p, ks, where);
    } catch (IOException e) {
      if (hasCause(e, FailedLoginException.class)
          || String.valueOf(rootMessage(e)).contains("CKR_PIN")) {
        throw new KeyEncryptionKeyException(
            Reason.LOGIN_FAILED,
            null,
            "the " + where + " refused the PIN (wrong PIN, or the PIN is locked)",
            e);
      }
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE, null, "cannot log in to the " + where + ": " + rootMessage(e), e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE, null, "cannot open the " + where + ": " + rootMessage(e), e);
    }
  }

  /**
   * The AES key with this label, as a KEK.
   *
   * @throws KeyEncryptionKeyException {@link Reason#KEY_NOT_FOUND} if the token holds no such key,
   *     {@link Reason#UNSUITABLE} if it is not an AES secret key
   */
  public Pkcs11KeyEncryptionKey kek(String label) {
    checkLabel(label);
    String uri = URI_PREFIX + label;
    Key k;
    try {
      k = keyStore.getKey(label, null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE,
          uri,
          "cannot read key '" + label + "' from the " + where + ": " + rootMessage(e),
          e);
    }
    if (k == null) {
      throw new KeyEncryptionKeyException(
          Reason.KEY_NOT_FOUND, uri, "the " + where + " holds no key labelled '" + label + "'");
    }
    if (!(k instanceof SecretKey) || !"AES".equalsIgnoreCase(k.getAlgorithm())) {
      throw new KeyEncryptionKeyException(
          Reason.UNSUITABLE,
          uri,
          "key '" + label + "' of the " + where + " is not an AES secret key");
    }
    return new Pkcs11KeyEncryptionKey(uri, label, k, provider);
  }

  /**
   * Generates a new AES-256 key inside the token (sensitive, non-extractable, a token object) and
   * stores it under {@code label}.
   *
   * @throws InvalidArgumentException if a key with this label exists already
   * @throws KeyEncryptionKeyException if the token refuses
   */
  public Pkcs11KeyEncryptionKey generateKek(String label) {
    checkLabel(label);
    try {
      if (keyStore.containsAlias(label)) {
        throw new InvalidArgumentException(
            "the " + where + " already holds a key labelled '" + label + "'");
      }
      KeyGenerator g = KeyGenerator.getInstance("AES", provider);
      g.init(256);
      keyStore.setKeyEntry(label, g.generateKey(), null, null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE,
          URI_PREFIX + label,
          "cannot generate key '" + label + "' in the " + where + ": " + rootMessage(e),
          e);
    }
    return kek(label);
  }

  /** The SunPKCS11 provider instance bound to this token (for direct JCA use). */
  public Provider provider() {
    return provider;
  }

  /** Resolves {@code pkcs11:object=<label>} to the key with that label in this token. */
  @Override
  public KeyEncryptionKey resolve(String uri) {
    if (uri == null || !uri.startsWith(URI_PREFIX)) {
      throw new KeyEncryptionKeyException(
          Reason.KEY_NOT_FOUND,
          uri,
          "the KEK URI "
              + uri
              + " is not a key of the "
              + where
              + " (expected "
              + URI_PREFIX
              + "<label>)");
    }
    return kek(uri.substring(URI_PREFIX.length()));
  }

  /** The URI of the key with this label, as {@link Pkcs11KeyEncryptionKey#uri()} gives it. */
  public static String uriOf(String label) {
    return URI_PREFIX + checkLabel(label);
  }

  private static String checkLabel(String label) {
    if (label == null
        || label.isEmpty()
        || label.length() > 128
        || !label.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidArgumentException("key label must be 1-128 characters of [A-Za-z0-9._-]");
    }
    return label;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    // Provider messages name PKCS#11 return codes (CKR_...) and paths, never the PIN.
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Pkcs11Token[" + where + "]";
  }
}
