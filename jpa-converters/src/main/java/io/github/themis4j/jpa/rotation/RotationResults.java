package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.engine.Ids;
import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.PartitionFailure;
import io.github.themis4j.jpa.engine.PartitionRef;
import io.github.themis4j.jpa.engine.TableRef;
import io.github.themis4j.jpa.engine.TableReport;
import io.github.themis4j.jpa.rotation.RotationPlan.ColumnPlan;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import io.github.themis4j.jpa.rotation.RotationPlan.TableGroup;
import io.github.themis4j.jpa.rotation.RotationPlan.Unrotated;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.jpa.rotation.RotationReport.Status;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.query.NativeQuery;

/** Builds the {@link RotationReport} entries of a run from the engine's reports and cursors. */
final class RotationResults {
  private final SessionFactory factory;
  private final EncryptedValueCodec codec;

  RotationResults(SessionFactory factory, EncryptedValueCodec codec) {
    this.factory = factory;
    this.codec = codec;
  }

  /** The engine's report of each walk of {@code pass}, by the walk's attachment. */
  static Map<Object, TableReport> byAttachment(JobReport report, String pass) {
    Map<Object, TableReport> out = new IdentityHashMap<>();
    if (report != null) {
      report.tables(pass).forEach(t -> out.put(t.walk().attachment(), t));
    }
    return out;
  }

