package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.jpa.rotation.RotationReport.Status;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** The findings of issue 17 on the key rotation job, one test each. */
class KeyRotationFindingsTest {
  private static final int ACCOUNTS = 3_000;

  /**
   * 3,000 rows, cancel after 3 batches of 200: most values are still under k1, so the report must
   * not say that no value needs an old key (the verification pass does not run on cancel).
   */
  @Test
  void aCancelledRunNeverClaimsThatNothingNeedsTheOldKey() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        RotationData.insertAccounts(sf, ACCOUNTS);
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.during(), false, Account.class)) {
        AtomicInteger batches = new AtomicInteger();
        KeyRotationJob[] job = new KeyRotationJob[1];
        job[0] =
            KeyRotationJob.builder(sf)
                .batchSize(200)
                .listener(
                    new KeyRotationListener() {
                      @Override
                      public void onBatch(RotationProgress p) {
                        if (batches.incrementAndGet() == 3) {
                          job[0].cancel();
                        }
                      }
                    })
                .build();
        RotationReport report = job[0].run();
        assertThat(report.cancelled()).isTrue();
        assertThat(report.verified()).isFalse();
        assertThat(report.isComplete()).isFalse();
        assertThat(report.canRetire("default", "k1")).isFalse();
        Map<String, Long> stored = RotationData.accountKeyIds(db);
        assertThat(stored.get("k1")).as("values left under k1").isGreaterThan(2_000L);
        // the finding: this was empty, and the summary said "no stored value needs an old key"
        assertThat(report.oldKeysStillNeeded()).containsKey("default");
        assertThat(report.oldKeysStillNeeded().get("default")).contains("k1");
        assertThat(report.summary())
            .doesNotContain("no stored value needs an old key")
            .contains("not verified (run cancelled): old keys possibly still needed");
        AttributeResult email = KeyRotationJobTest.result(report, "RotAccount", "email");
        assertThat(email.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(email.note()).contains("not verified (run cancelled)");
        assertThat(email.oldKeysStillNeeded()).contains("k1");

        // inventory() counts what is really there
        RotationReport inventory = job[0].inventory();
        assertThat(inventory.verified()).isTrue();
        long underK1 =
            inventory.attributes().stream()
                .filter(a -> a.mode() != io.github.themis4j.jpa.CellMode.CONTEXT_IMPRINT)
                .mapToLong(a -> a.valuesByKeyId().getOrDefault("k1", 0L))
                .sum();
        assertThat(underK1).isEqualTo(stored.get("k1"));
      }
    }
  }

  /** The batch-size limit, now documented (KEY-ROTATION.md, ENGINE.md): 1 to 100,000. */
  @Test
  void theBatchSizeLimitIsOneToOneHundredThousand() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        KeyRotationJob.builder(sf).batchSize(1).batchSize(100_000);
        assertThatThrownBy(() -> KeyRotationJob.builder(sf).batchSize(0))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("batch size must be 1 to 100000, not 0");
        assertThatThrownBy(() -> KeyRotationJob.builder(sf).batchSize(100_001))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("batch size must be 1 to 100000, not 100001");
      }
    }
  }
}
