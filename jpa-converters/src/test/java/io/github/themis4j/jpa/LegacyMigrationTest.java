package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.jpa.migration.ColumnTooNarrowException;
import io.github.themis4j.jpa.migration.ColumnWidthCheck;
import io.github.themis4j.jpa.migration.LegacyMigration;
import io.github.themis4j.jpa.migration.MigrationReport;
import io.github.themis4j.keys.SymmetricKey;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole adoption of a live table on the test database (H2, or PostgreSQL / MariaDB with the
 * profiles): the old application's plaintext rows (non-ASCII text, empty strings, nulls, numbers,
 * dates, decimals); the migration refused on the narrow columns with nothing written; the columns
 * widened with the statements it gave; a migration run in a separate JVM killed with SIGKILL in the
 * middle; the rerun while a writer thread updates random rows through the application; then every
 * value is a themis4j value bound to its row and equal to the last value written, checked by a
 * reader written from docs/FORMAT.md; the report says 0 remaining; strict mode loads every row; and
 * a rollback restores the exact plaintexts.
 *
 * <p>{@code -Dthemis4j.test.migrationRows=100000} runs the full size of issue 19 (the default keeps
 * the test short on a loaded CI machine).
 */
class LegacyMigrationTest {
  private static final int ROWS = Integer.getInteger("themis4j.test.migrationRows", 2_000);
  private static final String[] COLUMNS = {"name", "email", "score", "born", "balance"};
  private static final String SELECT =
      "select id, name, email, score, born, balance from jpa_legacy_person order by id";

