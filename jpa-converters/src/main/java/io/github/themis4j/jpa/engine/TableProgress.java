package io.github.themis4j.jpa.engine;

import java.time.Duration;

/**
 * A snapshot of one walk of a run: rows done and to do, rows rewritten, partitions, the rate of
 * this run and the estimated time left. Immutable.
 */
public final class TableProgress {
  private final String pass;
  private final String entity;
  private final String table;
  private final String label;
  private final long rowsDone;
  private final long rowsToDo;
  private final long rowsRewritten;
  private final int partitions;
  private final int partitionsDone;
  private final int partitionsFailed;
  private final double rowsPerSecond;
  private final boolean finished;
  private final Object attachment;

  TableProgress(
      String pass,
      String entity,
      String table,
      String label,
      long rowsDone,
      long rowsToDo,
      long rowsRewritten,
      int partitions,
      int partitionsDone,
      int partitionsFailed,
      double rowsPerSecond,
      boolean finished,
      Object attachment) {
    this.pass = pass;
    this.entity = entity;
    this.table = table;
    this.label = label;
    this.rowsDone = rowsDone;
    this.rowsToDo = rowsToDo;
    this.rowsRewritten = rowsRewritten;
    this.partitions = partitions;
    this.partitionsDone = partitionsDone;
    this.partitionsFailed = partitionsFailed;
    this.rowsPerSecond = rowsPerSecond;
    this.finished = finished;
    this.attachment = attachment;
  }

  public String pass() {
    return pass;
  }

  public String entity() {
    return entity;
  }

  public String table() {
    return table;
  }

  /** The walk's label ({@link PassTable#label()}). */
  public String label() {
    return label;
  }

  /** Rows done, including those done by earlier runs of a resumed walk. */
  public long rowsDone() {
    return rowsDone;
  }

  /** Rows to do: the row count when the walk was planned (rows inserted later may exceed it). */
  public long rowsToDo() {
    return rowsToDo;
  }

  /** Rows rewritten by this run. */
  public long rowsRewritten() {
    return rowsRewritten;
  }

  public int partitions() {
    return partitions;
  }

  public int partitionsDone() {
    return partitionsDone;
  }

  public int partitionsFailed() {
    return partitionsFailed;
  }

  /** Rows per second in this run so far (0 before the first batch). */
  public double rowsPerSecond() {
    return rowsPerSecond;
  }

  /** The estimated time left at the current rate, or null if unknown (no rate yet). */
  public Duration eta() {
    if (finished) {
      return Duration.ZERO;
    }
    if (rowsPerSecond <= 0) {
      return null;
    }
    long left = Math.max(0, rowsToDo - rowsDone);
    return Duration.ofMillis((long) (left * 1000.0 / rowsPerSecond));
  }

  /** Whether every partition of the walk has reached its end. */
  public boolean finished() {
    return finished;
  }

  /** {@code rowsDone / rowsToDo}, 0 to 1 (1 when finished or empty). */
  public double fraction() {
    if (finished || rowsToDo <= 0) {
      return 1.0;
    }
    return Math.min(1.0, (double) rowsDone / rowsToDo);
  }

  /** The pass's attachment of the walk ({@link PassTable#attachment()}). */
  public Object attachment() {
    return attachment;
  }

  @Override
  public String toString() {
    Duration eta = eta();
    return pass
        + " "
        + entity
        + (label.equals("*") ? "" : "." + label)
        + " ("
        + table
        + "): "
        + rowsDone
        + "/"
        + rowsToDo
        + " rows, "
        + rowsRewritten
        + " rewritten, "
        + partitionsDone
        + "/"
        + partitions
        + " partitions"
        + (partitionsFailed > 0 ? ", " + partitionsFailed + " failed" : "")
        + String.format(java.util.Locale.ROOT, ", %.0f rows/s", rowsPerSecond)
        + (finished ? ", finished" : eta == null ? "" : ", ETA " + eta.toSeconds() + " s");
  }
}
