package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;
import static io.github.themis4j.testing.TestVectors.context;
import static io.github.themis4j.testing.TestVectors.hex;
import static io.github.themis4j.testing.TestVectors.plaintext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.SoterKdf;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.TestVectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decrypts every Secure Cell golden vector produced by wasm-themis 0.15.0 (interop/vectors-cell.js,
 * resources/vectors/cell-vectors.json and cell-large.bin), re-encrypts the deterministic Context
 * Imprint ones to the same bytes, and checks that our headers are the ones Themis writes.
 */
class CellGoldenVectorsTest {
  private static final JsonNode VECTORS = TestVectors.json("/vectors/cell-vectors.json");

  private static SymmetricKey key(JsonNode v) {
    return SymmetricKey.fromBytes(
        hex(VECTORS.get("keys").get(v.get("key").asText()).get("hex").asText()));
  }

  private static Stream<Arguments> vectors(String section) {
    return StreamSupport.stream(VECTORS.get(section).spliterator(), false)
        .map(v -> Arguments.of(v.get("id").asText(), v));
  }

  static Stream<Arguments> seal() {
    return vectors("seal");
  }

  static Stream<Arguments> tokenProtect() {
    return vectors("tokenProtect");
  }

  static Stream<Arguments> contextImprint() {
    return vectors("contextImprint");
  }

  static Stream<Arguments> passphrase() {
    return vectors("passphrase");
  }

