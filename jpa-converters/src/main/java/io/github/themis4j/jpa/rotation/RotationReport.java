package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.CellMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link KeyRotationJob} run did and, above all, which keys the stored values still need: an
 * old key can be removed from its ring once {@link #canRetire} says so. Immutable and thread-safe.
 * Contains names, counts and identifiers, never values or key material.
 *
 * <p>Key counts come from a read-only pass over every table after the rotation (unless the job was
 * built with {@code verify(false)}): Seal and Token Protect values are counted by the key id they
 * record, so a value written meanwhile under an old key (for example by an application instance
 * that has not picked up the new active key yet) shows up here. Context Imprint values record no
 * key: they are counted from the job's committed progress (rows done under the new key, the rest
 * under the old one), or, for an attribute no keys were named for, under the key reads use now.
 */
public final class RotationReport {
  /** The outcome for one attribute. */
  public enum Status {
    /** Every value of the attribute is under its target key. */
    DONE,
    /**
     * Some values are still under another key: the run was cancelled, a value could not be
     * decrypted, a row kept changing under the job, or writers still use an old key. Run again.
     */
    INCOMPLETE,
    /** A Context Imprint attribute for which no old and new key were named: not rotated. */
    NOT_CONFIGURED,
    /** The attribute cannot be rotated by this job (see {@link AttributeResult#note()}). */
    SKIPPED,
    /**
     * The attribute's key ring was crypto-shredded ({@link
     * io.github.themis4j.keyring.envelope.KeyShreddedException}): its values are unreadable for
     * good and there is nothing to rotate; counts as finished.
     */
    SHREDDED
  }

  private final List<AttributeResult> attributes;
  private final boolean cancelled;
  private final boolean verified;
  private final Instant started;
  private final Duration duration;

  RotationReport(
      List<AttributeResult> attributes,
      boolean cancelled,
      boolean verified,
      Instant started,
      Duration duration) {
    this.attributes = List.copyOf(attributes);
    this.cancelled = cancelled;
    this.verified = verified;
    this.started = started;
    this.duration = duration;
  }

  /** One entry per encrypted attribute (per table and column). */
  public List<AttributeResult> attributes() {
    return attributes;
  }

  /** Whether the run was cancelled before the end. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Whether the key counts come from a verification pass after the rotation. */
  public boolean verified() {
    return verified;
  }

  public Instant started() {
    return started;
  }

  public Duration duration() {
    return duration;
  }

  /** Values re-encrypted in this run, over all attributes. */
  public long valuesRotated() {
    return attributes.stream().mapToLong(AttributeResult::valuesRotated).sum();
  }

  /**
   * Values that could not be read (unknown key, failed authentication, malformed), over all
   * attributes.
   */
  public long failures() {
    return attributes.stream().mapToLong(AttributeResult::failureCount).sum();
  }

  /** Whether every attribute is {@link Status#DONE} (or {@link Status#SHREDDED}) and the run was not cancelled. */
  public boolean isComplete() {
    return !cancelled && attributes.stream()
            .allMatch(a -> a.status() == Status.DONE || a.status() == Status.SHREDDED);
  }

