package io.github.themis4j.jpa.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a {@link ReencryptionJob} run did: one {@link TableReport} per walk. Immutable. */
public final class JobReport {
  private final List<TableReport> tables;
  private final boolean cancelled;
  private final Instant started;
  private final Duration duration;

  JobReport(List<TableReport> tables, boolean cancelled, Instant started, Duration duration) {
    this.tables = List.copyOf(tables);
    this.cancelled = cancelled;
    this.started = started;
    this.duration = duration;
  }

  /** One entry per walk, in the order the passes planned them. */
  public List<TableReport> tables() {
    return tables;
  }

  /** The walks of one pass. */
  public List<TableReport> tables(String pass) {
    List<TableReport> out = new ArrayList<>();
    for (TableReport t : tables) {
      if (t.pass().equals(pass)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the run was cancelled (or interrupted) before the end. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Every failed partition of every walk. */
  public List<PartitionFailure> failedPartitions() {
    List<PartitionFailure> out = new ArrayList<>();
    tables.forEach(t -> out.addAll(t.failedPartitions()));
    return out;
  }

  /** Not cancelled, every walk finished, no partition failed. */
  public boolean isComplete() {
    return !cancelled
        && tables.stream().allMatch(t -> t.finished() && t.failedPartitions().isEmpty());
  }

  public Instant started() {
    return started;
  }

  public Duration duration() {
    return duration;
  }

  public long rowsScanned() {
    return tables.stream().mapToLong(TableReport::rowsScanned).sum();
  }

  public long rowsRewritten() {
    return tables.stream().mapToLong(TableReport::rowsRewritten).sum();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("re-encryption run");
    b.append(cancelled ? " (cancelled)" : "")
        .append(", ")
        .append(duration.toMillis())
        .append(" ms");
    tables.forEach(t -> b.append("\n  ").append(t));
    return b.toString();
  }
}