  @Test
  void coversEveryKeyFormModeAndContextKind() {
    assertThat(VECTORS.get("keys").size()).isGreaterThanOrEqualTo(14);
    for (String section : new String[] {"seal", "tokenProtect", "contextImprint"}) {
      for (String keyId : (Iterable<String>) VECTORS.get("keys")::fieldNames) {
        assertThat(
                StreamSupport.stream(VECTORS.get(section).spliterator(), false)
                    .filter(v -> v.get("key").asText().equals(keyId)))
            .as("%s vectors with key %s", section, keyId)
            .isNotEmpty();
      }
    }
    assertThat(VECTORS.get("seal").size()).isGreaterThanOrEqualTo(70);
    assertThat(VECTORS.get("passphrase").size()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void seal(String id, JsonNode v) {
    byte[] data = plaintext(v.get("plaintext"));
    byte[] ctx = context(v.get("context"));
    byte[] sealed = hex(v.get("sealed").asText());
    SecureCell.Seal cell = SecureCell.sealWithKey(key(v));

    assertThat(cell.decrypt(sealed, ctx)).isEqualTo(data);
    if (ctx == null) {
      assertThat(cell.decrypt(sealed)).isEqualTo(data);
      assertThat(cell.decrypt(sealed, new byte[0])).isEqualTo(data); // empty context = no context
    }
    // Token Protect output is the Seal cut in two: the first 44 bytes decrypt as a token.
    byte[] token = Arrays.copyOf(sealed, 44);
    byte[] ct = Arrays.copyOfRange(sealed, 44, sealed.length);
    assertThat(SecureCell.tokenProtectWithKey(key(v)).decrypt(ct, token, ctx)).isEqualTo(data);
    // Our encryption writes the same header (alg, IV length, tag length, message length).
    byte[] ours = cell.encrypt(data, ctx);
    assertThat(ours).hasSameSizeAs(sealed);
    assertThat(Arrays.copyOf(ours, 16)).isEqualTo(Arrays.copyOf(sealed, 16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void tokenProtect(String id, JsonNode v) {
    byte[] data = plaintext(v.get("plaintext"));
    byte[] ctx = context(v.get("context"));
    byte[] ciphertext = hex(v.get("ciphertext").asText());
    byte[] token = hex(v.get("token").asText());
    SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(key(v));

    assertThat(ciphertext).hasSameSizeAs(data);
    assertThat(cell.decrypt(ciphertext, token, ctx)).isEqualTo(data);
    // token || ciphertext is a Seal.
    assertThat(SecureCell.sealWithKey(key(v)).decrypt(Bytes.concat(token, ciphertext), ctx))
        .isEqualTo(data);
    TokenProtectedData ours = cell.encrypt(data, ctx);
    assertThat(ours.ciphertext()).hasSameSizeAs(ciphertext);
    assertThat(ours.token()).hasSameSizeAs(token);
    assertThat(Arrays.copyOf(ours.token(), 16)).isEqualTo(Arrays.copyOf(token, 16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void contextImprint(String id, JsonNode v) {
    byte[] data = plaintext(v.get("plaintext"));
    byte[] ctx = context(v.get("context"));
    SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(key(v));
    byte[] ours = cell.encrypt(data, ctx);
    if (v.has("ciphertext")) {
      byte[] ciphertext = hex(v.get("ciphertext").asText());
      assertThat(ours).isEqualTo(ciphertext);
      assertThat(cell.decrypt(ciphertext, ctx)).isEqualTo(data);
    } else {
      // Large deterministic vector: the JSON holds the SHA-256 of wasm-themis's output.
      assertThat(hex(TestVectors.sha256(ours))).isEqualTo(v.get("ciphertextSha256").asText());
      assertThat(cell.decrypt(ours, ctx)).isEqualTo(data);
    }
  }

  /** The 1 MiB Imprint vector really exercises a counter carry past the low 32 bits. */
  @Test
  void largeImprintVectorCarriesTheCounterPastThirtyTwoBits() {
    JsonNode v =
        StreamSupport.stream(VECTORS.get("contextImprint").spliterator(), false)
            .filter(x -> x.has("ciphertextSha256"))
            .findFirst()
            .orElseThrow();
    byte[] master = key(v).toByteArray();
    int n = v.get("plaintext").get("length").asInt();
    assertThat(n).isEqualTo(1 << 20);
    byte[] k = SoterKdf.derive(master, CellFormat.MESSAGE_KEY_LABEL, 32, Bytes.le32(n));
    byte[] iv = SoterKdf.derive(k, CellFormat.IMPRINT_IV_LABEL, 16, context(v.get("context")));
    long low32 = Bytes.readBe32Unsigned(iv, 12);
    assertThat(low32 + n / 16).isGreaterThan(0xffffffffL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void passphrase(String id, JsonNode v) {
    byte[] data = plaintext(v.get("plaintext"));
    byte[] ctx = context(v.get("context"));
    byte[] sealed = hex(v.get("sealed").asText());
    JsonNode pass = v.get("passphrase");
    SecureCell.Seal cell;
    if (pass.has("utf8")) {
      cell = SecureCell.sealWithPassphrase(pass.get("utf8").asText());
    } else {
      byte[] bytes = hex(pass.get("hex").asText());
      if (pass.has("utf16le")) {
        assertThat(bytes)
            .isEqualTo(pass.get("utf16le").asText().getBytes(StandardCharsets.UTF_16LE));
      }
      cell = SecureCell.sealWithPassphrase(bytes);
    }
    assertThat(cell.decrypt(sealed, ctx)).isEqualTo(data);
    // Themis 0.15 header: alg, iv 12, tag 16, n, kdf context 22, ..., 314110 iterations, 16-byte
    // salt.
    assertThat(sealed).hasSize(70 + data.length);
    assertThat(Arrays.copyOf(sealed, 4)).isEqualTo(hex("00010141"));
    assertThat(Bytes.readLe32(sealed, 12)).isEqualTo(data.length);
    assertThat(Bytes.readLe32(sealed, 16)).isEqualTo(22);
    assertThat(Bytes.readLe32(sealed, 48)).isEqualTo(SealWithPassphrase.ITERATIONS);
    assertThat(Bytes.readLe16(sealed, 52)).isEqualTo(16);
  }

  @Test
  void largeVectorsFromTheBinaryFile() {
    byte[] blob = TestVectors.bytes("/vectors/" + VECTORS.get("large").get("file").asText());
    int checked = 0;
    for (JsonNode v : VECTORS.get("large").get("vectors")) {
      byte[] data = plaintext(v.get("plaintext"));
      byte[] ctx = context(v.get("context"));
      if (v.get("mode").asText().equals("seal")) {
        byte[] sealed = slice(blob, v.get("sealed"));
        assertThat(SecureCell.sealWithKey(key(v)).decrypt(sealed, ctx)).isEqualTo(data);
      } else {
        byte[] ciphertext = slice(blob, v.get("ciphertext"));
        byte[] token = hex(v.get("token").asText());
        assertThat(SecureCell.tokenProtectWithKey(key(v)).decrypt(ciphertext, token, ctx))
            .isEqualTo(data);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  private static byte[] slice(byte[] blob, JsonNode ref) {
    int off = ref.get("offset").asInt();
    byte[] b = Arrays.copyOfRange(blob, off, off + ref.get("length").asInt());
    assertThat(hex(TestVectors.sha256(b))).isEqualTo(ref.get("sha256").asText());
    return b;
  }
}
