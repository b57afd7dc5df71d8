package io.github.themis4j.jpa.migration;

import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.TableReport;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link LegacyMigration} run did and what remains, per {@code Entity.attribute}: values
 * rewritten by this run, values still legacy (plaintext or foreign cells) after it, values that
 * could not be read, and the rows left to concurrent writers. Never contains values.
 */
public final class MigrationReport {
  private final JobReport job;
  private final Map<String, Map<String, Long>> written = new TreeMap<>();
  private final Map<String, Map<String, Long>> census = new TreeMap<>();
  private final Map<String, Long> unreadable = new TreeMap<>();

  MigrationReport(JobReport job, String pass) {
    this.job = job;
    for (TableReport t : job.tables()) {
      Map<String, Map<String, Long>> into =
          t.pass().equals(LegacyCensusPass.NAME) ? census : pass != null && t.pass().equals(pass) ? written : null;
      if (into == null) {
        continue;
      }
      t.counters().forEach((subject, counts) -> counts.forEach((k, v) -> into.computeIfAbsent(subject, s -> new TreeMap<>()).merge(k, v, Long::sum)));
      if (into == written) {
        t.failures().forEach((subject, reasons) -> reasons.values().forEach(v -> unreadable.merge(subject, v, Long::sum)));
      }
    }
  }

  /** The engine's report of the run (both passes). */
  public JobReport job() {
    return job;
  }

  /** The {@code Entity.attribute} names covered. */
  public java.util.Set<String> attributes() {
    TreeMap<String, Boolean> all = new TreeMap<>();
    census.keySet().forEach(k -> all.put(k, true));
    written.keySet().forEach(k -> all.put(k, true));
    unreadable.keySet().forEach(k -> all.put(k, true));
    return new TreeSet<>(all.keySet());
  }

  /** Values of {@code attribute} still plaintext or foreign cells after the run. */
  public long remaining(String attribute) {
    return count(census, attribute, "plaintext") + count(census, attribute, "foreign");
  }

  /** Legacy values over every attribute after the run. */
  public long remaining() {
    long n = 0;
    for (String a : attributes()) {
      n += remaining(a);
    }
    return n;
  }

  /** Values of {@code attribute} that are themis4j values after the run. */
  public long encrypted(String attribute) {
    return count(census, attribute, "envelope");
  }

  /** Values of {@code attribute} this run rewrote ({@code counter}: e.g. plaintext-encrypted). */
  public long written(String attribute, String counter) {
    return count(written, attribute, counter);
  }

  /** Values of {@code attribute} the run could not read (left as they are). */
  public long unreadable(String attribute) {
    return unreadable.getOrDefault(attribute, 0L);
  }

  /** The run finished every walk, nothing is left legacy and nothing was unreadable. */
  public boolean isComplete() {
    return job.isComplete() && remaining() == 0 && unreadable.isEmpty();
  }

  private static long count(Map<String, Map<String, Long>> m, String subject, String counter) {
    Map<String, Long> c = m.get(subject);
    return c == null ? 0 : c.getOrDefault(counter, 0L);
  }

  /** One line per attribute. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    for (String a : attributes()) {
      b.append(a)
          .append(": ")
          .append(encrypted(a))
          .append(" encrypted, ")
          .append(remaining(a))
          .append(" remaining (plaintext ")
          .append(count(census, a, "plaintext"))
          .append(", foreign ")
          .append(count(census, a, "foreign"))
          .append("), rewritten now ")
          .append(written.getOrDefault(a, Map.of()))
          .append(", unreadable ")
          .append(unreadable(a))
          .append('\n');
    }
    return b.append(job.isComplete() ? "complete run" : "INCOMPLETE run").toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
