package io.github.themis4j.jpa.engine;

/**
 * A recorded partition of a walk, as the cursor table holds it: what a distributed runner (a Spring
 * Batch partition step) hands to a worker, and what a status page shows. Key bounds and cursor are
 * in their text form. Immutable.
 */
public final class PartitionRef {
  private final String pass;
  private final String planKey;
  private final String cursorKey;
  private final String table;
  private final String label;
  private final int partition;
  private final int partitions;
  private final String lo;
  private final String hi;
  private final String last;
  private final long rowsDone;
  private final boolean finished;

  PartitionRef(Walk w, CursorStore.State st) {
    this.pass = w.pass.name();
    this.planKey = w.planKey;
    this.cursorKey = st.cursorKey;
    this.table = w.table.table().name();
    this.label = w.table.label();
    this.partition = st.partNo;
    this.partitions = st.parts;
    this.lo = st.lo;
    this.hi = st.hi;
    this.last = st.last;
    this.rowsDone = st.rowsDone;
    this.finished = st.finished;
  }

  public String pass() {
    return pass;
  }

  /** The walk's plan key (SHA-256 hex of its fingerprint). */
  public String planKey() {
    return planKey;
  }

  /** The partition's row in the cursor table. */
  public String cursorKey() {
    return cursorKey;
  }

  public String table() {
    return table;
  }

  public String label() {
    return label;
  }

  public int partition() {
    return partition;
  }

  public int partitions() {
    return partitions;
  }

  /** Exclusive lower key bound, or null. */
  public String lo() {
    return lo;
  }

  /** Inclusive upper key bound, or null. */
  public String hi() {
    return hi;
  }

  /** The last key done, or null if none yet. */
  public String last() {
    return last;
  }

  public long rowsDone() {
    return rowsDone;
  }

  public boolean finished() {
    return finished;
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
        + "/"
        + partitions
        + " ("
        + lo
        + ", "
        + hi
        + "] at "
        + last
        + ", "
        + rowsDone
        + " rows"
        + (finished ? ", finished" : "");
  }
}
