package io.github.themis4j.jpa;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.WasmThemis;
import io.github.themis4j.jpa.migration.LegacyMigration;
import io.github.themis4j.jpa.migration.MigrationReport;
import java.util.Base64;
import java.util.Map;
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
  void thePassRewritesForeignCellsIntoThemis4jValuesAndRollbackGivesThemBack() {
    int rows = 40;
    try (JpaFixture jpa =
        JpaFixture.builder(LegacyPerson.class)
            .keys(TestKeys.standard())
            .set(ThemisJpaSettings.FOREIGN_CELLS, foreign())
            .build()) {
      insertForeignRows(jpa, rows);
      MigrationReport r = LegacyMigration.builder(jpa.sessionFactory).build().encrypt();
      assertThat(r.isComplete()).as(r.summary()).isTrue();
      assertThat(r.written("LegacyPerson.name", "foreign-rewritten")).isEqualTo(rows);
      assertThat(r.written("LegacyPerson.email", "foreign-rewritten")).isEqualTo(rows);
      WasmThemis wasm = WasmThemis.get();
      Map<String, byte[]> keys = Map.of("k1", TestKeys.K1, "k2", TestKeys.K2);
      for (Object[] row : jpa.query("select id, name, email from jpa_legacy_person")) {
        long id = ((Number) row[0]).longValue();
        // read back by wasm-themis with only the documented rules
        DocumentedFormat.Plain name =
            DocumentedFormat.readSeal(wasm, keys, (byte[]) row[1], "jpa_legacy_person", "name", id);
        DocumentedFormat.Plain email =
            DocumentedFormat.readSeal(
                wasm, keys, DocumentedFormat.fromColumn(row[2]), "jpa_legacy_person", "email", id);
        assertThat(new String(name.bytes, UTF_8)).isEqualTo("Zoë " + id);
        assertThat(new String(email.bytes, UTF_8)).isEqualTo("u" + id + "@exämple.com");
      }
      // strict mode loads them all
      try (JpaFixture strict =
          JpaFixture.builder(LegacyPerson.class)
              .keys(TestKeys.standard())
              .sharing(jpa)
              .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.name", "strict")
              .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.email", "strict")
              .build()) {
        assertThat(strict.fromTransaction(s -> s.find(LegacyPerson.class, 7L)).email)
            .isEqualTo("u7@exämple.com");
      }
      // rollback to the old application's cells: wasm-themis decrypts them with its context
      MigrationReport back = LegacyMigration.builder(jpa.sessionFactory).build().rollback(true);
      assertThat(back.job().isComplete()).isTrue();
      Object[] row = jpa.query("select name from jpa_legacy_person where id = 3").get(0);
      assertThat(
              new String(
                  wasm.call1("cell.seal.decrypt", OLD_KEY, (byte[]) row[0], "user-3".getBytes(UTF_8)),
                  UTF_8))
          .isEqualTo("Zoë 3");
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
