package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The "is this a themis4j value?" decision of read-legacy attributes: every value themis4j writes
 * is taken for an envelope (whatever the key id length and the plaintext), every single-byte or
 * single-character change, deletion or insertion and every truncation of one is still an error (or,
 * where Themis ignores the bytes, the original value) and never a plaintext, and
 * ordinary legacy values are read as the plaintexts they are.
 */
class LegacyDetectionTest {
  private static final SymmetricKey K = SymmetricKey.fromBytes(TestKeys.K1);
  private static final List<Object> SAMPLES =
      List.of(
          "ada@example.com",
          "",
          "Zoë 😀 — ünïcødé",
          "x".repeat(300),
          LocalDate.of(1999, 12, 31),
          new BigDecimal("-12.340"),
          42,
          LocalDateTime.of(2024, 2, 29, 23, 59, 1));

  private static EncryptedAttribute attribute(Class<?> type, ColumnFormat format, String kid) {
    return EncryptedAttribute.builder()
        .entity("Legacy")
        .attribute("value", type)
        .key("default", kid)
        .format(format)
        .column("jpa_legacy", "value")
        .migration(MigrationState.READ_LEGACY, null)
        .build();
  }

  private static EncryptedValueCodec codec(String... keyIds) {
    KeyRing.Builder b = KeyRing.builder("default");
    for (String id : keyIds) {
      b.add(id, K);
    }
    return new EncryptedValueCodec(KeyRings.of(b.active(keyIds[0]).build()));
  }

  @Test
  void everyWrittenValueIsAnEnvelopeWhateverTheKeyIdAndPlaintext() {
    Random r = new Random(19);
    for (int len = 1; len <= 64; len++) {
      String kid = keyId(r, len);
      EncryptedValueCodec codec = codec(kid);
      for (ColumnFormat f : ColumnFormat.values()) {
        for (Object v : SAMPLES) {
          EncryptedAttribute a = attribute(v.getClass(), f, null);
          Object column = a.encrypt(codec, v, 7L).value();
          assertThat(EncryptedValueCodec.shapeOf(f, column)).isEqualTo(StoredShape.ENVELOPE);
          assertThat(a.decrypt(codec, column, null, 7L)).isEqualTo(v);
        }
        byte[] random = new byte[1 + r.nextInt(200)];
        r.nextBytes(random);
        EncryptedAttribute bytes = attribute(byte[].class, f, null);
        Object column = bytes.encrypt(codec, random, 7L).value();
        assertThat(EncryptedValueCodec.shapeOf(f, column)).isEqualTo(StoredShape.ENVELOPE);
      }
    }
  }

  @Test
  void everySingleByteDamageOfABinaryValueIsAnErrorNeverAPlaintext() {
    EncryptedValueCodec codec = codec("k1", "key-2026.01");
    for (String kid : new String[] {"k1", "key-2026.01"}) {
      for (Object v : SAMPLES) {
        EncryptedAttribute a = attribute(v.getClass(), ColumnFormat.BINARY, kid);
        byte[] stored = (byte[]) a.encrypt(codec, v, 7L).value();
        for (int i = 0; i < stored.length; i++) {
          for (int mask : new int[] {0x01, 0x80, 0xff}) {
            byte[] damaged = stored.clone();
            damaged[i] ^= (byte) mask;
            assertNotMisread(a, codec, damaged, v, "byte " + i + " ^ " + mask + " of " + v);
          }
        }
        for (int i = 0; i < stored.length; i++) {
          byte[] deleted = new byte[stored.length - 1];
          System.arraycopy(stored, 0, deleted, 0, i);
          System.arraycopy(stored, i + 1, deleted, i, stored.length - i - 1);
          assertNotMisread(a, codec, deleted, v, "deleted byte " + i + " of " + v);
          byte[] inserted = new byte[stored.length + 1];
          System.arraycopy(stored, 0, inserted, 0, i);
          inserted[i] = (byte) 0x41;
          System.arraycopy(stored, i, inserted, i + 1, stored.length - i);
          assertNotMisread(a, codec, inserted, v, "inserted byte at " + i + " of " + v);
        }
        for (int n = 1; n < stored.length; n++) {
          assertNotMisread(a, codec, java.util.Arrays.copyOf(stored, n), v, "truncated to " + n);
        }
      }
    }
  }