  @Test
  void aLiveTableIsMigratedKilledResumedVerifiedAndRolledBack() throws Exception {
    long started = System.nanoTime();
    try (TestDatabase db = TestDatabase.createShared()) {
      LegacySchema.create(db);
      LegacySchema.insert(db, ROWS);
      Map<Long, List<Object>> expected = new ConcurrentHashMap<>();
      List<List<Object>> seeded = LegacySchema.expected(ROWS);
      for (int i = 0; i < ROWS; i++) {
        expected.put(i + 1L, seeded.get(i));
      }
      try (JpaFixture app = fixture(db, false)) {
        // 1. the narrow columns are refused before any row is written
        List<Object[]> before = app.query(SELECT);
        assertThatThrownBy(() -> LegacyMigration.builder(app.sessionFactory).build().encrypt())
            .isInstanceOf(ColumnTooNarrowException.class)
            .hasMessageContaining("Run: ALTER TABLE jpa_legacy_person");
        assertThat(app.query(SELECT)).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
        widen(db, app);
        Map<Long, Object[]> widened = raw(app);

        // 2. a run in another JVM, killed with SIGKILL in the middle
        runAndKill(db, Math.min(ROWS / 4, 2_000));
        MigrationReport mid = LegacyMigration.builder(app.sessionFactory).build().census();
        assertThat(mid.encrypted("LegacyPerson.score")).as(mid.summary()).isPositive();
        assertThat(mid.remaining("LegacyPerson.score")).as(mid.summary()).isPositive();

        // 3. the rerun, while the application updates random rows
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> write(app, expected, stop, writes), "app-writer");
        writer.start();
        MigrationReport report;
        try {
          report =
              LegacyMigration.builder(app.sessionFactory).workers(2).batchSize(250).build().encrypt();
        } finally {
          stop.set(true);
          writer.join(60_000);
        }
        assertThat(writes.get()).as("the writer ran during the migration").isPositive();
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        assertThat(report.remaining()).isZero();
        for (String c : COLUMNS) {
          assertThat(report.written("LegacyPerson." + c, "plaintext-encrypted"))
              .as(report.summary())
              .isPositive();
        }

        // 4. every value encrypted, bound to its row, equal to the last value written
        Map<Long, Object[]> stored = raw(app);
        assertThat(stored).hasSize(ROWS);
        for (Map.Entry<Long, Object[]> e : stored.entrySet()) {
          assertThat(independentRead(e.getKey(), e.getValue()))
              .as("row %s", e.getKey())
              .isEqualTo(expected.get(e.getKey()));
        }
        // a value copied to another row does not read there
        Object[] one = stored.get(1L);
        Object[] two = stored.get(2L);
        if (one[3] != null && two[3] != null) {
          Object[] swapped = two.clone();
          swapped[3] = one[3];
          assertThatThrownBy(() -> independentRead(2L, swapped)).isNotNull();
        }

        // 5. strict mode loads every row
        try (JpaFixture strict = fixture(db, true)) {
          Map<Long, List<Object>> loaded = new HashMap<>();
          strict.inTransaction(
              s -> {
                for (long id = 1; id <= ROWS; id++) {
                  loaded.put(id, s.find(LegacyPerson.class, id).values());
                }
              });
          assertThat(loaded).isEqualTo(expected);
        }

        // 6. rollback: the exact plaintexts again
        MigrationReport back = LegacyMigration.builder(app.sessionFactory).workers(2).build().rollback(false);
        assertThat(back.job().isComplete()).isTrue();
        assertThat(back.remaining()).isEqualTo(nonNullValues(expected));
        Map<Long, Object[]> restored = raw(app);
        for (long id = 1; id <= ROWS; id++) {
          Object[] want =
              expected.get(id).equals(seeded.get((int) id - 1))
                  ? widened.get(id)
                  : legacyForm(expected.get(id));
          assertThat(normalize(restored.get(id))).as("row %s", id).isEqualTo(normalize(want));
        }
      }
    }
    System.out.printf(
        "LegacyMigrationTest: %d rows on %s in %d s%n",
        ROWS, TestDatabase.kind(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  private static JpaFixture fixture(TestDatabase db, boolean strict) {
    JpaFixture.Builder b = JpaFixture.builder(LegacyPerson.class).keys(TestKeys.standard()).sharingDb(db);
    if (strict) {
      for (String c : COLUMNS) {
        b.set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson." + c, "strict");
      }
    }
    return b.build();
  }

  /** Runs the statements the column check gives. */
  static void widen(TestDatabase db, JpaFixture jpa) throws Exception {
    EncryptedValueCodec codec = EncryptedAttributes.codec(jpa.sessionFactory);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (EncryptedAttribute a : EncryptedAttributes.of(jpa.sessionFactory)) {
        try {
          ColumnWidthCheck.verify(c, a, codec);
        } catch (ColumnTooNarrowException e) {
          s.execute(e.alterStatement());
        }
      }
    }
  }

  private static void write(
      JpaFixture app, Map<Long, List<Object>> expected, AtomicBoolean stop, AtomicLong writes) {
    Random r = new Random(1919);
    while (!stop.get()) {
      long id = 1 + r.nextInt(ROWS);
      LegacyPerson changed =
          new LegacyPerson(
              id,
              r.nextInt(5) == 0 ? null : "Ünïcødé " + r.nextInt(),
              r.nextInt(5) == 0 ? "" : "w" + r.nextInt(1000) + "@exämple.com",
              r.nextInt(5) == 0 ? null : r.nextInt(),
              LocalDate.of(2000, 1, 1).plusDays(r.nextInt(10_000)),
              BigDecimal.valueOf(r.nextInt(), 3));
      app.inTransaction(
          s -> {
            LegacyPerson p = s.find(LegacyPerson.class, id);
            p.name = changed.name;
            p.email = changed.email;
            p.score = changed.score;
            p.born = changed.born;
            p.balance = changed.balance;
          });
      expected.put(id, changed.values());
      writes.incrementAndGet();
    }
  }

  private static Map<Long, Object[]> raw(JpaFixture jpa) {
    Map<Long, Object[]> out = new HashMap<>();
    for (Object[] row : jpa.query(SELECT)) {
      out.put(((Number) row[0]).longValue(), Arrays.copyOfRange(row, 1, row.length));
    }
    return out;
  }

  /**
   * Reads a row from its raw columns with only docs/FORMAT.md: envelope (section 5), context
   * (section 3, built by {@link DocumentedFormat#context}), Secure Cell Seal, plaintext encoding
   * (section 4).
   */
  static List<Object> independentRead(long id, Object[] row) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < COLUMNS.length; i++) {
      Object v = row[i];
      if (v == null) {
        out.add(null);
        continue;
      }
      byte[] stored = v instanceof String ? Base64.getDecoder().decode((String) v) : (byte[]) v;
      assertThat(stored[0]).as("format version").isEqualTo((byte) 1);
      boolean empty = stored[1] == 1;
      int n = stored[2];
      String keyId = new String(stored, 3, n, StandardCharsets.US_ASCII);
      byte[] ctx =
          DocumentedFormat.context(
              "seal", empty ? "empty" : "value", keyId, "jpa_legacy_person", COLUMNS[i], "integer",
              Long.toString(id));
      byte[] key = keyId.equals("k1") ? TestKeys.K1 : TestKeys.K2;
      byte[] plain =
          SecureCell.sealWithKey(SymmetricKey.fromBytes(key))
              .decrypt(Arrays.copyOfRange(stored, 3 + n, stored.length), ctx);
      if (empty) {
        assertThat(plain).containsExactly(0);
        out.add("");
        continue;
      }
      switch (COLUMNS[i]) {
        case "score":
          out.add(ByteBuffer.wrap(plain).getInt());
          break;
        case "born":
          out.add(LocalDate.ofEpochDay(ByteBuffer.wrap(plain).getLong()));
          break;
        case "balance":
          out.add(new BigDecimal(new String(plain, StandardCharsets.US_ASCII)));
          break;
        default:
          out.add(new String(plain, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The legacy column values of a row (section 10 of docs/FORMAT.md: text forms). */
  private static Object[] legacyForm(List<Object> values) {
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = values.get(i);
      if (v == null) {
        continue;
      }
      String text = v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
      out[i] = i == 0 ? text.getBytes(StandardCharsets.UTF_8) : text;
    }
    return out;
  }

  private static List<Object> normalize(Object[] row) {
    List<Object> out = new ArrayList<>();
    for (Object o : row) {
      out.add(o instanceof byte[] ? new String((byte[]) o, StandardCharsets.UTF_8) + "/bytes" : o);
    }
    return out;
  }

  private static long nonNullValues(Map<Long, List<Object>> expected) {
    return expected.values().stream().flatMap(List::stream).filter(v -> v != null).count();
  }

  private static void runAndKill(TestDatabase db, long rows) throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    File stderr = File.createTempFile("migration-child", ".log");
    try {
      Process p =
          new ProcessBuilder(
                  java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                  MigrationChild.class.getName(), db.url, db.user, db.password)
              .redirectError(stderr)
              .start();
      List<String> seen = new ArrayList<>();
      boolean killed = false;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
          seen.add(line);
          String[] f = line.split(" ");
          if (f[0].equals("BATCH") && f[1].equals("encrypt-legacy") && Long.parseLong(f[2]) >= rows) {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the JVM
            killed = true;
            break;
          }
        }
      } finally {
        if (!killed) {
          p.destroyForcibly();
        }
        p.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(killed)
          .as("child output %s, stderr %s", seen, Files.readString(stderr.toPath()))
          .isTrue();
      assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    } finally {
      stderr.delete();
    }
  }
}
