package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live cross-checks with wasm-themis 0.15.0: each side decrypts what the other encrypts, including
 * cells in forms Themis accepts but does not write (crafted here, see {@link CellCrafter}), which
 * proves that the format is understood alike, and the leniencies both accept.
 */
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
      assertThat(wasm.call1("cell.token.decrypt", key, ours.ciphertext(), ours.token(), ctx))
          .isEqualTo(data);

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
      assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).decrypt(theirs))
          .isEqualTo(data);
    }
  }

  @Test
  void randomPayloadsBothWays() {
    WasmThemis wasm = WasmThemis.get();
    for (int i = 0; i < 60; i++) {
      byte[] key = random(1 + RANDOM.nextInt(64));
      byte[] data = random(1 + RANDOM.nextInt(i < 30 ? 64 : 3000));
      byte[] ctx = contextFor(i % 3);
      SymmetricKey k = SymmetricKey.fromBytes(key);
      assertThat(
              wasm.call1(
                  "cell.seal.decrypt", key, SecureCell.sealWithKey(k).encrypt(data, ctx), ctx))
          .isEqualTo(data);
      assertThat(
              SecureCell.sealWithKey(k)
                  .decrypt(wasm.call1("cell.seal.encrypt", key, data, ctx), ctx))
          .isEqualTo(data);
      TokenProtectedData ours = SecureCell.tokenProtectWithKey(k).encrypt(data, ctx);
      assertThat(wasm.call1("cell.token.decrypt", key, ours.ciphertext(), ours.token(), ctx))
          .isEqualTo(data);
      byte[][] theirs = wasm.call("cell.token.encrypt", key, data, ctx);
      assertThat(SecureCell.tokenProtectWithKey(k).decrypt(theirs[0], theirs[1], ctx))
          .isEqualTo(data);
      byte[] imprintCtx = ctx == null ? random(5) : ctx;
      assertThat(SecureCell.contextImprintWithKey(k).encrypt(data, imprintCtx))
          .isEqualTo(wasm.call1("cell.imprint.encrypt", key, data, imprintCtx));
    }
  }

  @Test
  void rawPassphraseBytesBothWays() {
    WasmThemis wasm = WasmThemis.get();
    byte[] pass = "pässwörd".getBytes(StandardCharsets.UTF_16LE);
    byte[] data = random(33);
    byte[] ctx = random(8);
    SecureCell.Seal cell = SecureCell.sealWithPassphrase(pass);
    assertThat(wasm.call1("cell.pass.decrypt", pass, cell.encrypt(data, ctx), ctx)).isEqualTo(data);
    assertThat(cell.decrypt(wasm.call1("cell.pass.encrypt", pass, data, ctx), ctx)).isEqualTo(data);
  }

  @Test
  void sealAndTokenProtectAreTheSameBytes() {
    WasmThemis wasm = WasmThemis.get();
    byte[] key = random(32);
    byte[] data = random(100);
    byte[] ctx = contextFor(1);
    byte[][] theirs = wasm.call("cell.token.encrypt", key, data, ctx);
    SymmetricKey k = SymmetricKey.fromBytes(key);
    assertThat(SecureCell.sealWithKey(k).decrypt(Bytes.concat(theirs[1], theirs[0]), ctx))
        .isEqualTo(data);
    byte[] sealed = SecureCell.sealWithKey(k).encrypt(data, ctx);
    byte[] token = Arrays.copyOf(sealed, 44);
    byte[] ciphertext = Arrays.copyOfRange(sealed, 44, sealed.length);
    assertThat(wasm.call1("cell.token.decrypt", key, ciphertext, token, ctx)).isEqualTo(data);
  }

  @Test
  void emptyContextMeansNoContextOnBothSides() {
    WasmThemis wasm = WasmThemis.get();
    byte[] key = random(32);
    byte[] data = random(20);
    SecureCell.Seal cell = SecureCell.sealWithKey(SymmetricKey.fromBytes(key));
    assertThat(wasm.call1("cell.seal.decrypt", key, cell.encrypt(data, new byte[0]), null))
        .isEqualTo(data);
    assertThat(cell.decrypt(wasm.call1("cell.seal.encrypt", key, data, new byte[0])))
        .isEqualTo(data);
    assertThat(cell.decrypt(wasm.call1("cell.seal.encrypt", key, data, null), new byte[0]))
        .isEqualTo(data);
    // Context Imprint requires a context on both sides.
    Failure theirs = failure(() -> wasm.call1("cell.imprint.encrypt", key, data, new byte[0]));
    assertThat(theirs.code()).isEqualTo(12);
    assertThatThrownBy(
            () ->
                SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(key))
                    .encrypt(data, new byte[0]))
        .isInstanceOf(InvalidArgumentException.class);
  }

  /**
   * AES-128 and AES-192 algorithm identifiers: Themis decrypts them although it only writes
   * AES-256.
   */
  @Test
  void aes128And192CellsCraftedHereDecryptInThemis() {
    WasmThemis wasm = WasmThemis.get();
    for (int alg :
        new int[] {CellCrafter.ALG_AES_128, CellCrafter.ALG_AES_192, CellCrafter.ALG_AES_256}) {
      CellCrafter crafter = new CellCrafter(alg);
      crafter.alg = alg;
      byte[] key = random(32);
      byte[] data = random(57);
      byte[] ctx = contextFor(2);
      byte[] sealed = crafter.keySeal(key, data, ctx);
      assertThat(wasm.call1("cell.seal.decrypt", key, sealed, ctx)).isEqualTo(data);
      assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).decrypt(sealed, ctx))
          .isEqualTo(data);
      byte[][] tc = crafter.keyTokenAndCiphertext(key, data, ctx);
      assertThat(wasm.call1("cell.token.decrypt", key, tc[1], tc[0], ctx)).isEqualTo(data);
      assertThat(
              SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key))
                  .decrypt(tc[1], tc[0], ctx))
          .isEqualTo(data);
    }
  }

  /**
   * Passphrase cells take the PBKDF2 iteration count, salt and key size from their header: cells
   * computed here with other counts and salt lengths decrypt in Themis, and here.
   */
  @Test
  void passphraseCellsWithOtherIterationsAndSaltsDecryptInThemis() {
    WasmThemis wasm = WasmThemis.get();
    byte[] pass = "passphrase".getBytes(StandardCharsets.UTF_8);
    int[][] cases = { // iterations, salt length, algorithm
      {1, 16, CellCrafter.ALG_AES_256}, {10, 16, CellCrafter.ALG_AES_256},
      {1000, 16, CellCrafter.ALG_AES_256},
      {10, 0, CellCrafter.ALG_AES_256}, {10, 8, CellCrafter.ALG_AES_192},
      {10, 64, CellCrafter.ALG_AES_128},
      {1000, 1, CellCrafter.ALG_AES_128},
    };
    for (int[] c : cases) {
      CellCrafter crafter = new CellCrafter(c[0] * 31 + c[1]);
      crafter.iterations = c[0];
      crafter.saltLength = c[1];
      crafter.alg = c[2];
      byte[] data = random(40);
      byte[] ctx = contextFor(1);
      byte[] sealed = crafter.passphraseSeal(pass, data, ctx);
      String what = String.format("%d iterations, %d-byte salt, alg %08x", c[0], c[1], c[2]);
      assertThat(wasm.call1("cell.pass.decrypt", pass, sealed, ctx)).as(what).isEqualTo(data);
      assertThat(SecureCell.sealWithPassphrase(pass).decrypt(sealed, ctx)).as(what).isEqualTo(data);
    }
  }

  /**
   * Themis's leniencies: inputs it accepts although it never writes them. themis4j accepts the same
   * ones (SECURE-CELL.md lists them); wasm-themis must agree on each.
   */
  @Test
  void leniencesAcceptedByBoth() {
    WasmThemis wasm = WasmThemis.get();
    byte[] key = random(32);
    byte[] pass = "passphrase".getBytes(StandardCharsets.UTF_8);
    byte[] data = random(30);
    byte[] ctx = contextFor(1);
    Map<String, byte[]> seals = new LinkedHashMap<>();
    Map<String, byte[]> passSeals = new LinkedHashMap<>();
    Map<String, byte[][]> tokens = new LinkedHashMap<>();

    CellCrafter c = new CellCrafter(1);
    c.junkLength = 7;
    seals.put("junk between tag and ciphertext", c.keySeal(key, data, ctx));
    passSeals.put("junk between salt and ciphertext", c.passphraseSeal(pass, data, ctx));
    c = new CellCrafter(2);
    c.ivLength = 16;
    seals.put("iv_length 16 (first 12 bytes used)", c.keySeal(key, data, ctx));
    tokens.put("iv_length 16 (first 12 bytes used)", c.keyTokenAndCiphertext(key, data, ctx));
    passSeals.put("iv_length 16 (first 12 bytes used)", c.passphraseSeal(pass, data, ctx));
    c = new CellCrafter(3);
    c.tagLength = 20;
    seals.put("auth_tag_length 20 (first 16 bytes used)", c.keySeal(key, data, ctx));
    tokens.put("auth_tag_length 20 (first 16 bytes used)", c.keyTokenAndCiphertext(key, data, ctx));
    passSeals.put("auth_tag_length 20 (first 16 bytes used)", c.passphraseSeal(pass, data, ctx));
    c = new CellCrafter(4);
    c.kdfContextExtra = 5;
    passSeals.put(
        "kdf_context_length larger than iterations + salt", c.passphraseSeal(pass, data, ctx));
    byte[][] tc = new CellCrafter(5).keyTokenAndCiphertext(key, data, ctx);
    tokens.put("bytes after the token", new byte[][] {Bytes.concat(tc[0], random(9)), tc[1]});

    SymmetricKey k = SymmetricKey.fromBytes(key);
    seals.forEach(
        (what, cellBytes) -> {
          assertThat(wasm.call1("cell.seal.decrypt", key, cellBytes, ctx))
              .as("wasm: " + what)
              .isEqualTo(data);
          assertThat(SecureCell.sealWithKey(k).decrypt(cellBytes, ctx)).as(what).isEqualTo(data);
        });
    tokens.forEach(
        (what, t) -> {
          assertThat(wasm.call1("cell.token.decrypt", key, t[1], t[0], ctx))
              .as("wasm: " + what)
              .isEqualTo(data);
          assertThat(SecureCell.tokenProtectWithKey(k).decrypt(t[1], t[0], ctx))
              .as(what)
              .isEqualTo(data);
        });
    passSeals.forEach(
        (what, cellBytes) -> {
          assertThat(wasm.call1("cell.pass.decrypt", pass, cellBytes, ctx))
              .as("wasm: " + what)
              .isEqualTo(data);
          assertThat(SecureCell.sealWithPassphrase(pass).decrypt(cellBytes, ctx))
              .as(what)
              .isEqualTo(data);
        });
  }

  private static Failure failure(Runnable call) {
    try {
      call.run();
    } catch (WasmThemis.Failure f) {
      return new Failure(f.code());
    }
    throw new AssertionError("wasm-themis accepted the call");
  }

  private record Failure(int code) {}
}
