package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.engine.ReencryptionListener;
import io.github.themis4j.jpa.engine.TableProgress;
import io.github.themis4j.jpa.index.BlindIndexPass;
import io.github.themis4j.jpa.index.BlindIndexQueries;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BlindIndexPass} on the re-encryption engine: backfill of rows without an index, and a
 * rotation of the index key with finders answering before, during and after the run.
 */
class BlindIndexPassTest {
  private static final SymmetricKey B1 = SymmetricKey.fromBytes(BlindIndexQueryTest.INDEX_KEY);
  private static final SymmetricKey B2 = SymmetricKey.fromBytes(TestKeys.bytes(42));
  private static final KeyRing DEFAULT =
      KeyRing.of("default", "k1", SymmetricKey.fromBytes(TestKeys.K1));
  private static final int ROWS = 40;

  private static void fill(JpaFixture f) {
    f.inTransaction(
        s -> {
          for (int i = 0; i < ROWS; i++) {
            s.persist(
                new IndexedPatient("p" + i, "p" + i + "@x.org", "100-" + i).named("Name" + i, 1950 + i));
          }
          s.persist(new IndexedPatient("nobody", null, null));
        });
  }

  private static List<String> find(JpaFixture f, String email) {
    return f.fromTransaction(
        s ->
            s.createQuery("select p.label from IndexedPatient p where p.email = :e", String.class)
                .setParameter("e", email)
                .getResultList());
  }

  @Test
  void backfillFillsEveryMissingIndexWithTheValueAnInsertWouldHaveWritten() {
    try (JpaFixture f =
        JpaFixture.builder(IndexedPatient.class)
            .keys(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b1", B1)))
            .build()) {
      fill(f);
      List<Object[]> written =
          f.query(
              "select id, email_bidx, national_id_bidx, name_year_bidx from bidx_patient order by id");
      // what a migration adding the index columns to existing rows leaves behind
      f.update("update bidx_patient set email_bidx = null, national_id_bidx = null, name_year_bidx = null");
      assertThat(find(f, "p3@x.org")).isEmpty();

      JobReport report =
          ReencryptionJob.builder(f.sessionFactory).pass(new BlindIndexPass()).batchSize(7).build().run();

      assertThat(report.isComplete()).isTrue();
      assertThat(
              f.query(
                  "select id, email_bidx, national_id_bidx, name_year_bidx from bidx_patient order by id"))
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(written);
      assertThat(report.tables(BlindIndexPass.NAME).stream().mapToLong(t -> t.counter("IndexedPatient.emailIndex", "backfilled")).sum())
          .isEqualTo(ROWS);
      assertThat(find(f, "p3@x.org")).containsExactly("p3");
      List<IndexedPatient> named =
          f.fromTransaction(
              s -> BlindIndexQueries.findAll(s, IndexedPatient.class, "nameYearIndex", "name7", 1957));
      assertThat(named).extracting(p -> p.label).containsExactly("p7");
      // a second run finds nothing to do
      JobReport again =
          ReencryptionJob.builder(f.sessionFactory).pass(new BlindIndexPass()).build().run();
      assertThat(again.rowsRewritten()).isZero();
    }
  }

  @Test
  void rotationOfTheIndexKeyWithFindersAnsweringDuringTheRun() {
    TestKeys.Swappable keys =
        new TestKeys.Swappable(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b1", B1)));
    try (JpaFixture f = JpaFixture.builder(IndexedPatient.class).keys(keys).build()) {
      fill(f);
      assertThat(find(f, "p5@x.org")).containsExactly("p5");
      keys.set(
          KeyRings.of(
              DEFAULT,
              KeyRing.builder("blind-index").add("b1", B1).add("b2", B2).active("b2").build()));
      List<String> answers = Collections.synchronizedList(new ArrayList<>());
      ReencryptionListener probe =
          new ReencryptionListener() {
            int batch;

            @Override
            public void onBatch(TableProgress progress) {
              int n = batch++;
              // rows already rotated and rows not yet rotated are both found
              answers.addAll(find(f, "p" + (n % ROWS) + "@x.org"));
              answers.addAll(find(f, "p" + ((ROWS - 1 - n) % ROWS) + "@x.org"));
            }
          };
      JobReport report =
          ReencryptionJob.builder(f.sessionFactory)
              .pass(new BlindIndexPass())
              .batchSize(4)
              .listener(probe)
              .build()
              .run();
      assertThat(report.isComplete()).isTrue();
      assertThat(answers).hasSizeGreaterThanOrEqualTo(2 * (ROWS / 4));
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < answers.size() / 2; n++) {
        expected.add("p" + (n % ROWS));
        expected.add("p" + ((ROWS - 1 - n) % ROWS));
      }
      assertThat(answers).containsExactlyElementsOf(expected);
      assertThat(
              f.query(
                  "select count(*) from bidx_patient where email_bidx like 'b1:%' or national_id_bidx"
                      + " like 'b1:%' or name_year_bidx like 'b1:%'")
                  .get(0)[0])
          .asString()
          .isEqualTo("0");
      // the old key leaves the ring: only the new index is looked up, and every row is found
      keys.set(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b2", B2)));
      for (int i = 0; i < ROWS; i += 3) {
        assertThat(find(f, "P" + i + "@X.org")).containsExactly("p" + i);
      }
    }
  }
}
