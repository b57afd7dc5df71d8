package io.github.themis4j.jpa.engine;

import java.util.List;

/**
 * A partition that could not be finished: the pass, the table, the partition's key range ({@code
 * (lo, hi]}, null for unbounded), the ids of the rows at fault and what went wrong. Never values.
 * The partition's committed batches stay; its cursor stays before the failed batch, so the next run
 * tries it again. Immutable.
 */
public final class PartitionFailure {
  private final String pass;
  private final String table;
  private final String label;
  private final int partition;
  private final String lo;
  private final String hi;
  private final List<String> rowIds;
  private final String message;

  PartitionFailure(
      String pass,
      String table,
      String label,
      int partition,
      String lo,
      String hi,
      List<String> rowIds,
      String message) {
    this.pass = pass;
    this.table = table;
    this.label = label;
    this.partition = partition;
    this.lo = lo;
    this.hi = hi;
    this.rowIds = List.copyOf(rowIds);
    this.message = message;
  }

  public String pass() {
    return pass;
  }

  public String table() {
    return table;
  }

  /** The walk's label ({@link PassTable#label()}). */
  public String label() {
    return label;
  }

  /** The partition's number within its walk, from 0. */
  public int partition() {
    return partition;
  }

  /** The exclusive lower bound of the key range, or null for the start of the table. */
  public String lo() {
    return lo;
  }

  /** The inclusive upper bound of the key range, or null for the end of the table. */
  public String hi() {
    return hi;
  }

  /** Ids of the rows at fault (the row being processed when the partition failed). */
  public List<String> rowIds() {
    return rowIds;
  }

  /** What went wrong (names and ids only). */
  public String message() {
    return message;
  }

  /** The key range as text: {@code (lo, hi]}. */
  public String range() {
    return "(" + (lo == null ? "-inf" : lo) + ", " + (hi == null ? "+inf" : hi) + "]";
  }

  @Override
  public String toString() {
    return pass
        + " "
        + table
        + " ["
        + label
        + "] partition "
        + partition
        + " keys "
        + range()
        + ", rows "
        + rowIds
        + ": "
        + message;
  }
}
