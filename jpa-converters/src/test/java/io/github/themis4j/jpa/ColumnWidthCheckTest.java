package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.migration.ColumnTooNarrowException;
import io.github.themis4j.jpa.migration.ColumnWidthCheck;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column check on the old application's schema: every column (text too short, integer, date,
 * decimal) is refused with the statement to run and nothing is written; after running the
 * statements the check passes and every row loads through a read-legacy mapping.
 */
class ColumnWidthCheckTest {
  private static final int ROWS = 300;

  @Test
  void narrowAndMistypedColumnsAreRefusedWithTheStatementToRun() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      LegacySchema.create(db);
      LegacySchema.insert(db, ROWS);
      try (JpaFixture jpa = sharing(db)) {
        EncryptedValueCodec codec = EncryptedAttributes.codec(jpa.sessionFactory);
        List<String> statements = new ArrayList<>();
        try (Connection c = db.connect()) {
          for (EncryptedAttribute a : EncryptedAttributes.of(jpa.sessionFactory)) {
            String before = snapshot(jpa);
            ColumnTooNarrowException e =
                org.assertj.core.api.Assertions.catchThrowableOfType(
                    ColumnTooNarrowException.class, () -> ColumnWidthCheck.verify(c, a, codec));
            assertThat(e).as(a.toString()).isNotNull();
            assertThat(e.getMessage())
                .contains("jpa_legacy_person." + a.column())
                .contains("nothing was written")
                .endsWith(e.alterStatement());
            assertThat(e.alterStatement()).startsWith("ALTER TABLE jpa_legacy_person ");
            assertThat(snapshot(jpa)).as("nothing written").isEqualTo(before);
            statements.add(e.alterStatement());
          }
          try (Statement s = c.createStatement()) {
            for (String sql : statements) {
              s.execute(sql);
            }
          }
          for (EncryptedAttribute a : EncryptedAttributes.of(jpa.sessionFactory)) {
            ColumnWidthCheck.Result r = ColumnWidthCheck.verify(c, a, codec);
            assertThat(r.required()).isPositive();
            assertThat(r.columnSize()).isGreaterThanOrEqualTo(r.required());
          }
        }
        List<List<Object>> loaded = new ArrayList<>();
        jpa.inTransaction(
            s -> {
              for (long id = 1; id <= ROWS; id++) {
                loaded.add(s.find(LegacyPerson.class, id).values());
              }
            });
        assertThat(loaded).isEqualTo(LegacySchema.expected(ROWS));
      }
    }
  }

  private static JpaFixture sharing(TestDatabase db) {
    return JpaFixture.builder(LegacyPerson.class).keys(TestKeys.standard()).sharingDb(db).build();
  }

  private static String snapshot(JpaFixture jpa) {
    StringBuilder b = new StringBuilder();
    for (Object[] row :
        jpa.query(
            "select id, name, email, score, born, balance from jpa_legacy_person order by id")) {
      b.append(java.util.Arrays.deepToString(row));
    }
    return b.toString();
  }
}
