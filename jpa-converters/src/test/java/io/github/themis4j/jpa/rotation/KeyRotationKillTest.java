package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.rotation.RotationProgress.Kind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * A rotation killed with SIGKILL in the middle of its Seal/Token Protect pass, run again and killed
 * in the middle of its Context Imprint pass, then run to the end: every value is under the new key
 * and decrypts to what was written, the Context Imprint progress counts every row exactly once. The
 * killed runs are separate JVMs on the same database (H2 in files, or the PostgreSQL/MariaDB
 * profile's server).
 */
class KeyRotationKillTest {
  private static final int ACCOUNTS = 4_000;

  @Test
  void aRunKilledWithSigkillTwiceResumesAndEndsInTheSameState() throws Exception {
    try (RotationDb db = RotationDb.create(true)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        RotationData.insertAccounts(sf, ACCOUNTS);
      }
      long sealed = RotationData.accountKeyIds(db).get("k1");

      // killed while re-encrypting Seal and Token Protect values
      runAndKill(db, Kind.RECORDED_KEY, 1_500);
      Map<String, Long> mid = RotationData.accountKeyIds(db);
      assertThat(mid.get("k2")).as("some values were rotated before the kill").isPositive();
      assertThat(mid.get("k1")).as("some were not").isPositive();
      assertThat(mid.get("k1") + mid.get("k2")).isEqualTo(sealed);

      // killed while re-encrypting Context Imprint values: the progress row holds a partial
      // position
      runAndKill(db, Kind.CONTEXT_IMPRINT, 1_500);
      List<Object[]> progress =
          db.query(
              "select rows_done, finished from themis4j_pass_cursor where pass_name ="
                  + " 'key-rotation-imprint'");
      assertThat(progress).hasSize(1);
      long doneAtKill = ((Number) progress.get(0)[0]).longValue();
      assertThat(doneAtKill).isBetween(1_500L, ACCOUNTS - 100L);
      assertThat(((Number) progress.get(0)[1]).intValue()).isZero();

      try (SessionFactory sf = db.sessionFactory(RotationData.during(), false, Account.class)) {
        RotationReport report =
            KeyRotationJob.builder(sf)
                .batchSize(500)
                .contextImprintKeys("default", "k1", "k2")
                .build()
                .run();
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        assertThat(report.canRetire("default", "k1")).isTrue();
        RotationReport.AttributeResult code =
            KeyRotationJobTest.result(report, "RotAccount", "code");
        assertThat(code.rowsScanned())
            .as("the resumed run only did the rest")
            .isEqualTo(ACCOUNTS - doneAtKill);
      }
      assertThat(
              db.query(
                      "select rows_done, finished from themis4j_pass_cursor where pass_name ="
                          + " 'key-rotation-imprint'")
                  .get(0))
          .containsExactly((long) ACCOUNTS, 1);
      assertThat(RotationData.accountKeyIds(db)).containsExactly(Map.entry("k2", sealed));
      try (SessionFactory sf = db.sessionFactory(RotationData.after(), false, Account.class)) {
        RotationData.assertAccounts(sf, ACCOUNTS);
      }
    }
  }

  private static void runAndKill(RotationDb db, Kind kind, long rows)
      throws IOException, InterruptedException {
    KillableChild.runAndKill(db, kind, rows);
  }
}
