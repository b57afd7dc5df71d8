package io.github.themis4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys}: envelope rings (a directory store, PKCS#12 KEKs) through the launcher. */
class KeysIT {
  @TempDir Path dir;

  @Test
  void wrapUnwrapRewrap() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "kek pass".toCharArray();
    for (String alias : new String[] {"kek1", "kek2"}) {
      byte[] k = new byte[32];
      new java.security.SecureRandom().nextBytes(k);
      ks.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(k, "AES")), new KeyStore.PasswordProtection(pw));
    }
    Path p12 = dir.resolve("kek.p12");
    try (OutputStream o = Files.newOutputStream(p12)) {
      ks.store(o, pw);
    }
    Path store = dir.resolve("rings");
    Files.createDirectories(store);
    Map<String, String> env = Map.of("KEKPW", "kek pass");
    String[] common = {"--store", store.toString(), "--kek-keystore", p12.toString(), "--kek-password-env", "KEKPW"};
    String id = run(env, "keys", "wrap", common, "--kek-alias", "kek1", "--ring", "orders").out().trim();
    assertThat(id).isNotEmpty();
    byte[] dataKey = Base64.getDecoder().decode(run(env, "keys", "unwrap", common, "--kek-alias", "kek1", "--ring", "orders", "--base64").out().trim());
    assertThat(dataKey).hasSize(32);
    // the unwrapped key is a Secure Cell master key that wasm-themis uses too
    byte[] sealed = WasmThemis.get().call1("cell.seal.encrypt", dataKey, "ring data".getBytes(UTF_8), null);
    Path keyFile = dir.resolve("dk");
    run(env, "keys", "unwrap", common, "--kek-alias", "kek1", "--ring", "orders", "-o", keyFile.toString());
    assertThat(Launcher.withStdin(sealed, "cell", "seal", "decrypt", "-k", keyFile.toString()).ok().out()).isEqualTo("ring data");
    // a second key, activated
    String id2 = run(env, "keys", "wrap", common, "--kek-alias", "kek1", "--ring", "orders", "--activate").out().trim();
    assertThat(id2).isNotEqualTo(id);
    assertThat(run(env, "keys", "list", common, "--kek-alias", "kek1").out()).contains("orders: active " + id2).contains("pkcs12:alias=kek1");
    // KEK rotation: same data keys afterwards, now under kek2
    assertThat(run(env, "keys", "rewrap", common, "--kek-alias", "kek1", "--new-kek-alias", "kek2").out())
        .isEqualTo("rewrapped 2 data keys in 1 rings under pkcs12:alias=kek2\n");
    assertThat(run(env, "keys", "list", common, "--kek-alias", "kek2").out()).contains("pkcs12:alias=kek2").doesNotContain("kek1");
    byte[] again = Base64.getDecoder().decode(run(env, "keys", "unwrap", common, "--kek-alias", "kek2", "--ring", "orders", "--key-id", id, "--base64").out().trim());
    assertThat(again).isEqualTo(dataKey);
    // failures: wrong password, unknown ring, missing option
    Launcher.withEnv(Map.of("KEKPW", "nope-nope"), args("keys", "unwrap", common, "--kek-alias", "kek2", "--ring", "orders", "--base64"))
        .fails("", "nope-nope");
    Launcher.withEnv(env, args("keys", "unwrap", common, "--kek-alias", "kek2", "--ring", "missing", "--base64")).fails("missing");
    Launcher.withEnv(env, args("keys", "wrap", common, "--ring", "x")).fails("--kek-alias");
  }

  static String[] args(String a, String b, String[] common, String... rest) {
    String[] out = new String[2 + common.length + rest.length];
    out[0] = a;
    out[1] = b;
    System.arraycopy(common, 0, out, 2, common.length);
    System.arraycopy(rest, 0, out, 2 + common.length, rest.length);
    return out;
  }

  static Launcher.Result run(Map<String, String> env, String a, String b, String[] common, String... rest) {
    return Launcher.withEnv(env, args(a, b, common, rest)).ok();
  }

}
