package io.github.themis4j.jpa.rotation;

/**
 * Receives the progress of a {@link KeyRotationJob} run, for logs, metrics and dashboards (the
 * Spring starter feeds Micrometer from it). Callbacks run synchronously on the thread running the
 * job, between batches (outside any transaction): keep them fast. An exception thrown by a callback
 * is logged and ignored. They never receive values or key material. Implementations used by several
 * jobs at once must be thread-safe.
 */
public interface KeyRotationListener {
  /** A listener that does nothing. */
  KeyRotationListener NONE = new KeyRotationListener() {};

  /** A pass over a table starts; {@link RotationProgress#rowsToDo()} is its row count. */
  default void onPassStart(RotationProgress progress) {}

  /** A batch of a pass was committed. */
  default void onBatch(RotationProgress progress) {}

  /** A pass ended (completely, or because the run was cancelled or failed). */
  default void onPassEnd(RotationProgress progress) {}

  /**
   * The run ended; {@code report} says which keys are still needed. Not called when the run failed.
   */
  default void onFinish(RotationReport report) {}
}
