package io.github.themis4j.spring.rotation;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributes;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import jakarta.persistence.EntityManagerFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * One {@link KeyRotationJob} per persistence unit: every {@link EntityManagerFactory} bean of the
 * application, named by its bean name. Rotation is complete only when every unit's last run is
 * complete and no unit is {@linkplain #notCovered() left uncovered} (an entity manager factory that
 * is not Hibernate's, whose stored values no job can reach).
 *
 * <p>A unit without {@code @Encrypted} attributes gets a job too (its runs find nothing to do).
 * Units of which {@code themis4j.rotation.entities} names no entity are {@linkplain #skipped()
 * skipped} on purpose and do not affect completeness. Thread-safe; each unit's job runs one run at
 * a time.
 */
public final class KeyRotationJobs {
  private final Map<String, KeyRotationJob> jobs;
  private final Map<String, String> notCovered;
  private final Map<String, String> skipped;

  private KeyRotationJobs(
      Map<String, KeyRotationJob> jobs, Map<String, String> notCovered, Map<String, String> skipped) {
    this.jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    this.notCovered = Collections.unmodifiableMap(new LinkedHashMap<>(notCovered));
    this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /**
   * Builds a job for every Hibernate unit.
   *
   * @param units entity manager factories by bean name
   * @param entities JPA entity names to restrict the jobs to (empty: all); each must belong to a
   *     unit
   * @param builder makes a unit's job from its session factory, its name and the entities of it to
   *     restrict to (empty: all)
   * @throws InvalidArgumentException if an entity of {@code entities} has no encrypted attributes
   *     in any unit
   */
  static KeyRotationJobs of(
      Map<String, EntityManagerFactory> units,
      List<String> entities,
      BiFunction<SessionFactory, UnitSelection, KeyRotationJob> builder) {
    Map<String, KeyRotationJob> jobs = new LinkedHashMap<>();
    Map<String, String> notCovered = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Set<String> wanted = new LinkedHashSet<>(entities);
    Set<String> found = new TreeSet<>();
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, EntityManagerFactory> unit : units.entrySet()) {
      SessionFactory sessionFactory;
      try {
        sessionFactory = unit.getValue().unwrap(SessionFactory.class);
      } catch (RuntimeException e) {
        notCovered.put(unit.getKey(), "not a Hibernate entity manager factory ("
            + unit.getValue().getClass().getName() + "): its @Encrypted values cannot be rotated by themis4j");
        continue;
      }
      List<EncryptedAttribute> attributes = EncryptedAttributes.of(sessionFactory);
      Set<String> unitEntities = new TreeSet<>();
      attributes.forEach(a -> unitEntities.add(a.entityName()));
      known.addAll(unitEntities);
      Set<String> selected = new LinkedHashSet<>();
      for (String e : wanted) {
        if (unitEntities.contains(e)) {
          selected.add(e);
        }
      }
      found.addAll(selected);
      if (!wanted.isEmpty() && selected.isEmpty()) {
        skipped.put(unit.getKey(), "themis4j.rotation.entities names none of its entities " + unitEntities);
        continue;
      }
      jobs.put(unit.getKey(), builder.apply(sessionFactory, new UnitSelection(unit.getKey(), List.copyOf(selected))));
    }
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new InvalidArgumentException("themis4j.rotation.entities names " + missing
          + ", which have no @Encrypted attributes in any persistence unit; entities that have: " + known);
    }
    return new KeyRotationJobs(jobs, notCovered, skipped);
  }

  /** A unit's name and the entities of it the job is restricted to (empty: all). */
  record UnitSelection(String unit, List<String> entities) {}

  /** The job of each covered unit, by entity manager factory bean name. */
  public Map<String, KeyRotationJob> jobs() {
    return jobs;
  }

  /** The job of a unit, if it is covered. */
  public Optional<KeyRotationJob> job(String unit) {
    return Optional.ofNullable(jobs.get(unit));
  }

  /** Units whose encrypted values no job reaches, with the reason; rotation is never complete then. */
  public Map<String, String> notCovered() {
    return notCovered;
  }

  /** Units left out on purpose (none of their entities selected), with the reason. */
  public Map<String, String> skipped() {
    return skipped;
  }

  /** Whether a job of any unit is running. */
  public boolean isRunning() {
    return jobs.values().stream().anyMatch(KeyRotationJob::isRunning);
  }

  /** Asks every running job to stop after its current batch. */
  public void cancel() {
    jobs.values().forEach(KeyRotationJob::cancel);
  }

  /**
   * Runs every unit's job in turn. A unit whose run throws does not keep the others from running;
   * the first such exception is thrown at the end (the other units' reports are then in their
   * jobs' {@link KeyRotationJob#lastReport()}).
   */
  public Map<String, RotationReport> run() {
    Map<String, RotationReport> reports = new LinkedHashMap<>();
    RuntimeException first = null;
    for (Map.Entry<String, KeyRotationJob> e : jobs.entrySet()) {
      try {
        reports.put(e.getKey(), e.getValue().run());
      } catch (RuntimeException x) {
        if (first == null) {
          first = x;
        } else {
          first.addSuppressed(x);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return reports;
  }

  /** Every unit's inventory (see {@link KeyRotationJob#inventory()}). */
  public Map<String, RotationReport> inventory() {
    Map<String, RotationReport> reports = new LinkedHashMap<>();
    jobs.forEach((unit, job) -> reports.put(unit, job.inventory()));
    return reports;
  }

  /**
   * Whether these reports (one per covered unit) prove the rotation complete: every covered unit
   * reported, every report complete, and no unit left uncovered.
   */
  public boolean isComplete(Map<String, RotationReport> reports) {
    if (!notCovered.isEmpty() || !reports.keySet().containsAll(jobs.keySet())) {
      return false;
    }
    return reports.values().stream().allMatch(RotationReport::isComplete);
  }

  /** The last report of every covered unit, or empty if some unit has none yet. */
  public Optional<Map<String, RotationReport>> lastReports() {
    Map<String, RotationReport> reports = new LinkedHashMap<>();
    for (Map.Entry<String, KeyRotationJob> e : jobs.entrySet()) {
      @Nullable RotationReport r = e.getValue().lastReport().orElse(null);
      if (r == null) {
        return Optional.empty();
      }
      reports.put(e.getKey(), r);
    }
    return Optional.of(reports);
  }

  /** Why the rotation is not known to be complete, for messages; empty if it is. */
  public String incompleteReason(Map<String, RotationReport> reports) {
    StringBuilder b = new StringBuilder();
    notCovered.forEach((unit, why) -> b.append("persistence unit '").append(unit).append("' not covered: ")
        .append(why).append("; "));
    for (String unit : jobs.keySet()) {
      RotationReport r = reports.get(unit);
      if (r == null) {
        b.append("persistence unit '").append(unit).append("' has no report; ");
      } else if (!r.isComplete()) {
        b.append("persistence unit '").append(unit).append("': old keys still needed ")
            .append(r.oldKeysStillNeeded()).append(", ").append(r.failures()).append(" unreadable values; ");
      }
    }
    return b.length() == 0 ? "" : b.substring(0, b.length() - 2);
  }

  @Override
  public String toString() {
    return "KeyRotationJobs" + jobs.keySet() + (notCovered.isEmpty() ? "" : ", not covered " + notCovered.keySet());
  }
}
