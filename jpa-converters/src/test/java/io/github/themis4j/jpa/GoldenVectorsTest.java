package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors of {@code interop/vectors-jpa.js}: contexts, encodings and stored values produced in
 * JavaScript with wasm-themis from docs/FORMAT.md. themis4j must build the same context and
 * plaintext bytes and decrypt every stored value to the expected attribute value.
 */
class GoldenVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode doc;
  private static EncryptedValueCodec codec;

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in =
        GoldenVectorsTest.class.getResourceAsStream("/vectors/jpa-vectors.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    List<KeyRing> rings = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("keys").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> ring = it.next();
      KeyRing.Builder b = KeyRing.builder(ring.getKey());
      String first = null;
      for (Iterator<Map.Entry<String, JsonNode>> keys = ring.getValue().fields();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> k = keys.next();
        b.add(k.getKey(), SymmetricKey.fromBytes(HEX.parseHex(k.getValue().get("hex").asText())));
        first = first == null ? k.getKey() : first;
      }
      rings.add(b.active(first).build());
    }
    codec = new EncryptedValueCodec(KeyRings.of(rings));
    List<Arguments> out = new ArrayList<>();
    doc.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    assertThat(out).hasSizeGreaterThan(90);
    return out.stream();
  }

  private static Class<?> javaType(String name) {
    switch (name) {
      case "String":
        return String.class;
      case "byte[]":
        return byte[].class;
      case "Boolean":
        return Boolean.class;
      case "Short":
        return Short.class;
      case "Integer":
        return Integer.class;
      case "Long":
        return Long.class;
      case "BigDecimal":
        return BigDecimal.class;
      case "Double":
        return Double.class;
      case "LocalDate":
        return LocalDate.class;
      case "LocalDateTime":
        return LocalDateTime.class;
      case "Instant":
        return Instant.class;
      case "UUID":
        return UUID.class;
      case "Enum":
        return Typed.Level.class;
      default:
        throw new AssertionError(name);
    }
  }

  private static Object value(String type, String text) {
    switch (type) {
      case "String":
        return text;
      case "byte[]":
        return HEX.parseHex(text);
      case "Boolean":
        return Boolean.parseBoolean(text);
      case "Short":
        return Short.parseShort(text);
      case "Integer":
        return Integer.parseInt(text);
      case "Long":
        return Long.parseLong(text);
      case "BigDecimal":
        return new BigDecimal(text);
      case "Double":
        return Double.parseDouble(text);
      case "LocalDate":
        return LocalDate.parse(text);
      case "LocalDateTime":
        return LocalDateTime.parse(text);
      case "Instant":
        return Instant.parse(text);
      case "UUID":
        return UUID.fromString(text);
      case "Enum":
        return Typed.Level.valueOf(text);
      default:
        throw new AssertionError(type);
    }
  }

  private static Object id(String type, String text) {
    switch (type) {
      case "integer":
        return Long.parseLong(text);
      case "string":
        return text;
      case "uuid":
        return UUID.fromString(text);
      default:
        return null;
    }
  }

  private static CellMode mode(String name) {
    switch (name) {
      case "seal":
        return CellMode.SEAL;
      case "token-protect":
        return CellMode.TOKEN_PROTECT;
      default:
        return CellMode.CONTEXT_IMPRINT;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decryptsWhatWasmThemisWroteFromTheDocument(String name, JsonNode c) {
    CellMode mode = mode(c.get("mode").asText());
    ColumnFormat format =
        c.get("format").asText().equals("binary") ? ColumnFormat.BINARY : ColumnFormat.BASE64;
    String type = c.get("javaType").asText();
    Object expected = value(type, c.get("value").asText());
    Object id = id(c.get("idType").asText(), c.get("idText").asText());
    String keyId = c.get("keyId").asText();
    String table = c.get("table").asText();
    String column = c.get("column").asText();
    EncryptedAttribute attribute =
        EncryptedAttribute.builder()
            .entity("Vector")
            .attribute("value", javaType(type))
            .mode(mode)
            .key(c.get("keyRing").asText(), mode == CellMode.CONTEXT_IMPRINT ? keyId : null)
            .format(format)
            .column(table, column)
            .contextNames(table, column)
            .boundToId(id != null)
            .token("token", "token")
            .build();

    // same plaintext encoding
    byte[] plaintext = attribute.encoding().encodeObject(expected);
    assertThat(HEX.formatHex(plaintext)).isEqualTo(c.get("plaintextHex").asText());
    // same context
    boolean empty = plaintext.length == 0 && mode != CellMode.CONTEXT_IMPRINT;
    byte[] ctx =
        attribute.context(id).toBytes(mode, empty, mode == CellMode.CONTEXT_IMPRINT ? "" : keyId);
    assertThat(HEX.formatHex(ctx)).isEqualTo(c.get("contextHex").asText());
    // decrypts the stored column value(s)
    Object stored = columnValue(format, c.get("stored").asText());
    Object token = c.hasNonNull("token") ? columnValue(format, c.get("token").asText()) : null;
    assertThat(attribute.decrypt(codec, stored, token, id)).isEqualTo(expected);
    if (mode != CellMode.CONTEXT_IMPRINT) {
      assertThat(attribute.storedKeyId(codec, stored, token)).isEqualTo(keyId);
    } else {
      // deterministic: themis4j produces the very same bytes
      assertThat(attribute.encrypt(codec, expected, id).value()).isEqualTo(stored);
    }
  }

  private static Object columnValue(ColumnFormat format, String text) {
    return format == ColumnFormat.BINARY ? HEX.parseHex(text) : text;
  }
}
