package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live cross-checks with wasm-themis 0.15.0: each side decrypts what the other encrypts. */
class SecureCellInteropTest {
  private static final Random RANDOM = new Random(20261128);

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] contextFor(int variant) {
    switch (variant) {
      case 0:
        return null;
      case 1:
        return "user-42/email".getBytes(StandardCharsets.UTF_8);
      default:
        return random(17); // binary context
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 15, 16, 17, 1000, 65536, 1 << 20})
  void sealBothWays(int size) {
    WasmThemis wasm = WasmThemis.get();
    for (int variant = 0; variant < 3; variant++) {
      byte[] key = random(32);
      byte[] data = random(size);
      byte[] ctx = contextFor(variant);
      SecureCell.Seal cell = SecureCell.sealWithKey(SymmetricKey.fromBytes(key));

      byte[] ours = cell.encrypt(data, ctx);
      assertThat(ours).hasSize(44 + size);
      assertThat(wasm.call1("cell.seal.decrypt", key, ours, ctx)).isEqualTo(data);

      byte[] theirs = wasm.call1("cell.seal.encrypt", key, data, ctx);
      assertThat(cell.decrypt(theirs, ctx)).isEqualTo(data);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16, 1000, 65536})
  void tokenProtectBothWays(int size) {
    WasmThemis wasm = WasmThemis.get();
    for (int variant = 0; variant < 3; variant++) {
      byte[] key = random(32);
      byte[] data = random(size);
      byte[] ctx = contextFor(variant);
      SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key));

      TokenProtectedData ours = cell.encrypt(data, ctx);
      assertThat(ours.ciphertext()).hasSize(size);
      assertThat(wasm.call1("cell.token.decrypt", key, ours.ciphertext(), ours.token(), ctx)).isEqualTo(data);

      byte[][] theirs = wasm.call("cell.token.encrypt", key, data, ctx);
      assertThat(cell.decrypt(theirs[0], theirs[1], ctx)).isEqualTo(data);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16, 43, 1000, 65536})
  void contextImprintMatchesByteForByte(int size) {
    WasmThemis wasm = WasmThemis.get();
    byte[] key = random(32);
    byte[] data = random(size);
    byte[] ctx = random(9);
    SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(key));
    byte[] ours = cell.encrypt(data, ctx);
    assertThat(ours).isEqualTo(wasm.call1("cell.imprint.encrypt", key, data, ctx));
    assertThat(wasm.call1("cell.imprint.decrypt", key, ours, ctx)).isEqualTo(data);
  }

  @Test
  void passphraseBothWays() {
    WasmThemis wasm = WasmThemis.get();
    String pass = "correct horse — battery staple";
    byte[] passBytes = pass.getBytes(StandardCharsets.UTF_8);
    byte[] data = random(100);
    byte[] ctx = "ctx".getBytes(StandardCharsets.UTF_8);
    SecureCell.Seal cell = SecureCell.sealWithPassphrase(pass);
    byte[] ours = cell.encrypt(data, ctx);
    assertThat(ours).hasSize(70 + 100);
    assertThat(wasm.call1("cell.pass.decrypt", passBytes, ours, ctx)).isEqualTo(data);
    byte[] theirs = wasm.call1("cell.pass.encrypt", passBytes, data, ctx);
    assertThat(cell.decrypt(theirs, ctx)).isEqualTo(data);
  }

  @Test
  void keysOfAnyLengthAgree() {
    WasmThemis wasm = WasmThemis.get();
    for (int len : new int[] {1, 7, 16, 31, 33, 64, 100}) {
      byte[] key = random(len);
      byte[] data = random(50);
      byte[] theirs = wasm.call1("cell.seal.encrypt", key, data, null);
      assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).decrypt(theirs)).isEqualTo(data);
    }
  }
}
