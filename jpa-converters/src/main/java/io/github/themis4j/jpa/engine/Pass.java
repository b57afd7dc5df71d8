package io.github.themis4j.jpa.engine;

import java.util.List;

/**
 * One kind of work over stored rows, run by a {@link ReencryptionJob}: key rotation, encryption of
 * a legacy plaintext column in place, blind-index backfill, a read-only census. The engine owns the
 * walk (key ranges, keyset-paginated batches, one transaction per batch with its cursor, worker
 * threads, pacing, retries, progress, reporting); the pass only says which tables and columns to
 * read and, row by row, what to write. See {@code docs/ENGINE.md}.
 *
 * <p>Implementations must be thread-safe: {@link #process} is called from several worker threads at
 * once (one row at a time per thread).
 */
public interface Pass {
  /**
   * A short stable name ({@code [a-z0-9-]{1,40}}), used in logs, reports, metrics and the cursor
   * fingerprint.
   */
  String name();

  /**
   * What durable cursors mean for this pass (default {@link Resumption#UNTIL_FINISHED}: a killed
   * run resumes, a finished walk is walked again by the next run).
   */
  default Resumption resumption() {
    return Resumption.UNTIL_FINISHED;
  }

  /**
   * The walks of this run, worked out at its start from the session factory's mapping. An empty
   * list is fine (nothing to do). Throw {@link ReencryptionException} for a configuration that
   * cannot run.
   */
  List<PassTable> tables(PassContext context);

  /**
   * Decides what to write to one row, inside the batch's transaction: a {@link Rewrite}, or null to
   * leave the row alone. Count what was found on the row ({@link Row#count}, {@link Row#fail}).
   * Throw {@link BadRowException} to roll back the batch and fail the partition (the other
   * partitions go on unless fail-fast); any other exception fails the run. Called again for the
   * same row, with its latest values, after a compare-and-set conflict.
   */
  Rewrite process(Row row);
}
