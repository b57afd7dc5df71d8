package io.github.themis4j.jpa.rotation;

/**
 * A snapshot of one pass of a {@link KeyRotationJob} run over one table. Immutable.
 *
 * <p>There are two kinds of passes. A {@linkplain Kind#RECORDED_KEY recorded-key} pass covers every
 * Seal and Token Protect attribute stored in a table: their values record the id of their key, so
 * the pass is stateless and starts from the first row on every run. A {@linkplain
 * Kind#CONTEXT_IMPRINT Context Imprint} pass covers one Context Imprint attribute, whose values
 * record nothing: it resumes from the progress the previous runs committed.
 */
public final class RotationProgress {
  /** What a pass re-encrypts. */
  public enum Kind {
    /** Seal and Token Protect values, which record their key id: stateless. */
    RECORDED_KEY,
    /** One Context Imprint attribute, from an old to a new key named explicitly: resumable. */
    CONTEXT_IMPRINT
  }

  private final Kind kind;
  private final String entity;
  private final String table;
  private final String attribute;
  private final long rowsDone;
  private final long rowsToDo;
  private final long valuesRotated;
  private final boolean finished;
  private final double rowsPerSecond;
  private final java.time.Duration eta;

  RotationProgress(
      Kind kind,
      String entity,
      String table,
      String attribute,
      long rowsDone,
      long rowsToDo,
      long valuesRotated,
      boolean finished) {
    this(kind, entity, table, attribute, rowsDone, rowsToDo, valuesRotated, finished, 0, null);
  }

  RotationProgress(
      Kind kind,
      String entity,
      String table,
      String attribute,
      long rowsDone,
      long rowsToDo,
      long valuesRotated,
      boolean finished,
      double rowsPerSecond,
      java.time.Duration eta) {
    this.rowsPerSecond = rowsPerSecond;
    this.eta = eta;
    this.kind = kind;
    this.entity = entity;
    this.table = table;
    this.attribute = attribute;
    this.rowsDone = rowsDone;
    this.rowsToDo = rowsToDo;
    this.valuesRotated = valuesRotated;
    this.finished = finished;
  }

  public Kind kind() {
    return kind;
  }

  /** The entity name (the root entity when several entities share the table). */
  public String entity() {
    return entity;
  }

  /** The table, as rendered in SQL. */
  public String table() {
    return table;
  }

  /**
   * The Context Imprint attribute of a {@link Kind#CONTEXT_IMPRINT} pass, else null (all of the
   * table).
   */
  public String attribute() {
    return attribute;
  }

  /**
   * Rows of the table done. For a Context Imprint pass this includes the rows done by earlier runs,
   * so a resumed run starts where the killed one stopped.
   */
  public long rowsDone() {
    return rowsDone;
  }

  /**
   * Rows to do: the table's row count when the pass started (plus, for a resumed Context Imprint
   * pass, nothing: its done rows are part of the count). Rows inserted during the run may make
   * {@link #rowsDone()} exceed it.
   */
  public long rowsToDo() {
    return rowsToDo;
  }

  /** Rows per second of this run so far (0 before the first batch). */
  public double rowsPerSecond() {
    return rowsPerSecond;
  }

  /** The estimated time left at the current rate ({@code Duration.ZERO} when finished), or null. */
  public java.time.Duration eta() {
    return eta;
  }

  /** Rows re-encrypted by this pass in this run (a row counts once, whatever its columns). */
  public long valuesRotated() {
    return valuesRotated;
  }

  /** Whether the pass has reached the end of the table. */
  public boolean finished() {
    return finished;
  }

  /** {@code rowsDone / rowsToDo}, from 0 to 1 (1 when the table is empty or the pass finished). */
  public double fraction() {
    if (finished || rowsToDo <= 0) {
      return 1.0;
    }
    return Math.min(1.0, (double) rowsDone / rowsToDo);
  }

  @Override
  public String toString() {
    return entity
        + (attribute == null ? "" : "." + attribute)
        + " ("
        + table
        + "): "
        + rowsDone
        + "/"
        + rowsToDo
        + " rows, "
        + valuesRotated
        + " values re-encrypted"
        + (finished ? ", finished" : "");
  }
}
