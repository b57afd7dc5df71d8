package io.github.themis4j.jpa.engine;

import java.util.List;
import java.util.Map;

/**
 * What one walk of a run did: rows scanned and rewritten, compare-and-set conflicts, the pass's
 * counters and failures per subject, failed partitions, whether every partition finished.
 * Immutable.
 */
public final class TableReport {
  private final String pass;
  private final PassTable walk;
  private final long rowsScanned;
  private final long rowsRewritten;
  private final long conflicts;
  private final Map<String, Map<String, Long>> counters;
  private final Map<String, Map<String, Long>> failures;
  private final Map<String, List<String>> failedIds;
  private final List<PartitionFailure> failedPartitions;
  private final boolean finished;
  private final long rowsDoneBefore;

  TableReport(
      String pass,
      PassTable walk,
      long rowsScanned,
      long rowsRewritten,
      long conflicts,
      Tally tally,
      List<PartitionFailure> failedPartitions,
      boolean finished,
      long rowsDoneBefore) {
    this.pass = pass;
    this.walk = walk;
    this.rowsScanned = rowsScanned;
    this.rowsRewritten = rowsRewritten;
    this.conflicts = conflicts;
    this.counters = Tally.frozen(tally.counters);
    this.failures = Tally.frozen(tally.failures);
    this.failedIds = Tally.frozenIds(tally.failedIds);
    this.failedPartitions = List.copyOf(failedPartitions);
    this.finished = finished;
    this.rowsDoneBefore = rowsDoneBefore;
  }

  public String pass() {
    return pass;
  }

  /** The walk (table, columns, label, the pass's attachment). */
  public PassTable walk() {
    return walk;
  }

  /** Rows read and handed to the pass by this run (a row re-read after a conflict counts once). */
  public long rowsScanned() {
    return rowsScanned;
  }

  /** Rows written by this run. */
  public long rowsRewritten() {
    return rowsRewritten;
  }

  /** Rows that kept changing under the run (three conflicts) and were left alone. */
  public long conflicts() {
    return conflicts;
  }

  /** Rows done by earlier runs of a resumed walk (0 for a fresh one). */
  public long rowsDoneBefore() {
    return rowsDoneBefore;
  }

  /** The counters the pass recorded, per subject. */
  public Map<String, Map<String, Long>> counters() {
    return counters;
  }

  /** One counter of one subject, 0 if never recorded. */
  public long counter(String subject, String counter) {
    Map<String, Long> m = counters.get(subject);
    return m == null ? 0 : m.getOrDefault(counter, 0L);
  }

  /** Failures per subject and reason ({@link Row#fail}). */
  public Map<String, Map<String, Long>> failures() {
    return failures;
  }

  /** Up to 20 row ids per subject of the failures. */
  public Map<String, List<String>> failedIds() {
    return failedIds;
  }

  /** Partitions that failed ({@link BadRowException}, or a batch that kept failing). */
  public List<PartitionFailure> failedPartitions() {
    return failedPartitions;
  }

  /** Whether every partition of the walk reached its end (in this run or an earlier one). */
  public boolean finished() {
    return finished;
  }

  @Override
  public String toString() {
    return pass
        + " "
        + walk.table().entity()
        + " ("
        + walk.table().name()
        + ") ["
        + walk.label()
        + "]: "
        + rowsScanned
        + " rows scanned, "
        + rowsRewritten
        + " rewritten, "
        + conflicts
        + " conflicts"
        + (failedPartitions.isEmpty() ? "" : ", failed partitions " + failedPartitions)
        + (finished ? "" : ", not finished");
  }
}
