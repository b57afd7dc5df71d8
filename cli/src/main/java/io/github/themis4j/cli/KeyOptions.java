package io.github.themis4j.cli;

import io.github.themis4j.keys.SymmetricKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import picocli.CommandLine.Option;

/**
 * Where a Secure Cell master key comes from: a file of raw key bytes, an environment variable
 * holding base64, or a secret-key entry of a PKCS#12 (or JCEKS) keystore. Keys are never taken
 * from the command line itself (other users can read it in the process list).
 */
final class KeyOptions {
  @Option(
      names = {"-k", "--key-file"},
      paramLabel = "FILE",
      description = "Master key: the raw bytes of FILE (as written by 'keygen sym').")
  String keyFile;

  @Option(
      names = "--key-env",
      paramLabel = "VAR",
      description = "Master key: base64 in the environment variable VAR.")
  String keyEnv;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description = "Master key: a secret-key entry of a PKCS#12 or JCEKS keystore.")
  String keystore;

  @Option(
      names = "--keystore-alias",
      paramLabel = "ALIAS",
      description = "The keystore entry (default: the only secret-key entry).")
  String alias;

  @Option(
      names = "--keystore-password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the keystore (and entry) password.")
  String passwordEnv;

  boolean present() {
    return keyFile != null || keyEnv != null || keystore != null;
  }

  SymmetricKey key() {
    int sources = (keyFile != null ? 1 : 0) + (keyEnv != null ? 1 : 0) + (keystore != null ? 1 : 0);
    if (sources == 0) {
      throw new CliException("a key is required: --key-file, --key-env or --keystore");
    }
    if (sources > 1) {
      throw new CliException("give one key source: --key-file, --key-env or --keystore");
    }
    byte[] raw;
    if (keyFile != null) {
      raw = Io.read(keyFile);
    } else if (keyEnv != null) {
      raw = Io.fromBase64(env(keyEnv, "--key-env"), "the key in $" + keyEnv);
    } else {
      raw = fromKeystore();
    }
    if (raw.length == 0) {
      throw new CliException("the key is empty");
    }
    return SymmetricKey.fromBytes(raw);
  }

  static String env(String var, String option) {
    String v = System.getenv(var);
    if (v == null) {
      throw new CliException(option + ": environment variable " + var + " is not set");
    }
    return v;
  }

  private byte[] fromKeystore() {
    char[] password =
        passwordEnv == null ? new char[0] : env(passwordEnv, "--keystore-password-env").toCharArray();
    byte[] file = Io.read(keystore);
    KeyStore ks = null;
    for (String type : new String[] {"PKCS12", "JCEKS"}) {
      try {
        KeyStore k = KeyStore.getInstance(type);
        k.load(new ByteArrayInputStream(file), password);
        ks = k;
        break;
      } catch (IOException | GeneralSecurityException e) {
        // try the next type
      }
    }
    if (ks == null) {
      throw new CliException(
          "cannot open keystore " + keystore + ": not a PKCS#12/JCEKS keystore or wrong password");
    }
    try {
      String a = alias == null ? onlySecretEntry(ks) : alias;
      if (!ks.containsAlias(a)) {
        throw new CliException("keystore " + keystore + " has no entry '" + a + "'");
      }
      Key k = ks.getKey(a, password);
      if (!(k instanceof javax.crypto.SecretKey) || k.getEncoded() == null) {
        throw new CliException("keystore entry '" + a + "' is not a secret key");
      }
      return k.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new CliException("cannot read the keystore entry: wrong password or unsupported entry");
    }
  }

  private String onlySecretEntry(KeyStore ks) throws GeneralSecurityException {
    String found = null;
    for (String a : java.util.Collections.list(ks.aliases())) {
      if (ks.entryInstanceOf(a, KeyStore.SecretKeyEntry.class)) {
        if (found != null) {
          throw new CliException("keystore has several secret keys: choose one with --keystore-alias");
        }
        found = a;
      }
    }
    if (found == null) {
      throw new CliException("keystore " + keystore + " holds no secret key");
    }
    return found;
  }
}