  @Test
  void everySingleCharacterDamageOfATextValueIsAnErrorNeverAPlaintext() {
    EncryptedValueCodec codec = codec("k1", "key-2026.01");
    for (String kid : new String[] {"k1", "key-2026.01"}) {
      for (Object v : SAMPLES) {
        EncryptedAttribute a = attribute(v.getClass(), ColumnFormat.BASE64, kid);
        String stored = (String) a.encrypt(codec, v, 7L).value();
        for (int i = 0; i < stored.length(); i++) {
          for (char c : new char[] {'A', 'z', '+', '!', ' ', 'é'}) {
            if (stored.charAt(i) == c) {
              continue;
            }
            String damaged = stored.substring(0, i) + c + stored.substring(i + 1);
            assertNotMisread(a, codec, damaged, v, "char " + i + " -> " + c + " of " + v);
          }
          // a deleted and an inserted character
          assertNotMisread(a, codec, stored.substring(0, i) + stored.substring(i + 1), v, "deleted " + i);
          assertNotMisread(a, codec, stored.substring(0, i) + "Q" + stored.substring(i), v, "inserted " + i);
        }
        for (int n = StoredShapes.TEXT_PREFIX; n < stored.length(); n++) {
          assertNotMisread(a, codec, stored.substring(0, n), v, "truncated to " + n);
        }
      }
    }
  }

