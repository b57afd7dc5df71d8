package io.github.themis4j.jpa.engine;

/**
 * One key range {@code (lo, hi]} of a walk, and its cursor: the last key done. Durable partitions
 * have a {@link #cursorKey} (their row in the cursor table); in-memory ones do not. Mutable, owned
 * by the worker processing it.
 */
final class Partition {
  final Walk walk;
  final int no;
  final Object lo;
  final Object hi;
  final String cursorKey;
  Object cursor;
  long rowsDone;
  boolean finished;

  Partition(Walk walk, int no, Object lo, Object hi, String cursorKey) {
    this.walk = walk;
    this.no = no;
    this.lo = lo;
    this.hi = hi;
    this.cursorKey = cursorKey;
    this.cursor = lo;
  }

  PartitionFailure failure(String message, java.util.List<String> rowIds) {
    return new PartitionFailure(
        walk.pass.name(),
        walk.table.table().name(),
        walk.table.label(),
        no,
        Ids.toText(lo),
        Ids.toText(hi),
        rowIds,
        message);
  }
}
