package io.github.themis4j.jpa.engine;

/** What a pass's cursors mean across runs. */
public enum Resumption {
  /**
   * No durable cursors: every run walks every row from the start. For read-only passes (counting)
   * and passes that are cheap to repeat.
   */
  NONE,
  /**
   * Durable cursors while a walk is unfinished: a killed or cancelled run resumes each partition
   * where it stopped; once every partition has finished, the next run plans a new walk from the
   * start. For idempotent passes whose rows say whether they are done (a Seal value names its key),
   * so that rows written under an old key after a walk are found by the next one.
   */
  UNTIL_FINISHED,
  /**
   * Durable cursors, and a finished walk stays finished: every row is processed exactly once, ever
   * (until its cursor rows are deleted). For passes whose rows do not say whether they are done (a
   * Context Imprint value records no key; processing it twice would encrypt it twice).
   */
  ONCE
}
