package io.github.themis4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.themis4j.testing.WasmThemis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command through the real launcher, checked against wasm-themis (the Themis 0.15 C core
 * under node, {@link WasmThemis}) in both directions: what the CLI writes wasm-themis reads, and
 * what wasm-themis writes the CLI reads.
 */
class CommandsIT {
  static WasmThemis wasm;
  @TempDir static Path dir;
  static String keyFile;
  static byte[] key;

  @BeforeAll
  static void setUp() throws IOException {
    wasm = WasmThemis.get();
    keyFile = dir.resolve("master.key").toString();
    Launcher.run("keygen", "sym", "-o", keyFile).ok();
    key = Files.readAllBytes(Path.of(keyFile));
  }

  static String path(String name) {
    return dir.resolve(name).toString();
  }

  static byte[] b64(Launcher.Result r) {
    return Base64.getDecoder().decode(r.ok().out().trim());
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "keygen", "cell", "cell seal", "cell seal encrypt", "cell seal decrypt", "cell token",
        "cell token encrypt", "cell token decrypt", "cell imprint", "cell imprint encrypt",
        "cell imprint decrypt", "message", "message encrypt", "message decrypt", "message sign",
        "message verify", "inspect", "column", "column context", "column decrypt", "column encrypt",
        "keys", "keys wrap", "keys unwrap", "keys rewrap", "keys list", "index", "index plan",
        "index compute", "tools"
      })
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Launcher.Result r = Launcher.run(args).ok();
    assertThat(r.out()).startsWith("Usage: themis4j" + (command.isEmpty() ? "" : " " + command));
    assertThat(r.stderr).isEmpty();
  }

  @Test
  void symmetricKeyFileIsOwnerOnlyAndWorksInWasmThemis() throws IOException {
    assertThat(key).hasSize(32);
    assertThat(Files.getPosixFilePermissions(Path.of(keyFile))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    byte[] fromEnv = b64(Launcher.run("keygen", "sym", "--base64"));
    assertThat(fromEnv).hasSize(32).isNotEqualTo(key);
    // refuses to overwrite without --force
    Launcher.run("keygen", "sym", "-o", keyFile).fails("file exists");
    assertThat(Files.readAllBytes(Path.of(keyFile))).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec", "rsa"})
  void keyPairsAreValidThemisKeys(String kind) throws IOException {
    String base = path("pair-" + kind);
    Launcher.run("keygen", kind, "-o", base).ok();
    byte[] priv = Files.readAllBytes(Path.of(base));
    byte[] pub = Files.readAllBytes(Path.of(base + ".pub"));
    assertThat(wasm.call1("key.validate", priv)).containsExactly(0);
    assertThat(wasm.call1("key.validate", pub)).containsExactly(0);
    assertThat(Files.getPosixFilePermissions(Path.of(base))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(new String(priv, 0, 3, UTF_8)).isEqualTo(kind.equals("ec") ? "REC" : "RRA");
    assertThat(Launcher.run("inspect", "-i", base).ok().out())
        .contains("Themis private key").contains(kind.equals("ec") ? "EC P-256" : "RSA 2048-bit").contains("valid: yes");
  }

  @Test
  void sealWithKeyBothWays() {
    byte[] ctx = "row 42".getBytes(UTF_8);
    byte[] ours = b64(Launcher.run("cell", "seal", "encrypt", "-k", keyFile, "-c", "row 42", "-b", "plain text"));
    assertThat(wasm.call1("cell.seal.decrypt", key, ours, ctx)).isEqualTo("plain text".getBytes(UTF_8));
    byte[] theirs = wasm.call1("cell.seal.encrypt", key, "from wasm".getBytes(UTF_8), ctx);
    Launcher.Result r = Launcher.withStdin(theirs, "cell", "seal", "decrypt", "-k", keyFile, "-c", "row 42");
    assertThat(r.ok().out()).isEqualTo("from wasm");
    // stdin base64 input, file output
    String out = path("seal.out");
    Launcher.withStdin(b64(theirs).getBytes(UTF_8), "cell", "seal", "decrypt", "-k", keyFile, "-c", "row 42", "--from-base64", "-o", out).ok();
    assertThat(Path.of(out)).hasContent("from wasm");
    // wrong context, wrong key, truncated
    Launcher.withStdin(theirs, "cell", "seal", "decrypt", "-k", keyFile, "-c", "row 43")
        .fails("authentication failed", "from wasm");
    Launcher.withEnv(Map.of("K", b64(new byte[32])), "cell", "seal", "decrypt", "--key-env", "K", "--from-base64", b64(theirs))
        .fails("authentication failed", "from wasm");
    Launcher.withStdin(java.util.Arrays.copyOf(theirs, 30), "cell", "seal", "decrypt", "-k", keyFile, "-c", "row 42")
        .fails("", "from wasm");
  }

  @Test
  void keysFromEnvironmentAndKeystore() throws Exception {
    byte[] ours = b64(Launcher.withEnv(Map.of("T4J_KEY", b64(key)), "cell", "seal", "encrypt", "--key-env", "T4J_KEY", "-b", "env key"));
    assertThat(wasm.call1("cell.seal.decrypt", key, ours, null)).isEqualTo("env key".getBytes(UTF_8));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "store secret".toCharArray();
    ks.setEntry("column-key", new java.security.KeyStore.SecretKeyEntry(new javax.crypto.spec.SecretKeySpec(key, "AES")),
        new java.security.KeyStore.PasswordProtection(pw));
    Path store = dir.resolve("keys.p12");
    try (java.io.OutputStream o = Files.newOutputStream(store)) {
      ks.store(o, pw);
    }
    Map<String, String> env = Map.of("T4J_STOREPASS", "store secret");
    byte[] viaStore = b64(Launcher.withEnv(env, "cell", "seal", "encrypt", "--keystore", store.toString(),
        "--keystore-password-env", "T4J_STOREPASS", "-b", "keystore key"));
    assertThat(wasm.call1("cell.seal.decrypt", key, viaStore, null)).isEqualTo("keystore key".getBytes(UTF_8));
    Launcher.withEnv(env, "cell", "seal", "encrypt", "--keystore", store.toString(), "--keystore-alias", "nope",
        "--keystore-password-env", "T4J_STOREPASS", "x").fails("has no entry 'nope'");
    Launcher.withEnv(Map.of("T4J_STOREPASS", "bad-pass-123"), "cell", "seal", "encrypt", "--keystore", store.toString(),
        "--keystore-password-env", "T4J_STOREPASS", "x").fails("wrong password", "bad-pass-123");
  }

  @Test
  void sealWithPassphraseBothWays() throws IOException {
    Path pw = dir.resolve("pass.txt");
    Files.write(pw, "correct horse\n".getBytes(UTF_8));
    byte[] ours = b64(Launcher.run("cell", "seal", "encrypt", "--passphrase-file", pw.toString(), "-b", "pw data"));
    assertThat(wasm.call1("cell.pass.decrypt", "correct horse".getBytes(UTF_8), ours, null)).isEqualTo("pw data".getBytes(UTF_8));
    byte[] theirs = wasm.call1("cell.pass.encrypt", "correct horse".getBytes(UTF_8), "wasm pw".getBytes(UTF_8), "c".getBytes(UTF_8));
    assertThat(Launcher.withEnv(Map.of("PW", "correct horse"), "cell", "seal", "decrypt", "--passphrase-env", "PW", "-c", "c", "--from-base64", b64(theirs)).ok().out())
        .isEqualTo("wasm pw");
    Launcher.withEnv(Map.of("PW", "wrong horse"), "cell", "seal", "decrypt", "--passphrase-env", "PW", "-c", "c", "--from-base64", b64(theirs))
        .fails("authentication failed", "wrong horse", "wasm pw");
    assertThat(Launcher.run("inspect", "--from-base64", b64(theirs)).ok().out())
        .contains("Secure Cell Seal, passphrase").contains("PBKDF2 iterations: 314110").contains("ciphertext length: 7 bytes");
  }

  @Test
  void tokenProtectBothWays() throws IOException {
    String line = Launcher.run("cell", "token", "encrypt", "-k", keyFile, "-c", "ctx", "-b", "token data").ok().out().trim();
    String[] parts = line.split(",");
    byte[] data = Base64.getDecoder().decode(parts[0]);
    byte[] token = Base64.getDecoder().decode(parts[1]);
    assertThat(data).hasSize("token data".length());
    assertThat(wasm.call1("cell.token.decrypt", key, data, token, "ctx".getBytes(UTF_8))).isEqualTo("token data".getBytes(UTF_8));
    byte[][] theirs = wasm.call("cell.token.encrypt", key, "wasm token".getBytes(UTF_8), "ctx".getBytes(UTF_8));
    Path dataFile = dir.resolve("t.data");
    Path tokenFile = dir.resolve("t.token");
    Files.write(dataFile, theirs[0]);
    Files.write(tokenFile, theirs[1]);
    assertThat(Launcher.run("cell", "token", "decrypt", "-k", keyFile, "-c", "ctx", "-i", dataFile.toString(), "--token", tokenFile.toString()).ok().out())
        .isEqualTo("wasm token");
    assertThat(Launcher.run("cell", "token", "decrypt", "-k", keyFile, "-c", "ctx", "--from-base64", b64(theirs[0]) + "," + b64(theirs[1])).ok().out())
        .isEqualTo("wasm token");
    // raw output with --token file
    Path ct = dir.resolve("ours.data");
    Path tok = dir.resolve("ours.token");
    Launcher.run("cell", "token", "encrypt", "-k", keyFile, "--token", tok.toString(), "-o", ct.toString(), "raw").ok();
    assertThat(wasm.call1("cell.token.decrypt", key, Files.readAllBytes(ct), Files.readAllBytes(tok), null)).isEqualTo("raw".getBytes(UTF_8));
    assertThat(Launcher.run("inspect", "-i", tok.toString()).ok().out()).contains("Token Protect token").contains("protects: 3 bytes");
    Launcher.run("cell", "token", "decrypt", "-k", keyFile, "-c", "other", "-i", dataFile.toString(), "--token", tokenFile.toString())
        .fails("authentication failed", "wasm token");
  }

  @Test
  void contextImprintBothWays() {
    byte[] ours = b64(Launcher.run("cell", "imprint", "encrypt", "-k", keyFile, "-c", "imprint ctx", "-b", "same length"));
    assertThat(ours).hasSize("same length".length());
    assertThat(wasm.call1("cell.imprint.decrypt", key, ours, "imprint ctx".getBytes(UTF_8))).isEqualTo("same length".getBytes(UTF_8));
    byte[] theirs = wasm.call1("cell.imprint.encrypt", key, "wasm imprint".getBytes(UTF_8), "imprint ctx".getBytes(UTF_8));
    assertThat(Launcher.withStdin(theirs, "cell", "imprint", "decrypt", "-k", keyFile, "-c", "imprint ctx").ok().out()).isEqualTo("wasm imprint");
    Launcher.run("cell", "imprint", "encrypt", "-k", keyFile, "x").fails("--context");
  }

  @ParameterizedTest
  @ValueSource(strings = {"keygen.ec", "keygen.rsa"})
  void secureMessageBothWays(String keygen) throws IOException {
    byte[][] alice = wasm.call(keygen);
    String kind = keygen.endsWith("ec") ? "ec" : "rsa";
    String bob = path("bob-" + kind);
    Launcher.run("keygen", kind, "-o", bob).ok();
    Path alicePriv = dir.resolve("alice-" + kind);
    Path alicePub = dir.resolve("alice-" + kind + ".pub");
    Files.write(alicePriv, alice[0]);
    Files.write(alicePub, alice[1]);
    byte[] bobPriv = Files.readAllBytes(Path.of(bob));
    byte[] bobPub = Files.readAllBytes(Path.of(bob + ".pub"));
    // Bob (CLI) encrypts to Alice (wasm) and signs; wasm decrypts and verifies.
    byte[] enc = b64(Launcher.run("message", "encrypt", "--private", bob, "--public", alicePub.toString(), "-b", "to alice"));
    assertThat(wasm.call1("msg.decrypt", alice[0], bobPub, enc)).isEqualTo("to alice".getBytes(UTF_8));
    byte[] signed = b64(Launcher.run("message", "sign", "--private", bob, "-b", "signed by bob"));
    assertThat(wasm.call1("msg.verify", bobPub, signed)).isEqualTo("signed by bob".getBytes(UTF_8));
    // Alice (wasm) encrypts to Bob and signs; the CLI decrypts and verifies.
    byte[] theirs = wasm.call1("msg.encrypt", alice[0], bobPub, "to bob".getBytes(UTF_8));
    assertThat(Launcher.withStdin(theirs, "message", "decrypt", "--private", bob, "--public", alicePub.toString()).ok().out()).isEqualTo("to bob");
    byte[] theirSig = wasm.call1("msg.sign", alice[0], "signed by alice".getBytes(UTF_8));
    assertThat(Launcher.run("message", "verify", "--public", alicePub.toString(), "--from-base64", b64(theirSig)).ok().out())
        .isEqualTo("signed by alice");
    assertThat(Launcher.run("inspect", "--from-base64", b64(theirs)).ok().out()).contains("Secure Message, encrypted (" + kind.toUpperCase());
    assertThat(Launcher.run("inspect", "--from-base64", b64(theirSig)).ok().out()).contains("Secure Message, signed").contains("message length: 15 bytes");
    // a signature checked against the wrong key, a message decrypted with the wrong pair
    Launcher.run("message", "verify", "--public", bob + ".pub", "--from-base64", b64(theirSig)).fails("", "signed by alice");
    Launcher.withStdin(theirs, "message", "decrypt", "--private", alicePriv.toString(), "--public", alicePub.toString())
        .fails("", "to bob");
    assertThat(bobPriv).isNotEmpty();
  }

  @Test
  void inspectsWasmKeysAndCells() {
    byte[][] pair = wasm.call("keygen.ec");
    assertThat(Launcher.run("inspect", "--from-base64", b64(pair[1])).ok().out())
        .contains("Themis public key (container UEC2)").contains("valid: yes").contains("point: compressed");
    byte[] corrupt = pair[1].clone();
    corrupt[20] ^= 1;
    assertThat(Launcher.run("inspect", "--from-base64", b64(corrupt)).ok().out()).contains("valid: no");
    byte[] seal = wasm.call1("cell.seal.encrypt", key, new byte[100], null);
    assertThat(Launcher.withStdin(seal, "inspect").ok().out())
        .contains("length: 144 bytes").contains("Secure Cell Seal, master key").contains("AES-256-GCM").contains("ciphertext length: 100 bytes");
    assertThat(Launcher.withStdin(java.util.Arrays.copyOf(seal, 100), "inspect").ok().out()).contains("length does not match");
    assertThat(Launcher.withStdin("hello".getBytes(UTF_8), "inspect").ok().out()).contains("type: unknown");
  }

  @Test
  void badInputFailsWithOneLine() {
    Launcher.run("cell", "seal", "encrypt", "-k", path("missing.key"), "x").fails("cannot read " + path("missing.key") + ": no such file");
    Launcher.run("cell", "seal", "encrypt", "-k", dir.toString(), "x").fails("is a directory");
    Launcher.run("cell", "seal", "decrypt", "-k", keyFile, "--from-base64", "!!!").fails("not valid base64");
    Launcher.run("message", "sign", "x").fails("Missing required option: '--private=FILE'");
    Launcher.run("cell", "seal", "encrypt", "-k", keyFile, "a", "super-secret-extra").fails("unexpected argument", "super-secret-extra");
    Launcher.run("cell", "frobnicate").fails("");
    Launcher.run("keygen").fails("Missing required parameter");
    Launcher.run("message", "sign", "--private", keyFile, "top secret").fails("", "top secret");
    Launcher.withEnv(Map.of(), "cell", "seal", "encrypt", "--key-env", "T4J_UNSET_VAR", "x").fails("T4J_UNSET_VAR is not set");
  }

  @Test
  void executableJarHoldsNoHibernateJakartaOrSpring() throws IOException {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Launcher.JAR.toFile())) {
      assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
          .noneMatch(n -> n.startsWith("org/hibernate/") || n.startsWith("jakarta/") || n.startsWith("org/springframework/"))
          .anyMatch(n -> n.equals("io/github/themis4j/jpa/EncryptedValueCodec.class"))
          .anyMatch(n -> n.startsWith("picocli/"));
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.github.themis4j.cli.Themis4jCli");
    }
  }

  @Test
  void installedCopyFindsItsJar() throws IOException {
    Path prefix = dir.resolve("opt");
    Files.createDirectories(prefix.resolve("bin"));
    Files.createDirectories(prefix.resolve("lib"));
    Files.copy(Launcher.SCRIPT, prefix.resolve("bin/themis4j"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(Launcher.JAR, prefix.resolve("lib/themis4j-cli.jar"));
    Launcher.Result r = Launcher.exec(java.util.List.of(prefix.resolve("bin/themis4j").toString(), "--version"),
        new byte[0], Map.of("THEMIS4J_JAR", ""), dir);
    assertThat(r.ok().out()).startsWith("themis4j ");
  }

  @Test
  void launcherReportsAMissingJar() {
    Launcher.Result r = Launcher.withEnv(Map.of("THEMIS4J_JAR", path("no.jar")), "--help");
    r.fails("not built");
  }
}
