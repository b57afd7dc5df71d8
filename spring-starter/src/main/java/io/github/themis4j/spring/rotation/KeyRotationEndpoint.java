package io.github.themis4j.spring.rotation;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.rotation.RotationProgress;
import io.github.themis4j.jpa.rotation.RotationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.core.task.TaskExecutor;

/**
 * The {@code keyrotation} Actuator endpoint over the {@link KeyRotationJobs} of every persistence
 * unit:
 *
 * <ul>
 *   <li>{@code GET /actuator/keyrotation}: whether a run is in progress, whether rotation is known
 *       to be complete over every unit, the units not covered, and per unit the progress of each
 *       pass and the last report (which keys stored values still need);
 *   <li>{@code POST /actuator/keyrotation}: starts a run of every unit in the background (at most
 *       one at a time);
 *   <li>{@code DELETE /actuator/keyrotation}: asks the run in progress to stop after its batch;
 *   <li>{@code GET /actuator/keyrotation/inventory}: counts the stored values per key id of every
 *       unit now, without changing anything.
 * </ul>
 *
 * <p>Access is {@link Access#READ_ONLY read-only} by default: {@code POST} and {@code DELETE} are
 * refused unless the application opts in with {@code
 * management.endpoint.keyrotation.access=unrestricted} (and then secures them as an administrative
 * operation). Like every Actuator endpoint it is exposed over HTTP only when listed in {@code
 * management.endpoints.web.exposure.include}. Responses hold names, counts, identifiers of
 * unreadable rows and key ids, never values or key material. Thread-safe.
 */
@Endpoint(id = "keyrotation", defaultAccess = Access.READ_ONLY)
public class KeyRotationEndpoint {
  private static final Logger LOG = Logger.getLogger(KeyRotationEndpoint.class.getName());

  private final KeyRotationJobs jobs;
  private final TaskExecutor executor;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile @Nullable String lastError;

  /**
   * @param jobs the jobs of every persistence unit
   * @param executor runs the jobs started by {@code POST} (for example Boot's {@code
   *     SimpleAsyncTaskExecutorBuilder}'s)
   */
  public KeyRotationEndpoint(KeyRotationJobs jobs, TaskExecutor executor) {
    this.jobs = jobs;
    this.executor = executor;
  }

  @ReadOperation
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("running", started.get() || jobs.isRunning());
    jobs.lastReports().ifPresent(r -> out.put("complete", jobs.isComplete(r)));
    out.put("notCovered", jobs.notCovered());
    out.put("skipped", jobs.skipped());
    Map<String, Object> units = new LinkedHashMap<>();
    jobs.jobs().forEach((name, job) -> {
      Map<String, Object> unit = new LinkedHashMap<>();
      unit.put("running", job.isRunning());
      List<Map<String, Object>> passes = new ArrayList<>();
      for (RotationProgress p : job.progress()) {
        passes.add(describe(p));
      }
      unit.put("progress", passes);
      job.lastReport().ifPresent(r -> unit.put("lastReport", describe(r)));
      units.put(name, unit);
    });
    out.put("units", units);
    if (lastError != null) {
      out.put("lastError", lastError);
    }
    return out;
  }

  /** Starts a run of every unit in the background, unless one is in progress. */
  @WriteOperation
  public synchronized Map<String, Object> start() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (jobs.isRunning() || !started.compareAndSet(false, true)) {
      out.put("started", false);
      out.put("reason", "a key rotation run is already in progress");
      return out;
    }
    lastError = null;
    try {
      executor.execute(
          () -> {
            try {
              jobs.run();
            } catch (RuntimeException e) {
              lastError = e.getMessage();
              LOG.log(Level.WARNING, "key rotation run started from the keyrotation endpoint failed", e);
            } finally {
              started.set(false);
            }
          });
    } catch (RuntimeException e) {
      started.set(false);
      throw e;
    }
    out.put("started", true);
    return out;
  }

  /** Asks the run in progress to stop after its current batch. */
  @DeleteOperation
  public Map<String, Object> cancel() {
    boolean running = jobs.isRunning();
    jobs.cancel();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cancelling", running);
    return out;
  }

  /** {@code GET /actuator/keyrotation/inventory}: the stored values per key id, counted now. */
  @ReadOperation
  public Map<String, Object> view(@Selector String view) {
    if (!"inventory".equals(view)) {
      return Map.of("error", "unknown view '" + view + "'; try 'inventory'");
    }
    if (jobs.isRunning()) {
      return Map.of("error", "a key rotation run is in progress; see its progress instead");
    }
    try {
      Map<String, RotationReport> reports = jobs.inventory();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("complete", jobs.isComplete(reports));
      out.put("notCovered", jobs.notCovered());
      out.put("skipped", jobs.skipped());
      Map<String, Object> units = new LinkedHashMap<>();
      reports.forEach((unit, r) -> units.put(unit, describe(r)));
      out.put("units", units);
      return out;
    } catch (ThemisException e) {
      return Map.of("error", String.valueOf(e.getMessage()));
    }
  }

  static Map<String, Object> describe(RotationProgress p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", p.kind().name());
    m.put("entity", p.entity());
    m.put("table", p.table());
    if (p.attribute() != null) {
      m.put("attribute", p.attribute());
    }
    m.put("rowsDone", p.rowsDone());
    m.put("rowsToDo", p.rowsToDo());
    m.put("valuesRotated", p.valuesRotated());
    m.put("rowsPerSecond", Math.round(p.rowsPerSecond()));
    if (p.eta() != null) {
      m.put("etaSeconds", p.eta().toSeconds());
    }
    m.put("finished", p.finished());
    return m;
  }

  static Map<String, Object> describe(RotationReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started", r.started().toString());
    m.put("durationMillis", r.duration().toMillis());
    m.put("complete", r.isComplete());
    m.put("cancelled", r.cancelled());
    m.put("verified", r.verified());
    m.put("valuesRotated", r.valuesRotated());
    m.put("unreadable", r.failures());
    m.put("oldKeysStillNeeded", r.oldKeysStillNeeded());
    m.put("valuesByKey", r.valuesByKey());
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (RotationReport.AttributeResult a : r.attributes()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("entity", a.entity());
      x.put("attribute", a.attribute());
      x.put("table", a.table());
      x.put("column", a.column());
      x.put("mode", a.mode().name());
      x.put("keyRing", a.keyRing());
      x.put("targetKeyId", a.targetKeyId());
      x.put("status", a.status().name());
      x.put("note", a.note());
      x.put("rowsScanned", a.rowsScanned());
      x.put("valuesRotated", a.valuesRotated());
      x.put("valuesCurrent", a.valuesCurrent());
      x.put("conflicts", a.conflicts());
      x.put("unreadable", a.failures());
      x.put("valuesByKeyId", a.valuesByKeyId());
      attributes.add(x);
    }
    m.put("attributes", attributes);
    return m;
  }
}