  @Test
  void legacyPlaintextsLoadAsWhatTheyAre() {
    EncryptedValueCodec codec = codec("k1");
    Object[][] cases = {
      {String.class, "ada@example.com", "ada@example.com"},
      {String.class, "", ""},
      {String.class, "Zoë 😀 — AQ", "Zoë 😀 — AQ"},
      {String.class, "AQUA", "AQUA"},
      {String.class, "AQUAMARINE-COLORED-SKY-BLUE-SEA", "AQUAMARINE-COLORED-SKY-BLUE-SEA"},
      {Integer.class, "42", 42},
      {Integer.class, "-7", -7},
      {Long.class, "9000000000", 9_000_000_000L},
      {BigDecimal.class, "-12.340", new BigDecimal("-12.340")},
      {LocalDate.class, "2024-02-29", LocalDate.of(2024, 2, 29)},
      {LocalDateTime.class, "2024-02-29 23:59:01", LocalDateTime.of(2024, 2, 29, 23, 59, 1)},
      {Boolean.class, "t", true},
      {Boolean.class, "false", false},
      {Double.class, "1.5", 1.5},
    };
    for (Object[] c : cases) {
      Class<?> type = (Class<?>) c[0];
      String text = (String) c[1];
      EncryptedAttribute t = attribute(type, ColumnFormat.BASE64, null);
      assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BASE64, text))
          .as(text)
          .isEqualTo(StoredShape.PLAINTEXT);
      assertThat(t.decrypt(codec, text, null, 1L)).isEqualTo(c[2]);
      EncryptedAttribute b = attribute(type, ColumnFormat.BINARY, null);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BINARY, bytes))
          .isEqualTo(StoredShape.PLAINTEXT);
      assertThat(b.decrypt(codec, bytes, null, 1L)).isEqualTo(c[2]);
    }
  }

  @Test
  void badLegacyValuesAreErrorsWithoutTheValueInTheMessage() {
    EncryptedValueCodec codec = codec("k1");
    assertThatThrownBy(
            () -> attribute(Integer.class, ColumnFormat.BASE64, null).decrypt(codec, "4x2", null, 1L))
        .isInstanceOf(ThemisException.class)
        .hasMessageContaining("not a valid Integer")
        .hasMessageNotContaining("4x2");
    byte[] notUtf8 = {(byte) 0xc3, (byte) 0x28};
    assertThatThrownBy(
            () -> attribute(String.class, ColumnFormat.BINARY, null).decrypt(codec, notUtf8, null, 1L))
        .isInstanceOf(ThemisException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void strictModeStillRefusesPlaintext() {
    EncryptedValueCodec codec = codec("k1");
    EncryptedAttribute strict =
        attribute(String.class, ColumnFormat.BASE64, null).withMigration(MigrationState.STRICT, null);
    assertThat(strict.shape("ada@example.com")).isEqualTo(StoredShape.ENVELOPE);
    assertThatThrownBy(() -> strict.decrypt(codec, "ada@example.com", null, 1L))
        .isInstanceOf(ThemisException.class);
  }

  @Test
  void foreignCellsAreRecognizedAndNeedTheirFormat() {
    EncryptedValueCodec codec = codec("k1");
    ForeignCellFormat foreign =
        ForeignCellFormat.sealWithKey(
            SymmetricKey.fromBytes(TestKeys.K2), ForeignContext.prefixed("user-"));
    byte[] cell = foreign.encrypt("old@example.com".getBytes(StandardCharsets.UTF_8), 5L);
    String text = Base64.getEncoder().encodeToString(cell);
    assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BINARY, cell))
        .isEqualTo(StoredShape.FOREIGN_CELL);
    assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BASE64, text))
        .isEqualTo(StoredShape.FOREIGN_CELL);
    EncryptedAttribute without = attribute(String.class, ColumnFormat.BINARY, null);
    assertThatThrownBy(() -> without.decrypt(codec, cell, null, 5L))
        .isInstanceOf(ThemisException.class)
        .hasMessageContaining("no foreign cell format");
    EncryptedAttribute with = without.withMigration(MigrationState.READ_LEGACY, foreign);
    assertThat(with.decrypt(codec, cell, null, 5L)).isEqualTo("old@example.com");
    assertThat(with.storedKeyId(codec, cell, null)).isNull();
    EncryptedAttribute text64 =
        attribute(String.class, ColumnFormat.BASE64, null)
            .withMigration(MigrationState.READ_LEGACY, foreign);
    assertThat(text64.decrypt(codec, text, null, 5L)).isEqualTo("old@example.com");
    // another row's context, and a damaged cell: errors
    assertThatThrownBy(() -> with.decrypt(codec, cell, null, 6L))
        .isInstanceOf(ThemisException.class);
    for (int i = 12; i < cell.length; i++) {
      byte[] damaged = cell.clone();
      damaged[i] ^= 1;
      assertFails(with, codec, damaged, "foreign byte " + i);
    }
    // passphrase cells too
    ForeignCellFormat pass = ForeignCellFormat.sealWithPassphrase("old secret", ForeignContext.none());
    byte[] pcell = pass.encrypt("p@example.com".getBytes(StandardCharsets.UTF_8), 1L);
    assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BINARY, pcell))
        .isEqualTo(StoredShape.FOREIGN_CELL);
    assertThat(without.withMigration(MigrationState.READ_LEGACY, pass).decrypt(codec, pcell, null, 1L))
        .isEqualTo("p@example.com");
  }

  @Test
  void readLegacyNeedsSealAndForeignCellsNeedReadLegacy() {
    assertThatThrownBy(
            () ->
                EncryptedAttribute.builder()
                    .entity("E")
                    .attribute("a", String.class)
                    .mode(CellMode.CONTEXT_IMPRINT)
                    .column("t", "c")
                    .migration(MigrationState.READ_LEGACY, null)
                    .build())
        .isInstanceOf(ThemisException.class)
        .hasMessageContaining("needs mode SEAL");
    ForeignCellFormat f = ForeignCellFormat.sealWithKey(K, ForeignContext.none());
    assertThat(f.toString()).doesNotContain(java.util.HexFormat.of().formatHex(TestKeys.K1));
    assertThatThrownBy(
            () ->
                attribute(String.class, ColumnFormat.BINARY, null)
                    .withMigration(MigrationState.STRICT, f))
        .isInstanceOf(ThemisException.class)
        .hasMessageContaining("read-legacy only");
  }

  private static void assertFails(
      EncryptedAttribute a, EncryptedValueCodec codec, Object column, String what) {
    assertNotMisread(a, codec, column, null, what);
  }

  /**
   * Loading {@code column} fails, or gives {@code original} (Themis itself ignores some bytes: junk
   * between the Seal tag and the ciphertext, missing base64 padding), and never anything else.
   */
  private static void assertNotMisread(
      EncryptedAttribute a, EncryptedValueCodec codec, Object column, Object original, String what) {
    Object read;
    try {
      read = a.decrypt(codec, column, null, 7L);
    } catch (ThemisException expected) {
      return;
    }
    if (original == null || !java.util.Objects.deepEquals(read, original)) {
      throw new AssertionError(what + " was read as a value: " + read);
    }
  }

  private static String keyId(Random r, int len) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < len; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
