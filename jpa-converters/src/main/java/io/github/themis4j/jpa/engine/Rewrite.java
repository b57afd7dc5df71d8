package io.github.themis4j.jpa.engine;

import io.github.themis4j.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Pass} wants written to one row: new values for some of the columns it declared. The
 * engine writes them with one compare-and-set update ({@code update t set c1 = ?, ... where id = ?
 * and c1 = ? and c2 is null ...}, every declared column compared with the value the pass saw): if
 * the application changed the row meanwhile, nothing is written, the row is read again with a
 * locking read and handed to the pass again (up to three times; then it is counted as a conflict
 * and left alone). Counters to add when the write succeeds or finally conflicts are part of the
 * rewrite. Immutable.
 */
public final class Rewrite {
  private final Map<String, Object> values;
  private final List<String[]> ifWritten;
  private final List<String[]> ifConflict;

  private Rewrite(Builder b) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
    this.ifWritten = List.copyOf(b.ifWritten);
    this.ifConflict = List.copyOf(b.ifConflict);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A rewrite of one column. */
  public static Rewrite of(String column, Object value) {
    return builder().set(column, value).build();
  }

  /** The new value of each column to write (a value may be null: the column is set to null). */
  public Map<String, Object> values() {
    return values;
  }

  List<String[]> ifWritten() {
    return ifWritten;
  }

  List<String[]> ifConflict() {
    return ifConflict;
  }

  @Override
  public String toString() {
    return "Rewrite" + values.keySet(); // never values
  }

  /** Builds a {@link Rewrite}. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String[]> ifWritten = new ArrayList<>();
    private final List<String[]> ifConflict = new ArrayList<>();

    private Builder() {}

    /** Writes {@code value} ({@code byte[]}, {@code String}, ... or null) to a declared column. */
    public Builder set(String column, Object value) {
      if (column == null || values.containsKey(column)) {
        throw new InvalidArgumentException("column " + column + " is null or set twice");
      }
      values.put(column, value);
      return this;
    }

    /** Adds 1 to {@code counter} of {@code subject} if the row is written. */
    public Builder ifWritten(String subject, String counter) {
      ifWritten.add(new String[] {subject, counter});
      return this;
    }

    /** Adds 1 to {@code counter} of {@code subject} if the row kept changing and was left alone. */
    public Builder ifConflict(String subject, String counter) {
      ifConflict.add(new String[] {subject, counter});
      return this;
    }

    public Rewrite build() {
      if (values.isEmpty()) {
        throw new InvalidArgumentException("a rewrite writes at least one column");
      }
      return new Rewrite(this);
    }
  }
}
