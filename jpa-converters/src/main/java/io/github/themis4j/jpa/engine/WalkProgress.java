package io.github.themis4j.jpa.engine;

import java.util.ArrayList;
import java.util.List;

/** The running totals of one walk, shared by the workers of a run. Thread-safe. */
final class WalkProgress {
  final Walk walk;
  private final long started = System.nanoTime();
  private long firstBatch;
  private long rowsThisRun;
  private long rowsDone;
  private long rewritten;
  private long conflicts;
  private int partitionsDone;
  private int partitionsFailed;
  private int partitionsEnded;
  private boolean announced;
  private final Tally tally = new Tally();
  private final List<PartitionFailure> failures = new ArrayList<>();
  private int lastDecile;
  private long lastLog = System.nanoTime();

  WalkProgress(Walk walk) {
    this.walk = walk;
    this.rowsDone = walk.rowsDoneBefore;
    for (Partition p : walk.partitions) {
      if (p.finished) {
        partitionsDone++;
        partitionsEnded++;
      }
    }
    this.lastDecile = decile();
  }

  synchronized boolean announce() {
    boolean first = !announced;
    announced = true;
    return first;
  }

  synchronized void batch(Batch b) {
    if (firstBatch == 0) {
      firstBatch = started;
    }
    rowsThisRun += b.rows;
    rowsDone += b.rows;
    rewritten += b.rewritten;
    conflicts += b.conflicts;
    tally.addAll(b.tally);
  }

  /** A partition ended; returns true if it was the walk's last. */
  synchronized boolean partitionEnded(Partition p, PartitionFailure failure) {
    partitionsEnded++;
    if (failure != null) {
      partitionsFailed++;
      failures.add(failure);
    } else if (p.finished) {
      partitionsDone++;
    }
    return partitionsEnded == walk.partitions.size();
  }

  synchronized boolean allEnded() {
    return partitionsEnded == walk.partitions.size();
  }

  synchronized boolean finished() {
    return partitionsDone == walk.partitions.size();
  }

  private int decile() {
    return walk.rowsToDo <= 0 ? 10 : (int) Math.min(10, rowsDone * 10 / walk.rowsToDo);
  }

  /** Whether this moment deserves an INFO log line (every 10 % or 30 s). */
  synchronized boolean logNow() {
    int d = decile();
    long now = System.nanoTime();
    if (d > lastDecile || now - lastLog > 30_000_000_000L) {
      lastDecile = d;
      lastLog = now;
      return true;
    }
    return false;
  }

  synchronized TableProgress snapshot() {
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = rowsThisRun == 0 || seconds <= 0 ? 0 : rowsThisRun / seconds;
    return new TableProgress(
        walk.pass.name(),
        walk.table.table().entity(),
        walk.table.table().name(),
        walk.table.label(),
        rowsDone,
        walk.rowsToDo,
        rewritten,
        walk.partitions.size(),
        partitionsDone,
        partitionsFailed,
        rate,
        finished(),
        walk.table.attachment());
  }

  synchronized TableReport report() {
    return new TableReport(
        walk.pass.name(),
        walk.table,
        rowsThisRun,
        rewritten,
        conflicts,
        tally,
        failures,
        finished(),
        walk.rowsDoneBefore);
  }
}
