package io.github.themis4j.jpa.engine;

/**
 * Receives the progress of a {@link ReencryptionJob} run (for logs, metrics, dashboards). Callbacks
 * are serialized (never two at once for one run, whatever the number of workers), run outside any
 * transaction, and should be fast; an exception thrown by one is logged and ignored. They never
 * receive values or key material.
 */
public interface ReencryptionListener {
  ReencryptionListener NONE = new ReencryptionListener() {};

  /** A walk starts ({@link TableProgress#rowsToDo()} is its row count). */
  default void onTableStart(TableProgress progress) {}

  /** A batch of a walk was committed (with its cursor). */
  default void onBatch(TableProgress progress) {}

  /** A partition failed; the others go on unless the job is fail-fast. */
  default void onPartitionFailed(PartitionFailure failure) {}

  /** A walk ended: finished, or stopped by a cancel or a failure. */
  default void onTableEnd(TableProgress progress) {}

  /** The run ended (not called when it failed with an exception). */
  default void onFinish(JobReport report) {}
}
