package io.github.themis4j.spring.rotation;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationProgress;
import io.github.themis4j.jpa.rotation.RotationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code keyrotation} Actuator endpoint of the {@link KeyRotationJob}:
 *
 * <ul>
 *   <li>{@code GET /actuator/keyrotation}: whether a run is in progress, the progress of each pass,
 *       and the last report (which keys stored values still need);
 *   <li>{@code POST /actuator/keyrotation}: starts a run in the background (at most one at a time);
 *   <li>{@code DELETE /actuator/keyrotation}: asks the run in progress to stop after its batch;
 *   <li>{@code GET /actuator/keyrotation/inventory}: counts the stored values per key id now,
 *       without changing anything.
 * </ul>
 *
 * <p>Like every Actuator endpoint it is exposed over HTTP only when listed in {@code
 * management.endpoints.web.exposure.include}; secure it as an administrative operation. Responses
 * hold names, counts, identifiers of unreadable rows and key ids, never values or key material.
 * Thread-safe.
 */
@Endpoint(id = "keyrotation")
public class KeyRotationEndpoint {
  private static final Logger LOG = Logger.getLogger(KeyRotationEndpoint.class.getName());

  private final KeyRotationJob job;
  private @Nullable Thread worker;
  private volatile @Nullable String lastError;

  public KeyRotationEndpoint(KeyRotationJob job) {
    this.job = job;
  }

  @ReadOperation
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("running", job.isRunning());
    List<Map<String, Object>> passes = new ArrayList<>();
    for (RotationProgress p : job.progress()) {
      passes.add(describe(p));
    }
    out.put("progress", passes);
    job.lastReport().ifPresent(r -> out.put("lastReport", describe(r)));
    if (lastError != null) {
      out.put("lastError", lastError);
    }
    return out;
  }

  /** Starts a run in a background thread, unless one is in progress. */
  @WriteOperation
  public synchronized Map<String, Object> start() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (job.isRunning() || (worker != null && worker.isAlive())) {
      out.put("started", false);
      out.put("reason", "a key rotation run is already in progress");
      return out;
    }
    lastError = null;
    worker =
        new Thread(
            () -> {
              try {
                job.run();
              } catch (RuntimeException e) {
                lastError = e.getMessage();
                LOG.log(
                    Level.WARNING,
                    "key rotation run started from the keyrotation endpoint failed",
                    e);
              }
            },
            "themis4j-key-rotation");
    worker.setDaemon(true);
    worker.start();
    out.put("started", true);
    return out;
  }

  /** Asks the run in progress to stop after its current batch. */
  @DeleteOperation
  public Map<String, Object> cancel() {
    boolean running = job.isRunning();
    job.cancel();
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
    if (job.isRunning()) {
      return Map.of("error", "a key rotation run is in progress; see its progress instead");
    }
    try {
      return describe(job.inventory());
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
