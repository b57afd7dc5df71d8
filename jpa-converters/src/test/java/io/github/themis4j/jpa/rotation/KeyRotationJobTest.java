package io.github.themis4j.jpa.rotation;

import static io.github.themis4j.jpa.rotation.RotationData.after;
import static io.github.themis4j.jpa.rotation.RotationData.before;
import static io.github.themis4j.jpa.rotation.RotationData.during;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.jpa.rotation.RotationReport.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The rotation of a 10,000-row table (and a second table in another ring) from k1 to k2 on the
 * configured database, then read with k1 removed; a second run that finds nothing to do; the
 * inventory before and after.
 */
class KeyRotationJobTest {
  private static final int ACCOUNTS = 10_000;
  private static final int DOCUMENTS = 300;

  static AttributeResult result(RotationReport r, String entity, String attribute) {
    return r.attributes().stream()
        .filter(a -> a.entity().equals(entity) && a.attribute().equals(attribute))
        .findFirst()
        .orElseThrow(() -> new AssertionError(entity + "." + attribute + " not in " + r));
  }

  static long count(int n, java.util.function.IntPredicate p) {
    return IntStream.range(0, n).filter(p).count();
  }

  @Test
  void tenThousandRowsUnderK1AreRotatedToK2AndReadableWithK1Removed() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(before(), true, Account.class, Document.class)) {
        RotationData.insertAccounts(sf, ACCOUNTS);
        RotationData.insertDocuments(sf, DOCUMENTS);
      }
      long emails = count(ACCOUNTS, n -> RotationData.email(n) != null);
      long codes =
          count(ACCOUNTS, n -> RotationData.code(n) != null && !RotationData.code(n).isEmpty());
      long emptyCodes = count(ACCOUNTS, n -> "".equals(RotationData.code(n)));
      assertThat(RotationData.accountKeyIds(db))
          .containsExactly(Map.entry("k1", emails + 3L * ACCOUNTS));

      List<String> statements = Collections.synchronizedList(new ArrayList<>());
      try (SessionFactory sf =
          db.sessionFactory(
              during(),
              false,
              s -> {
                statements.add(s);
                return s;
              },
              Account.class,
              Document.class)) {
        KeyRotationJob job =
            KeyRotationJob.builder(sf)
                .batchSize(1000)
                .contextImprintKeys("default", "k1", "k2")
                .build();

        RotationReport inventory = job.inventory();
        assertThat(inventory.valuesRotated()).isZero();
        assertThat(result(inventory, "RotAccount", "email").valuesByKeyId())
            .containsExactly(Map.entry("k1", emails));
        assertThat(result(inventory, "RotAccount", "code").valuesByKeyId())
            .containsExactly(Map.entry("k1", codes + emptyCodes));
        assertThat(inventory.oldKeysStillNeeded())
            .isEqualTo(Map.of("default", Set.of("k1"), "pii", Set.of("p1")));
        assertThat(inventory.canRetire("default", "k1")).isFalse();
        assertThat(RotationData.accountKeyIds(db))
            .containsOnlyKeys("k1"); // the inventory wrote nothing

        statements.clear();
        RotationReport report = job.run();
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        assertThat(report.cancelled()).isFalse();
        assertThat(report.verified()).isTrue();
        assertThat(report.failures()).isZero();
        assertThat(report.anyOldKeyStillNeeded()).isFalse();
        assertThat(report.canRetire("default", "k1")).isTrue();
        assertThat(report.canRetire("pii", "p1")).isTrue();
        assertThat(report.canRetire("default", "k2")).isFalse(); // the active key
        assertThat(report.valuesByKey())
            .isEqualTo(
                Map.of(
                    "default", Map.of("k2", emails + 3L * ACCOUNTS + codes + emptyCodes),
                    "pii", Map.of("p2", (long) DOCUMENTS)));

        AttributeResult email = result(report, "RotAccount", "email");
        assertThat(email.status()).isEqualTo(Status.DONE);
        assertThat(email.mode()).isEqualTo(CellMode.SEAL);
        assertThat(email.targetKeyId()).isEqualTo("k2");
        assertThat(email.rowsScanned()).isEqualTo(ACCOUNTS);
        assertThat(email.valuesRotated()).isEqualTo(emails);
        assertThat(email.valuesCurrent()).isZero();
        for (String attribute : List.of("phone", "ssn", "balance")) {
          assertThat(result(report, "RotAccount", attribute).valuesRotated())
              .as(attribute)
              .isEqualTo(ACCOUNTS);
        }
        AttributeResult code = result(report, "RotAccount", "code");
        assertThat(code.mode()).isEqualTo(CellMode.CONTEXT_IMPRINT);
        assertThat(code.status()).isEqualTo(Status.DONE);
        assertThat(code.valuesRotated()).isEqualTo(codes);
        assertThat(code.valuesCurrent()).isEqualTo(emptyCodes);
        assertThat(code.note()).isEmpty();
        assertThat(result(report, "RotDocument", "body").valuesRotated()).isEqualTo(DOCUMENTS);

        // batches are keyset pages with the dialect's row limit, never a whole-table read
        List<String> pages =
            statements.stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .filter(
                    s ->
                        s.startsWith("select")
                            && s.contains("from rot_account")
                            && s.contains("order by"))
                .toList();
        assertThat(pages)
            .isNotEmpty()
            .allMatch(s -> s.contains("limit") || s.contains("fetch") || s.contains("top"));
        assertThat(pages).anyMatch(s -> s.contains("where id>") || s.contains("where id >"));
        assertThat(job.progress()).hasSize(3).allMatch(RotationProgress::finished);
        assertThat(job.progress())
            .filteredOn(p -> p.table().equals("rot_account"))
            .allMatch(p -> p.rowsDone() == ACCOUNTS);

        // a second run finds nothing to do: no value is ever encrypted twice
        RotationReport again = job.run();
        assertThat(again.isComplete()).isTrue();
        assertThat(again.valuesRotated()).isZero();
        assertThat(result(again, "RotAccount", "email").valuesCurrent()).isEqualTo(emails);
      }
      assertThat(RotationData.accountKeyIds(db))
          .containsExactly(Map.entry("k2", emails + 3L * ACCOUNTS));

      try (SessionFactory sf = db.sessionFactory(after(), false, Account.class, Document.class)) {
        RotationData.assertAccounts(sf, ACCOUNTS);
        RotationData.assertDocuments(sf, DOCUMENTS);
        RotationReport check =
            KeyRotationJob.builder(sf)
                .contextImprintKeys("default", "k1", "k2")
                .build()
                .inventory();
        assertThat(check.isComplete()).as(check.summary()).isTrue();
      }
    }
  }
}
