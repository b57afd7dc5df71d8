package io.github.themis4j.jpa.engine;

import io.github.themis4j.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One walk of a pass over one table: the table, the columns each row is read with (every one of
 * them is compared in the compare-and-set update; a pass may write any of them), an optional SQL
 * filter, a label for progress and reports, and a fingerprint that identifies the walk's durable
 * cursors. Immutable; build with {@link #builder(TableRef)}.
 *
 * <p>The fingerprint (the pass name, the table, the columns and whatever the pass adds with {@link
 * Builder#fingerprint(String...)}, for example the keys of a rotation) decides which cursor rows a
 * run resumes: change any of them and the walk starts afresh. A {@link Resumption#ONCE} pass must
 * therefore put everything that makes two walks different (such as the old and the new key) in it.
 */
public final class PassTable {
  private final TableRef table;
  private final List<PassColumn> columns;
  private final String filter;
  private final String label;
  private final List<String> fingerprint;
  private final Object attachment;
  final String legacyLast;
  final long legacyRowsDone;
  final boolean legacyFinished;
  final boolean hasLegacy;

  private PassTable(Builder b) {
    this.legacyLast = b.legacyLast;
    this.legacyRowsDone = b.legacyRowsDone;
    this.legacyFinished = b.legacyFinished;
    this.hasLegacy = b.hasLegacy;
    this.table = b.table;
    this.columns = List.copyOf(b.columns);
    this.filter = b.filter;
    this.label = b.label;
    this.fingerprint = List.copyOf(b.fingerprint);
    this.attachment = b.attachment;
  }

  public static Builder builder(TableRef table) {
    return new Builder(table);
  }

  public TableRef table() {
    return table;
  }

  /** The columns each row is read with, in order (the key column is not among them). */
  public List<PassColumn> columns() {
    return columns;
  }

  /** The column named {@code name}, or null. */
  public PassColumn column(String name) {
    for (PassColumn c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** An SQL condition rows must meet ({@code legacy_col is not null}), or null for every row. */
  public String filter() {
    return filter;
  }

  /** A short label for progress and reports ({@code "*"}, an attribute name...). */
  public String label() {
    return label;
  }

  /** What the pass added to identify the walk's cursors. */
  public List<String> fingerprint() {
    return fingerprint;
  }

  /** Whatever the pass attached (its own plan of the table), or null. */
  public Object attachment() {
    return attachment;
  }

  @Override
  public String toString() {
    return table.name() + columns + (filter == null ? "" : " where " + filter) + " [" + label + "]";
  }

  /** Builds a {@link PassTable}. */
  public static final class Builder {
    private final TableRef table;
    private final Set<String> names = new LinkedHashSet<>();
    private final List<PassColumn> columns = new ArrayList<>();
    private final List<String> fingerprint = new ArrayList<>();
    private String filter;
    private String label = "*";
    private Object attachment;
    private String legacyLast;
    private long legacyRowsDone;
    private boolean legacyFinished;
    private boolean hasLegacy;

    private Builder(TableRef table) {
      if (table == null) {
        throw new InvalidArgumentException("table must not be null");
      }
      this.table = table;
    }

    /** Reads (and compares) {@code column}; the pass may write it. */
    public Builder column(PassColumn column) {
      if (column == null) {
        throw new InvalidArgumentException("column must not be null");
      }
      if (column.name().equalsIgnoreCase(table.keyColumn())) {
        throw new InvalidArgumentException(
            "the key column " + column.name() + " cannot be rewritten");
      }
      if (!names.add(column.name().toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidArgumentException("column " + column.name() + " is declared twice");
      }
      columns.add(column);
      return this;
    }

    /**
     * Walks only the rows meeting this SQL condition (written by the pass, never from user input).
     */
    public Builder filter(String sqlCondition) {
      if (sqlCondition == null || sqlCondition.isBlank() || sqlCondition.contains(";")) {
        throw new InvalidArgumentException("filter must be a single SQL condition");
      }
      this.filter = sqlCondition;
      return this;
    }

    public Builder label(String label) {
      if (label == null || label.isEmpty()) {
        throw new InvalidArgumentException("label must not be empty");
      }
      this.label = label;
      return this;
    }

    /** Adds strings identifying this walk (never secrets: they are hashed, but also logged). */
    public Builder fingerprint(String... parts) {
      for (String p : parts) {
        if (p == null) {
          throw new InvalidArgumentException("fingerprint parts must not be null");
        }
        fingerprint.add(p);
      }
      return this;
    }

    /** Attaches the pass's own object (handed back with every row). */
    public Builder attachment(Object attachment) {
      this.attachment = attachment;
      return this;
    }

    /**
     * A cursor recorded elsewhere (an older progress table), used only when the walk has no
     * recorded plan yet: the walk then starts as one partition after {@code lastId} (its text form,
     * null for the start), with {@code rowsDone} rows done, finished or not.
     */
    public Builder legacyCursor(String lastId, long rowsDone, boolean finished) {
      this.legacyLast = lastId;
      this.legacyRowsDone = rowsDone;
      this.legacyFinished = finished;
      this.hasLegacy = true;
      return this;
    }

    public PassTable build() {
      if (columns.isEmpty()) {
        throw new InvalidArgumentException("a pass table reads at least one column");
      }
      return new PassTable(this);
    }
  }
}
