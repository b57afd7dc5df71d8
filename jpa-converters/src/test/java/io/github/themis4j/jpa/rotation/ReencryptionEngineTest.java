package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.engine.BadRowException;
import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.PartitionFailedException;
import io.github.themis4j.jpa.engine.PartitionFailure;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassColumn;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.engine.ReencryptionListener;
import io.github.themis4j.jpa.engine.Resumption;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.engine.TableProgress;
import io.github.themis4j.jpa.engine.TableReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The engine with a pass over plain columns (no cryptography, so that the walk itself is what is
 * tested): partitions, workers, durable cursors, the rows/s limit, bad partitions, fail-fast.
 */
class ReencryptionEngineTest {
  private static final int ROWS = 1_000;

  /** Writes upper(note) into note_upper; fails on the rows it is told to. */
  static final class UpperPass implements Pass {
    final Set<Long> bad;
    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final Resumption resumption;

    UpperPass(Resumption resumption, Set<Long> bad) {
      this.resumption = resumption;
      this.bad = bad;
    }

    @Override
    public String name() {
      return "upper";
    }

    @Override
    public Resumption resumption() {
      return resumption;
    }

    @Override
    public List<PassTable> tables(PassContext context) {
      return List.of(
          PassTable.builder(context.table("EngineItem"))
              .column(PassColumn.plain("note", String.class))
              .column(PassColumn.plain("note_upper", String.class))
              .label("note")
              .build());
    }

    @Override
    public Rewrite process(Row row) {
      threads.add(Thread.currentThread().getName());
      long id = (Long) row.id();
      if (bad.contains(id)) {
        throw new BadRowException("row " + id + " is bad");
      }
      seen.add(id);
      row.count("note", "rows");
      String note = (String) row.get("note");
      if (note == null || note.toUpperCase(Locale.ROOT).equals(row.get("note_upper"))) {
        row.count("note", "current");
        return null;
      }
      return Rewrite.builder()
          .set("note_upper", note.toUpperCase(Locale.ROOT))
          .ifWritten("note", "written")
          .build();
    }
  }