  AttributeResult recorded(
      ColumnPlan c, TableReport run, TableReport census, boolean rotate, boolean cancelled) {
    EncryptedAttribute a = c.attribute;
    String s = c.column;
    Map<String, Long> byKey = new TreeMap<>();
    TableReport counts = census != null ? census : run;
    if (counts != null) {
      counts
          .counters()
          .getOrDefault(s, Map.of())
          .forEach(
              (k, n) -> {
                if (k.startsWith("key:") && n > 0) {
                  byKey.put(k.substring(4), n);
                }
              });
    }
    Map<String, Long> failures =
        new TreeMap<>(run == null ? Map.of() : run.failures().getOrDefault(s, Map.of()));
    if (!rotate && census != null && census.counter(s, "malformed") > 0) {
      failures.put(EncryptionObserver.MALFORMED, census.counter(s, "malformed"));
    }
    List<String> failedIds = run == null ? List.of() : run.failedIds().getOrDefault(s, List.of());
    Set<String> old = new TreeSet<>();
    byKey.forEach(
        (k, n) -> {
          if (!k.equals(c.targetKeyId)) {
            old.add(k);
          }
        });
    List<String> notes = new ArrayList<>();
    if (!old.isEmpty()) {
      long n =
          byKey.entrySet().stream()
              .filter(e -> old.contains(e.getKey()))
              .mapToLong(Map.Entry::getValue)
              .sum();
      notes.add(n + " values still under " + old + (rotate ? "" : ": run the rotation"));
    }
    boolean verified = census != null;
    if (!verified) {
      // the rows not reached may hold values under any key of the ring: never claim less
      Set<String> possible = new TreeSet<>(codec.keyRingProvider().keyRing(a.keyRing()).keyIds());
      possible.remove(c.targetKeyId);
      old.addAll(possible);
      notes.add(
          "not verified"
              + (cancelled ? " (run cancelled)" : "")
              + ": values may still need "
              + possible
              + "; run again, or run inventory() to count");
    }
    long failed = failures.values().stream().mapToLong(Long::longValue).sum();
    if (failed > 0) {
      notes.add(failed + " values could not be read " + failures + ", rows " + failedIds);
    }
    long conflicts = run == null ? 0 : run.counter(s, "conflicts");
    if (conflicts > 0) {
      notes.add(conflicts + " values kept changing during the run");
    }
    List<PartitionFailure> bad = run == null ? List.of() : run.failedPartitions();
    if (!bad.isEmpty()) {
      notes.add("failed partitions " + bad);
    }
    if (cancelled && verified) {
      notes.add("run cancelled");
    }
    Status status =
        !cancelled && verified && old.isEmpty() && failed == 0 && bad.isEmpty()
            ? Status.DONE
            : Status.INCOMPLETE;
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        a.table(),
        c.column,
        a.mode(),
        a.keyRing(),
        c.targetKeyId,
        status,
        String.join("; ", notes),
        run == null ? 0 : run.counter(s, "rows"),
        run == null ? 0 : run.counter(s, "rotated"),
        run == null ? 0 : run.counter(s, "current"),
        conflicts,
        failures,
        failedIds,
        byKey,
        old);
  }

  AttributeResult imprint(
      ImprintTask t, TableReport run, List<PartitionRef> partitions, boolean cancelled) {
    EncryptedAttribute a = t.attribute;
    long under = 0;
    long left = 0;
    boolean finished = !partitions.isEmpty();
    for (PartitionRef p : partitions) {
      if (p.finished()) {
        under += count(t.table, t.column, p.lo(), p.hi());
      } else {
        finished = false;
        if (p.last() != null && !p.last().equals(p.lo())) {
          under += count(t.table, t.column, p.lo(), p.last());
        }
        left += count(t.table, t.column, p.last() != null ? p.last() : p.lo(), p.hi());
      }
    }
    if (partitions.isEmpty()) {
      left = count(t.table, t.column, null, null);
    }
    Map<String, Long> byKey = new TreeMap<>();
    if (under > 0) {
      byKey.put(t.toKeyId, under);
    }
    if (left > 0) {
      byKey.put(t.fromKeyId, left);
    }
    Set<String> old = new TreeSet<>();
    List<String> notes = new ArrayList<>();
    List<PartitionFailure> bad = run == null ? List.of() : run.failedPartitions();
    if (!finished) {
      old.add(t.fromKeyId);
      notes.add(
          cancelled ? "run cancelled; run again to resume" : "not finished; run again to resume");
      if (!bad.isEmpty()) {
        notes.add("failed partitions " + bad);
      }
    } else {
      String readKey = readKeyId(a);
      if (!readKey.equals(t.toKeyId)) {
        old.add(readKey);
        notes.add(
            "all values are under '"
                + t.toKeyId
                + "' but reads use '"
                + readKey
                + "': "
                + (a.keyId() != null
                    ? "change @Encrypted(keyId) of "
                        + a.entityName()
                        + "."
                        + a.attributeName()
                        + " to '"
                        + t.toKeyId
                        + "'"
                    : "make '" + t.toKeyId + "' the active key of ring '" + a.keyRing() + "'")
                + " and restart the application");
      }
    }
    String s = t.column;
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        a.table(),
        t.column,
        a.mode(),
        a.keyRing(),
        t.toKeyId,
        finished ? Status.DONE : Status.INCOMPLETE,
        String.join("; ", notes),
        run == null ? 0 : run.counter(s, "rows"),
        run == null ? 0 : run.counter(s, "rotated"),
        run == null ? 0 : run.counter(s, "current"),
        0,
        Map.of(),
        List.of(),
        byKey,
        old);
  }

  AttributeResult unrotated(Unrotated u) {
    EncryptedAttribute a = u.attribute;
    Map<String, Long> byKey = new TreeMap<>();
    Set<String> old = new TreeSet<>();
    if (u.status == Status.NOT_CONFIGURED) {
      String readKey = readKeyId(a);
      long n = count(u.table, u.column, null, null);
      if (n > 0) {
        byKey.put(readKey, n);
        if (!readKey.equals(codec.keyRingProvider().keyRing(a.keyRing()).activeKeyId())) {
          old.add(readKey);
        }
      }
    }
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        a.table(),
        u.column,
        a.mode(),
        a.keyRing(),
        null,
        u.status,
        u.note,
        0,
        0,
        0,
        0,
        Map.of(),
        List.of(),
        byKey,
        old);
  }

  private String readKeyId(EncryptedAttribute a) {
    return a.keyId() != null
        ? a.keyId()
        : codec.keyRingProvider().keyRing(a.keyRing()).activeKeyId();
  }

  /** {@code count(column)} of the rows with keys in {@code (lo, hi]} (text bounds, null: open). */
  private long count(TableRef t, String column, String lo, String hi) {
    Object from = Ids.fromText(lo, t.idType());
    Object to = Ids.fromText(hi, t.idType());
    StringBuilder sql =
        new StringBuilder("select count(").append(column).append(") as r_n from ").append(t.name());
    if (from != null) {
      sql.append(" where ").append(t.keyColumn()).append(" > :lo");
    }
    if (to != null) {
      sql.append(from == null ? " where " : " and ").append(t.keyColumn()).append(" <= :hi");
    }
    try (StatelessSession s = factory.openStatelessSession()) {
      NativeQuery<Long> q =
          s.createNativeQuery(sql.toString(), Long.class).addScalar("r_n", Long.class);
      if (from != null) {
        q.setParameter("lo", from);
      }
      if (to != null) {
        q.setParameter("hi", to);
      }
      return q.getSingleResult();
    }
  }

  static List<TableGroup> groups(RotationPlan plan) {
    return plan.tables;
  }
}
