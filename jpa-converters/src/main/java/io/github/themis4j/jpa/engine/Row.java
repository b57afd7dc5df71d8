package io.github.themis4j.jpa.engine;

import io.github.themis4j.InvalidArgumentException;

/**
 * One row as a {@link Pass} sees it: the table, the row's identifier and the stored values of the
 * columns the pass declared (as JDBC returned them: {@code byte[]}, {@code String}..., or null).
 * Also where the pass counts what it found ({@link #count}, {@link #fail}): the counts of a row are
 * kept only for the attempt that ends the row (a row re-read after a conflict is counted once).
 *
 * <p>Confined to the worker thread processing the row, during the batch's transaction. Never log or
 * report its values.
 */
public final class Row {
  private final PassTable table;
  private final Object id;
  private final Object[] values;
  final Tally counts = new Tally();

  Row(PassTable table, Object id, Object[] values) {
    this.table = table;
    this.id = id;
    this.values = values;
  }

  /** The walk this row belongs to (table, columns, the pass's attachment). */
  public PassTable table() {
    return table;
  }

  /** The row's identifier (of {@link TableRef#idType()}). */
  public Object id() {
    return id;
  }

  /** The stored value of a declared column, or null. */
  public Object get(String column) {
    return values[index(column)];
  }

  /** The stored value of the {@code i}-th declared column, or null. */
  public Object get(int i) {
    return values[i];
  }

  int index(String column) {
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equals(column)) {
        return i;
      }
    }
    throw new InvalidArgumentException(
        "column " + column + " is not among the columns declared for " + table.table().name());
  }

  /** Adds 1 to counter {@code counter} of {@code subject} (a column, an attribute...). */
  public void count(String subject, String counter) {
    counts.add(subject, counter, 1);
  }

  /** Adds {@code n} to counter {@code counter} of {@code subject}. */
  public void count(String subject, String counter, long n) {
    counts.add(subject, counter, n);
  }

  /**
   * Records that the value of {@code subject} in this row could not be processed, for {@code
   * reason} (a short word such as {@code unknown-key}; never a value): counted per reason, with up
   * to 20 row ids per subject in the report. The row is not rewritten for it.
   */
  public void fail(String subject, String reason) {
    counts.fail(subject, reason, String.valueOf(id));
  }

  @Override
  public String toString() {
    return "Row[" + table.table().name() + " id " + id + "]"; // never values
  }
}