  private static void insert(RotationDb db, int n) {
    try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, EngineItem.class)) {
      sf.inTransaction(
          s -> {
            for (int i = 1; i <= n; i++) {
              // gaps and a skewed key distribution: quantiles, not min/max, split it evenly
              long id = i <= n / 2 ? i : 1_000_000L + i * 7L;
              s.persist(new EngineItem(id, i % 10 == 0 ? null : "note " + i));
            }
          });
    }
  }

  @Test
  void partitionsOnSeveralWorkersRewriteEveryRowOnceAndRecordTheirCursors() {
    try (RotationDb db = RotationDb.create(false)) {
      insert(db, ROWS);
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), false, EngineItem.class)) {
        UpperPass pass = new UpperPass(Resumption.UNTIL_FINISHED, Set.of());
        List<TableProgress> batches = new ArrayList<>();
        ReencryptionJob job =
            ReencryptionJob.builder(sf)
                .pass(pass)
                .workers(3)
                .partitions(6)
                .batchSize(50)
                .listener(
                    new ReencryptionListener() {
                      @Override
                      public void onBatch(TableProgress p) {
                        batches.add(p);
                      }
                    })
                .build();
        JobReport report = job.run();
        assertThat(report.isComplete()).as(report.toString()).isTrue();
        TableReport t = report.tables("upper").get(0);
        assertThat(t.rowsScanned()).isEqualTo(ROWS);
        assertThat(t.rowsRewritten()).isEqualTo(ROWS - ROWS / 10);
        assertThat(t.counter("note", "written")).isEqualTo(ROWS - ROWS / 10);
        assertThat(t.counter("note", "current")).isEqualTo(ROWS / 10);
        assertThat(pass.seen).hasSize(ROWS);
        assertThat(pass.threads).as("three workers took part").hasSizeGreaterThan(1);
        // the partitions are even by row count despite the gap in the keys
        List<Object[]> cursors =
            db.query(
                "select part_no, rows_done, finished, lo_id, hi_id from themis4j_pass_cursor"
                    + " order by part_no");
        assertThat(cursors).hasSize(6);
        for (Object[] c : cursors) {
          assertThat(((Number) c[1]).longValue()).isBetween(160L, 170L);
          assertThat(((Number) c[2]).intValue()).isOne();
        }
        assertThat(cursors.get(0)[3]).isNull();
        assertThat(cursors.get(5)[4]).isNull();
        // progress: rows done grow to the row count, with a rate; the listener sees every batch
        assertThat(batches).isNotEmpty();
        TableProgress last = job.progress().get(0);
        assertThat(last.rowsDone()).isEqualTo(ROWS);
        assertThat(last.rowsToDo()).isEqualTo(ROWS);
        assertThat(last.finished()).isTrue();
        assertThat(last.partitionsDone()).isEqualTo(6);
        assertThat(last.rowsPerSecond()).isPositive();
        assertThat(
                db.query("select count(*) from eng_item where note_upper <> upper(note)").get(0)[0])
            .isEqualTo(0L);

        // UNTIL_FINISHED: a finished walk is planned afresh; every row is current now
        JobReport again = job.run();
        assertThat(again.rowsRewritten()).isZero();
        assertThat(again.tables().get(0).counter("note", "current")).isEqualTo(ROWS);
      }
    }
  }

  @Test
  void aBadPartitionIsReportedWithItsRangeAndRowAndTheOthersFinish() {
    try (RotationDb db = RotationDb.create(false)) {
      insert(db, ROWS);
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), false, EngineItem.class)) {
        UpperPass pass = new UpperPass(Resumption.ONCE, Set.of(123L));
        JobReport report =
            ReencryptionJob.builder(sf)
                .pass(pass)
                .workers(2)
                .partitions(4)
                .batchSize(40)
                .build()
                .run();
        assertThat(report.isComplete()).isFalse();
        List<PartitionFailure> failed = report.failedPartitions();
        assertThat(failed).hasSize(1);
        PartitionFailure f = failed.get(0);
        assertThat(f.table()).isEqualTo("eng_item");
        assertThat(f.rowIds()).containsExactly("123");
        assertThat(f.message()).isEqualTo("row 123 is bad");
        assertThat(f.lo()).isNull(); // 123 is in the first quarter
        assertThat(Long.parseLong(f.hi())).isGreaterThanOrEqualTo(123L);
        // the failed batch (rows 121-160) was rolled back; the rows before it and every other
        // partition were written
        assertThat(
                db.query(
                        "select count(*) from eng_item where note_upper is null and note is not"
                            + " null")
                    .get(0)[0])
            .isEqualTo(
                db.query(
                        "select count(*) from eng_item where note is not null and id > 120 and id"
                            + " <= "
                            + f.hi())
                    .get(0)[0]);
        List<Object[]> cursor =
            db.query("select last_id, finished from themis4j_pass_cursor where part_no = 0");
        assertThat(cursor.get(0)).containsExactly("120", 0);
        assertThat(report.tables().get(0).failedPartitions()).containsExactly(f);
        assertThat(f.toString()).contains("(-inf, " + f.hi() + "]").doesNotContain("note 1");

        // the next run (fixed) resumes the failed partition only; the finished ones stay finished
        UpperPass fixed = new UpperPass(Resumption.ONCE, Set.of());
        JobReport rerun =
            ReencryptionJob.builder(sf)
                .pass(fixed)
                .workers(2)
                .partitions(4)
                .batchSize(40)
                .build()
                .run();
        assertThat(rerun.isComplete()).isTrue();
        assertThat(fixed.seen).allMatch(id -> id > 120 && id <= Long.parseLong(f.hi()));
        assertThat(
                db.query(
                        "select count(*) from eng_item where note_upper is null and note is not"
                            + " null")
                    .get(0)[0])
            .isEqualTo(0L);
      }
    }
  }

  @Test
  void failFastStopsTheRunAtTheFirstBadPartition() {
    try (RotationDb db = RotationDb.create(false)) {
      insert(db, 200);
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), false, EngineItem.class)) {
        ReencryptionJob job =
            ReencryptionJob.builder(sf)
                .pass(new UpperPass(Resumption.UNTIL_FINISHED, Set.of(5L)))
                .failFast(true)
                .batchSize(10)
                .build();
        assertThatThrownBy(job::run)
            .isInstanceOf(PartitionFailedException.class)
            .hasMessageContaining("eng_item")
            .hasMessageContaining("rows [5]")
            .satisfies(
                e ->
                    assertThat(((PartitionFailedException) e).failure().rowIds())
                        .containsExactly("5"));
        assertThat(job.isRunning()).isFalse();
      }
    }
  }

  @Test
  void theRowsPerSecondLimitHoldsOverAllWorkers() {
    try (RotationDb db = RotationDb.create(false)) {
      insert(db, 300);
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), false, EngineItem.class)) {
        long t0 = System.nanoTime();
        JobReport r =
            ReencryptionJob.builder(sf)
                .pass(new UpperPass(Resumption.NONE, Set.of()))
                .workers(2)
                .partitions(2)
                .batchSize(50)
                .rowsPerSecond(400)
                .build()
                .run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.rowsScanned()).isEqualTo(300);
        // 300 rows at 400 rows/s: the pacer makes the workers wait at least (300 - 2 x 50) / 400 s
        assertThat(seconds).isGreaterThanOrEqualTo(0.5);
      }
    }
  }

  @Test
  void badSettingsAreRejected() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, EngineItem.class)) {
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).batchSize(0))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("batch size must be 1 to 100000, not 0");
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).batchSize(100_001))
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).workers(0))
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).rowsPerSecond(-1))
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).build())
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ReencryptionJob.builder(sf).cursorTable("x; drop table y"))
            .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(
                () ->
                    PassTable.builder(PassContext.of(sf).table("EngineItem"))
                        .column(PassColumn.plain("id", Long.class)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("key column");
      }
    }
  }
}
