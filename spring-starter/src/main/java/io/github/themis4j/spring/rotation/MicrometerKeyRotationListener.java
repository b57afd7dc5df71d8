package io.github.themis4j.spring.rotation;

import io.github.themis4j.jpa.rotation.KeyRotationListener;
import io.github.themis4j.jpa.rotation.RotationProgress;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes key rotation progress as Micrometer gauges:
 *
 * <ul>
 *   <li>{@value #ROWS_DONE} and {@value #ROWS_TO_DO}: rows done and to do of each pass, tagged
 *       {@code entity}, {@code table}, {@code attribute} ({@code *} for the pass over all Seal and
 *       Token Protect attributes of a table) and {@code kind} ({@code recorded-key}, {@code
 *       context-imprint});
 *   <li>{@value #VALUES_ROTATED}: rows re-encrypted by the current (or last) run, same tags;
 *   <li>{@value #ROWS_PER_SECOND} and {@value #ETA_SECONDS}: the rate of the current (or last) run
 *       and the estimated seconds left (-1 while unknown, 0 when finished), same tags;
 *   <li>{@value #VALUES_BY_KEY}: stored values per {@code key.ring} and {@code key.id} as counted
 *       at the end of the last run (how much data still needs an old key);
 *   <li>{@value #OLD_KEYS_NEEDED}: 1 if the last run of any unit found values still needing an old
 *       key, else 0 (-1 before the first run); always 1 while a persistence unit is not covered by
 *       any job ({@link #uncoveredUnits(int)}).
 * </ul>
 *
 * <p>Every gauge is also tagged {@code unit}: the persistence unit (entity manager factory bean
 * name) of the job, {@code default} for a listener not made by {@link #forUnit}. {@value
 * #OLD_KEYS_NEEDED} covers every unit. Tags hold names and key ids only. Thread-safe.
 */
public final class MicrometerKeyRotationListener implements KeyRotationListener {
  public static final String ROWS_DONE = "themis4j.rotation.rows.done";
  public static final String ROWS_TO_DO = "themis4j.rotation.rows.todo";
  public static final String VALUES_ROTATED = "themis4j.rotation.values.rotated";
  public static final String ROWS_PER_SECOND = "themis4j.rotation.rows.per.second";
  public static final String ETA_SECONDS = "themis4j.rotation.eta.seconds";
  public static final String VALUES_BY_KEY = "themis4j.rotation.values.by.key";
  public static final String OLD_KEYS_NEEDED = "themis4j.rotation.old.keys.needed";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> values;
  private final Map<String, Boolean> oldKeysNeededByUnit;
  private final AtomicLong oldKeysNeeded;
  private final AtomicLong uncovered;
  private final String unit;

  public MicrometerKeyRotationListener(MeterRegistry registry) {
    this(registry, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicLong(-1), new AtomicLong(),
        "default");
    Gauge.builder(OLD_KEYS_NEEDED, oldKeysNeeded, AtomicLong::doubleValue)
        .description(
            "1 if stored values still need an old key after the last key rotation run, else 0")
        .register(registry);
  }

  private MicrometerKeyRotationListener(
      MeterRegistry registry,
      Map<String, AtomicLong> values,
      Map<String, Boolean> oldKeysNeededByUnit,
      AtomicLong oldKeysNeeded,
      AtomicLong uncovered,
      String unit) {
    this.registry = registry;
    this.values = values;
    this.oldKeysNeededByUnit = oldKeysNeededByUnit;
    this.oldKeysNeeded = oldKeysNeeded;
    this.uncovered = uncovered;
    this.unit = unit;
  }

  /** A listener for the job of persistence unit {@code unit}, publishing to the same gauges. */
  public MicrometerKeyRotationListener forUnit(String unit) {
    return new MicrometerKeyRotationListener(registry, values, oldKeysNeededByUnit, oldKeysNeeded, uncovered, unit);
  }

  /**
   * Tells the gauges how many persistence units no job covers: while any, {@value #OLD_KEYS_NEEDED}
   * stays 1, since nothing proves that their values no longer need an old key.
   */
  public void uncoveredUnits(int units) {
    uncovered.set(units);
    if (units > 0) {
      oldKeysNeeded.set(1);
    }
  }

  @Override
  public void onPassStart(RotationProgress p) {
    record(p);
  }

  @Override
  public void onBatch(RotationProgress p) {
    record(p);
  }

  @Override
  public void onPassEnd(RotationProgress p) {
    record(p);
  }

  @Override
  public void onFinish(RotationReport report) {
    String prefix = VALUES_BY_KEY + "|" + Tags.of("unit", unit) + "|";
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            v.set(0); // keys no longer holding values drop to zero
          }
        });
    report
        .valuesByKey()
        .forEach(
            (ring, byKey) ->
                byKey.forEach(
                    (key, n) ->
                        gauge(
                                VALUES_BY_KEY,
                                "Stored encrypted values per key id, counted by the last key"
                                    + " rotation run",
                                Tags.of("key.ring", ring, "key.id", key))
                            .set(n)));
    oldKeysNeededByUnit.put(unit, report.anyOldKeyStillNeeded());
    oldKeysNeeded.set(oldKeysNeededByUnit.containsValue(Boolean.TRUE) || uncovered.get() > 0 ? 1 : 0);
  }

  private void record(RotationProgress p) {
    Tags tags =
        Tags.of(
            "entity",
            p.entity(),
            "table",
            p.table(),
            "attribute",
            p.attribute() == null ? "*" : p.attribute(),
            "kind",
            p.kind() == RotationProgress.Kind.RECORDED_KEY ? "recorded-key" : "context-imprint");
    gauge(ROWS_DONE, "Rows done by the key rotation pass over a table", tags).set(p.rowsDone());
    gauge(ROWS_TO_DO, "Rows to do by the key rotation pass over a table", tags).set(p.rowsToDo());
    gauge(VALUES_ROTATED, "Values re-encrypted by the current or last key rotation run", tags)
        .set(p.valuesRotated());
    gauge(ROWS_PER_SECOND, "Rows per second of the current or last key rotation run", tags)
        .set(Math.round(p.rowsPerSecond()));
    gauge(ETA_SECONDS, "Estimated seconds left of a key rotation pass (-1: unknown)", tags)
        .set(p.eta() == null ? -1 : p.eta().toSeconds());
  }

  private AtomicLong gauge(String name, String description, Tags withoutUnit) {
    Tags tags = withoutUnit.and("unit", unit);
    return values.computeIfAbsent(
        name + "|" + Tags.of("unit", unit) + "|" + withoutUnit,
        k -> {
          AtomicLong holder = new AtomicLong();
          Gauge.builder(name, holder, AtomicLong::doubleValue)
              .description(description)
              .tags(tags)
              .register(registry);
          return holder;
        });
  }
}
