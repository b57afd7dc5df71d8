package io.github.themis4j.jpa;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.WasmThemis;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Cells written by another Themis application (wasm-themis, the Themis C core, with the context
 * {@code "user-" + id}) in a binary and a base64 text column load through a read-legacy mapping
 * with a {@link ForeignCells} entry; without the entry, or with the wrong context function, they
 * are errors.
 */
class ForeignCellsInteropTest {
  static final byte[] OLD_KEY = TestKeys.bytes(42);

  static ForeignCells foreign() {
    ForeignCellFormat f =
        ForeignCellFormat.sealWithKey(
            SymmetricKey.fromBytes(OLD_KEY), ForeignContext.prefixed("user-"));
    return ForeignCells.builder()
        .attribute("LegacyPerson", "name", f)
        .attribute("LegacyPerson", "email", f)
        .build();
  }

  /** Inserts rows 1..n whose name and email are wasm-themis cells. */
  static void insertForeignRows(JpaFixture jpa, int n) {
    WasmThemis wasm = WasmThemis.get();
    for (long id = 1; id <= n; id++) {
      byte[] ctx = ("user-" + id).getBytes(UTF_8);
      byte[] name = wasm.call1("cell.seal.encrypt", OLD_KEY, ("Zoë " + id).getBytes(UTF_8), ctx);
      byte[] email =
          wasm.call1("cell.seal.encrypt", OLD_KEY, ("u" + id + "@exämple.com").getBytes(UTF_8), ctx);
      jpa.update(
          "insert into jpa_legacy_person (id, name, email) values (?,?,?)",
          id,
          name,
          Base64.getEncoder().encodeToString(email));
    }
  }

  @Test
  void wasmThemisCellsWithAnApplicationContextLoad() {
    try (JpaFixture jpa =
        JpaFixture.builder(LegacyPerson.class)
            .keys(TestKeys.standard())
            .set(ThemisJpaSettings.FOREIGN_CELLS, foreign())
            .build()) {
      insertForeignRows(jpa, 5);
      for (long id = 1; id <= 5; id++) {
        long i = id;
        LegacyPerson p = jpa.fromTransaction(s -> s.find(LegacyPerson.class, i));
        assertThat(p.name).isEqualTo("Zoë " + id);
        assertThat(p.email).isEqualTo("u" + id + "@exämple.com");
      }
      // a cell moved to another row does not decrypt there (its context names the old row)
      Object first = jpa.query("select name from jpa_legacy_person where id = 1").get(0)[0];
      jpa.update("update jpa_legacy_person set name = ? where id = 2", first);
      assertThatThrownBy(() -> jpa.fromTransaction(s -> s.find(LegacyPerson.class, 2L)))
          .isInstanceOf(EncryptedAttributeException.class)
          .hasMessageContaining("name");
    }
  }

  @Test
  void withoutTheirFormatForeignCellsAreErrorsNotPlaintexts() {
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), LegacyPerson.class)) {
      insertForeignRows(jpa, 1);
      assertThatThrownBy(() -> jpa.fromTransaction(s -> s.find(LegacyPerson.class, 1L)))
          .isInstanceOf(EncryptedAttributeException.class)
          .hasMessageContaining("no foreign cell format");
    }
  }

  @Test
  void aForeignFormatOnAStrictAttributeFailsTheBootstrap() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(LegacyPerson.class)
                    .keys(TestKeys.standard())
                    .set(ThemisJpaSettings.FOREIGN_CELLS, foreign())
                    .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.email", "strict")
                    .build()
                    .close())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("LegacyPerson.email");
  }
}