  /** Stored values per key ring and key id (non-null values only), sorted by name. */
  public Map<String, Map<String, Long>> valuesByKey() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (AttributeResult a : attributes) {
      Map<String, Long> ring = out.computeIfAbsent(a.keyRing(), r -> new TreeMap<>());
      a.valuesByKeyId().forEach((k, n) -> ring.merge(k, n, Long::sum));
    }
    out.replaceAll((r, m) -> Collections.unmodifiableMap(m));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The keys still needed to read stored values, per ring, other than the keys the values are being
   * rotated to: empty when the rotation is complete. An attribute not rotated (a Context Imprint
   * attribute without named keys, a skipped attribute) keeps its key here.
   */
  public Map<String, Set<String>> oldKeysStillNeeded() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (AttributeResult a : attributes) {
      for (String k : a.oldKeysStillNeeded()) {
        out.computeIfAbsent(a.keyRing(), r -> new TreeSet<>()).add(k);
      }
    }
    out.replaceAll((r, s) -> Collections.unmodifiableSet(s));
    return Collections.unmodifiableMap(out);
  }

  /** Whether any stored value still needs a key other than its target key. */
  public boolean anyOldKeyStillNeeded() {
    return !oldKeysStillNeeded().isEmpty();
  }

  /**
   * Whether key {@code keyId} of ring {@code keyRing} can be removed from the ring: no stored value
   * needs it, it is no attribute's target (the active key, or a pinned key), no Context Imprint
   * attribute still reads with it, and the run was complete. Decided from this report alone: run
   * the job (or {@link KeyRotationJob#inventory()}) again right before removing a key if
   * applications wrote in between.
   */
  public boolean canRetire(String keyRing, String keyId) {
    if (cancelled) {
      return false;
    }
    for (AttributeResult a : attributes) {
      if (!a.keyRing().equals(keyRing)) {
        continue;
      }
      if (a.status() == Status.SKIPPED && a.failureCount() == 0 && a.valuesByKeyId().isEmpty()) {
        return false; // not inspected at all
      }
      if (keyId.equals(a.targetKeyId())
          || a.valuesByKeyId().getOrDefault(keyId, 0L) > 0
          || a.oldKeysStillNeeded().contains(keyId)) {
        return false;
      }
    }
    return true;
  }

  /** A human-readable summary, one line per attribute, then the verdict on old keys. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("key rotation ")
        .append(cancelled ? "cancelled" : "finished")
        .append(" in ")
        .append(duration.toMillis())
        .append(" ms: ")
        .append(valuesRotated())
        .append(" values re-encrypted, ")
        .append(failures())
        .append(" unreadable\n");
    for (AttributeResult a : attributes) {
      b.append("  ").append(a).append('\n');
    }
    Map<String, Set<String>> old = oldKeysStillNeeded();
    if (old.isEmpty()) {
      b.append("no stored value needs an old key");
    } else {
      b.append("old keys still needed: ").append(old);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return summary();
  }

  /** The outcome for one encrypted attribute. Immutable. */
  public static final class AttributeResult {
    private final String entity;
    private final String attribute;
    private final String table;
    private final String column;
    private final CellMode mode;
    private final String keyRing;
    private final String targetKeyId;
    private final Status status;
    private final String note;
    private final long rowsScanned;
    private final long valuesRotated;
    private final long valuesCurrent;
    private final long conflicts;
    private final Map<String, Long> failures;
    private final List<String> failedIds;
    private final Map<String, Long> valuesByKeyId;
    private final Set<String> oldKeysStillNeeded;

    AttributeResult(
        String entity,
        String attribute,
        String table,
        String column,
        CellMode mode,
        String keyRing,
        String targetKeyId,
        Status status,
        String note,
        long rowsScanned,
        long valuesRotated,
        long valuesCurrent,
        long conflicts,
        Map<String, Long> failures,
        List<String> failedIds,
        Map<String, Long> valuesByKeyId,
        Set<String> oldKeysStillNeeded) {
      this.entity = entity;
      this.attribute = attribute;
      this.table = table;
      this.column = column;
      this.mode = mode;
      this.keyRing = keyRing;
      this.targetKeyId = targetKeyId;
      this.status = status;
      this.note = note;
      this.rowsScanned = rowsScanned;
      this.valuesRotated = valuesRotated;
      this.valuesCurrent = valuesCurrent;
      this.conflicts = conflicts;
      this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
      this.failedIds = List.copyOf(failedIds);
      this.valuesByKeyId = Collections.unmodifiableMap(new TreeMap<>(valuesByKeyId));
      this.oldKeysStillNeeded = Collections.unmodifiableSet(new TreeSet<>(oldKeysStillNeeded));
    }

    public String entity() {
      return entity;
    }

    public String attribute() {
      return attribute;
    }

    /** The table, as rendered in SQL. */
    public String table() {
      return table;
    }

    /** The column, as rendered in SQL. */
    public String column() {
      return column;
    }

    public CellMode mode() {
      return mode;
    }

    public String keyRing() {
      return keyRing;
    }

    /**
     * The key the values are rotated to: the attribute's pinned key, else its ring's active key
     * (Seal, Token Protect); the new key named for a Context Imprint attribute; null when not
     * rotated.
     */
    public String targetKeyId() {
      return targetKeyId;
    }

    public Status status() {
      return status;
    }

    /** Why the attribute is not {@link Status#DONE}, or advice (never null, may be empty). */
    public String note() {
      return note;
    }

    /** Rows scanned by this run's rotation pass (for Context Imprint: by this run only). */
    public long rowsScanned() {
      return rowsScanned;
    }

    /** Values re-encrypted by this run. */
    public long valuesRotated() {
      return valuesRotated;
    }

    /** Values this run found already under the target key. */
    public long valuesCurrent() {
      return valuesCurrent;
    }

    /**
     * Rows whose value kept changing between the job's read and its compare-and-set write, and that
     * this run left alone (an application write always wins; a later run picks them up).
     */
    public long conflicts() {
      return conflicts;
    }

    /**
     * Values that could not be read, by reason ({@code unknown-key}, {@code authentication}, {@code
     * malformed}).
     */
    public Map<String, Long> failures() {
      return failures;
    }

    public long failureCount() {
      return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Identifiers of (up to 20) rows whose value could not be read. */
    public List<String> failedIds() {
      return failedIds;
    }

    /** Non-null stored values per key id (see the class comment for how they are counted). */
    public Map<String, Long> valuesByKeyId() {
      return valuesByKeyId;
    }

    /** Key ids other than the target that values of this attribute still need. */
    public Set<String> oldKeysStillNeeded() {
      return oldKeysStillNeeded;
    }

    @Override
    public String toString() {
      Map<String, Object> parts = new LinkedHashMap<>();
      parts.put("rows", rowsScanned);
      parts.put("re-encrypted", valuesRotated);
      parts.put("already current", valuesCurrent);
      if (conflicts > 0) {
        parts.put("conflicts", conflicts);
      }
      if (!failures.isEmpty()) {
        parts.put("unreadable", failures);
      }
      parts.put("by key", valuesByKeyId);
      List<String> p = new ArrayList<>();
      parts.forEach((k, v) -> p.add(k + " " + v));
      return entity
          + "."
          + attribute
          + " ("
          + table
          + "."
          + column
          + ", "
          + mode
          + ", ring "
          + keyRing
          + (targetKeyId == null ? "" : ", target " + targetKeyId)
          + "): "
          + status
          + ", "
          + String.join(", ", p)
          + (note.isEmpty() ? "" : " - " + note);
    }
  }
}
