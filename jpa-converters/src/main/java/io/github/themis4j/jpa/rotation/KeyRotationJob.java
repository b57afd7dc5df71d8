package io.github.themis4j.jpa.rotation;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributes;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.PartitionFailedException;
import io.github.themis4j.jpa.engine.PartitionRef;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.ReencryptionException;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.engine.TableReport;
import io.github.themis4j.jpa.rotation.RotationPlan.ColumnPlan;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintKeys;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import io.github.themis4j.jpa.rotation.RotationPlan.TableGroup;
import io.github.themis4j.jpa.rotation.RotationPlan.Unrotated;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.UnknownKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Re-encrypts the stored values of every {@link io.github.themis4j.jpa.Encrypted} attribute of a
 * Hibernate session factory that are not under their target key: the attribute's pinned key, else
 * its key ring's active key. Plain Hibernate, no Spring needed (the Spring starter wires it as a
 * bean, an Actuator endpoint and a command-line runner).
 *
 * <pre>{@code
 * // after making "2026-11" the active key of ring "pii" (new writes use it already):
 * RotationReport report = KeyRotationJob.builder(sessionFactory)
 *     .contextImprintKeys("pii", "2026-01", "2026-11")   // only if there are Context Imprint attributes
 *     .build()
 *     .run();
 * if (report.canRetire("pii", "2026-01")) { ... remove the old key from the ring ... }
 * }</pre>
 *
 * <h2>How it works</h2>
 *
 * <p>Every table holding encrypted columns is scanned by its key in batches ({@code where id >
 * :last order by id}, the dialect's row limit), each batch in a transaction of its own, through
 * native SQL on a {@link StatelessSession}: values are never decrypted into entities, and no entity
 * event, version increment or cache is involved.
 *
 * <ul>
 *   <li><b>Seal and Token Protect</b> values record their key id. Each value not under its target
 *       key is decrypted with the key it names and encrypted with the target key under the same row
 *       and column context, and written back with a compare-and-set update: {@code update t set col
 *       = :new where id = :id and col = :old} (the token column too, for Token Protect). If the
 *       application changed the value meanwhile, the update matches no row and the job reads the
 *       row again with a locking read ({@code for update}): an application write is never
 *       overwritten, and a value is never encrypted twice (the job only ever touches values not
 *       under the target key). This pass keeps no state: a run stopped at any point, even by
 *       killing the process, is simply run again.
 *   <li><b>Context Imprint</b> values record nothing, so the old and the new key must be named
 *       ({@link Builder#contextImprintKeys}), and the progress of each such attribute is kept in a
 *       small table ({@link Builder#progressTable}), updated in the same transaction as each batch:
 *       a killed run resumes after the last committed batch and no value is re-encrypted twice. A
 *       value that does not decode with the old key (a wrong old key) stops the run before anything
 *       of that batch is written.
 * </ul>
 *
 * <p>The job does not increment {@code @Version} columns: re-encryption does not change any
 * plaintext, so applications holding an entity loaded before the job rewrote its row still save it
 * without an optimistic-locking failure (their save re-encrypts with the active key anyway).
 *
 * <p>At the end, a read-only pass counts the stored values per key id (unless {@link
 * Builder#verify(boolean) verify(false)}), and the {@link RotationReport} says whether any value
 * still needs an old key. Progress (rows done and to do per table) goes to the {@code
 * io.github.themis4j.jpa.rotation} logger, to the {@link KeyRotationListener} and to {@link
 * #progress()}. See {@code docs/KEY-ROTATION.md} for the operator's procedure.
 *
 * <p>Thread safety: a job may be shared; one run at a time per job ({@link #run()} while another
 * run of the same job is in progress fails). Several processes may run the job at once: the
 * compare-and-set updates and the Context Imprint progress row keep them from interfering.
 */
public final class KeyRotationJob {
  /**
   * The default name of the table holding the job's durable cursors (the re-encryption engine's
   * cursor table, {@link ReencryptionJob#DEFAULT_CURSOR_TABLE}).
   */
  public static final String DEFAULT_PROGRESS_TABLE = ReencryptionJob.DEFAULT_CURSOR_TABLE;

  /** The default number of rows per batch (and per transaction). */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private static final Logger LOG = Logger.getLogger(KeyRotationJob.class.getName());

  private final SessionFactoryImplementor factory;
  private final EncryptedValueCodec codec;
  private final List<EncryptedAttribute> attributes;
  private final Set<String> entities;
  private final Map<String, ImprintKeys> imprintKeys;
  private final int batchSize;
  private final Duration pause;
  private final int maxAttempts;
  private final boolean verify;
  private final boolean createProgressTable;
  private final String progressTable;
  private final int workers;
  private final int partitions;
  private final double rowsPerSecond;
  private final boolean failFast;
  private final KeyRotationListener listener;
  private final ProgressAdapter progress;
  private final LegacyProgress legacy = new LegacyProgress(LegacyProgress.TABLE);

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private volatile ReencryptionJob current;
  private volatile RotationReport lastReport;

  private KeyRotationJob(Builder b) {
    this.factory = b.factory;
    this.attributes = EncryptedAttributes.of(b.factory);
    this.codec = attributes.isEmpty() ? null : EncryptedAttributes.codec(b.factory);
    this.entities = Collections.unmodifiableSet(new LinkedHashSet<>(b.entities));
    this.imprintKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.imprintKeys));
    this.batchSize = b.batchSize;
    this.pause = b.pause;
    this.maxAttempts = b.maxAttempts;
    this.verify = b.verify;
    this.createProgressTable = b.createProgressTable;
    this.progressTable = b.progressTable;
    this.workers = b.workers;
    this.partitions = b.partitions;
    this.rowsPerSecond = b.rowsPerSecond;
    this.failFast = b.failFast;
    this.listener = b.listener;
    this.progress = new ProgressAdapter(b.listener);
    Set<String> known = new TreeSet<>();
    attributes.forEach(a -> known.add(a.entityName()));
    for (String e : entities) {
      if (!known.contains(e)) {
        throw new InvalidArgumentException(
            "entity '"
                + e
                + "' has no @Encrypted attributes in this session factory; entities that have: "
                + known);
      }
    }
  }

  /** Starts building a job over the encrypted attributes of {@code sessionFactory}. */
  public static Builder builder(SessionFactory sessionFactory) {
    return new Builder(sessionFactory);
  }

  /**
   * Runs the rotation to the end (or until {@link #cancel()} or an interrupt) and reports.
   *
   * @throws KeyRotationException if a batch keeps failing, a Context Imprint value does not decode
   *     with the old key (unless {@link Builder#failFast(boolean) failFast(false)}: then the report
   *     names the partition), a key named for the run is not held, or a run of this job is in
   *     progress. Everything committed before stays valid; run again to resume.
   */
  public RotationReport run() {
    return execute(true);
  }

  /**
   * Counts the stored values per key id without changing anything: which keys are still in use,
   * what a run would re-encrypt. Context Imprint attributes are reported from the recorded
   * progress.
   */
  public RotationReport inventory() {
    return execute(false);
  }

  /**
   * Asks a run in progress to stop after the current batch of each worker (which commits). The run
   * then returns a report marked {@linkplain RotationReport#cancelled() cancelled}. Interrupting
   * the thread running the job has the same effect.
   */
  public void cancel() {
    cancelRequested.set(true);
    ReencryptionJob j = current;
    if (j != null) {
      j.cancel();
    }
  }

  /** Whether a run or an inventory of this job is in progress. */
  public boolean isRunning() {
    return running.get();
  }

  /** The progress of each pass of the current run (or of the last one), in the order they ran. */
  public List<RotationProgress> progress() {
    return progress.snapshot();
  }

  /** The report of the last {@link #run()} of this job that ended without an exception, if any. */
  public Optional<RotationReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  /** The batch size, for display. */
  public int batchSize() {
    return batchSize;
  }

  /** The number of worker threads, for display. */
  public int workers() {
    return workers;
  }

  @Override
  public String toString() {
    return "KeyRotationJob["
        + attributes.size()
        + " encrypted attributes, batch "
        + batchSize
        + ", workers "
        + workers
        + (imprintKeys.isEmpty() ? "" : ", Context Imprint keys for rings " + imprintKeys.keySet())
        + (running.get() ? ", running" : "")
        + "]";
  }

  /** The engine pass name of the Seal and Token Protect re-encryption. */
  public static final String RECORDED_KEY_PASS = RecordedKeyPass.NAME;

  /** The engine pass name of the Context Imprint re-encryption. */
  public static final String CONTEXT_IMPRINT_PASS = ContextImprintPass.NAME;

  /**
   * This job's rotation as an engine job with the same settings and its two passes ({@link
   * #RECORDED_KEY_PASS}, then {@link #CONTEXT_IMPRINT_PASS} when Context Imprint keys are named),
   * planned from the mapping now: for distributed runners that hand out its partitions ({@link
   * ReencryptionJob#plan}, {@link ReencryptionJob#runPartition}), such as the Spring Batch
   * integration of the starter. Verify with {@link #inventory()} afterwards.
   */
  public ReencryptionJob reencryptionJob() {
    if (codec == null) {
      throw new KeyRotationException("there are no @Encrypted attributes to rotate");
    }
    RotationPlan plan = RotationPlan.build(PassContext.of(factory), entities, codec, imprintKeys);
    ReencryptionJob.Builder b = engine().pass(new RecordedKeyPass(plan, codec));
    if (!plan.imprints.isEmpty()) {
      b.pass(new ContextImprintPass(plan, codec, legacy));
    }
    return b.build();
  }

  // ---- the run ----------------------------------------------------------------------------------

  private ReencryptionJob.Builder engine() {
    ReencryptionJob.Builder b =
        ReencryptionJob.builder(factory)
            .workers(workers)
            .batchSize(batchSize)
            .pauseBetweenBatches(pause)
            .maxAttempts(maxAttempts)
            .rowsPerSecond(rowsPerSecond)
            .failFast(failFast)
            .cursorTable(progressTable)
            .createCursorTable(createProgressTable);
    if (partitions > 0) {
      b.partitions(partitions);
    }
    return b;
  }

  private boolean cancelled() {
    return cancelRequested.get() || Thread.currentThread().isInterrupted();
  }

  private RotationReport execute(boolean rotate) {
    if (!running.compareAndSet(false, true)) {
      throw new KeyRotationException("a run of this key rotation job is already in progress");
    }
    cancelRequested.set(false);
    progress.clear();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    try {
      RotationPlan plan =
          codec == null
              ? new RotationPlan()
              : RotationPlan.build(PassContext.of(factory), entities, codec, imprintKeys);
      RecordedKeyPass recorded = new RecordedKeyPass(plan, codec);
      ContextImprintPass imprint = new ContextImprintPass(plan, codec, legacy);
      JobReport run = null;
      if (rotate) {
        LOG.info(
            () ->
                "key rotation: "
                    + plan.tables.size()
                    + " tables with Seal/Token Protect values, "
                    + plan.imprints.size()
                    + " Context Imprint attributes to rotate, "
                    + plan.unrotated.size()
                    + " not rotated, "
                    + workers
                    + " workers");
        if (!plan.tables.isEmpty() || !plan.imprints.isEmpty()) {
          ReencryptionJob.Builder b = engine().listener(progress);
          if (!plan.tables.isEmpty()) {
            b.pass(recorded);
          }
          if (!plan.imprints.isEmpty()) {
            b.pass(imprint);
          }
          run = start(b.build());
        }
      }
      boolean wasCancelled = cancelled() || (run != null && run.cancelled());
      JobReport census = null;
      if (!wasCancelled && (verify || !rotate) && !plan.tables.isEmpty()) {
        census = start(engine().failFast(true).pass(new KeyCensusPass(plan, codec)).build());
        wasCancelled = census.cancelled();
      }
      RotationResults results = new RotationResults(factory, codec);
      Map<Object, TableReport> runs = RotationResults.byAttachment(run, RecordedKeyPass.NAME);
      Map<Object, TableReport> counts =
          census == null || census.cancelled()
              ? Map.of()
              : RotationResults.byAttachment(census, KeyCensusPass.NAME);
      List<AttributeResult> out = new ArrayList<>();
      for (TableGroup g : plan.tables) {
        for (ColumnPlan c : g.columns) {
          out.add(results.recorded(c, runs.get(g), counts.get(g), rotate, wasCancelled));
        }
      }
      if (!plan.imprints.isEmpty()) {
        Map<Object, TableReport> imprints =
            RotationResults.byAttachment(run, ContextImprintPass.NAME);
        List<PartitionRef> refs =
            engine().pass(imprint).build().recordedPartitions(ContextImprintPass.NAME);
        for (ImprintTask t : plan.imprints) {
          List<PartitionRef> mine = new ArrayList<>();
          for (PartitionRef r : refs) {
            if (r.table().equals(t.table.name()) && r.label().equals(t.attribute.attributeName())) {
              mine.add(r);
            }
          }
          if (mine.isEmpty()) {
            LegacyProgress.State old = legacy.read(factory, t);
            if (old != null && old.finished) {
              mine = null; // finished by an earlier version: every value is under the new key
            }
          }
          out.add(results.imprint(t, imprints.get(t), mine, wasCancelled));
        }
      }
      for (Unrotated u : plan.unrotated) {
        out.add(results.unrotated(u));
      }
      RotationReport report =
          new RotationReport(
              out, wasCancelled, census != null, started, Duration.ofNanos(System.nanoTime() - t0));
      Level level = report.anyOldKeyStillNeeded() || wasCancelled ? Level.WARNING : Level.INFO;
      LOG.log(level, report::summary);
      if (rotate) {
        lastReport = report;
      }
      try {
        listener.onFinish(report);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "KeyRotationListener.onFinish failed", e);
      }
      return report;
    } catch (UnknownKeyException e) {
      throw new KeyRotationException("key rotation cannot run: " + e.getMessage(), e);
    } catch (PartitionFailedException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KeyRotationException(
          "key rotation: " + cause.getMessage() + " (" + e.failure() + ")", e);
    } catch (ReencryptionException e) {
      throw new KeyRotationException("key rotation: " + e.getMessage(), e);
    } finally {
      current = null;
      running.set(false);
    }
  }

  private JobReport start(ReencryptionJob job) {
    current = job;
    if (cancelRequested.get()) {
      job.cancel();
    }
    return job.run();
  }

  // ---- builder
  // -----------------------------------------------------------------------------------------

  /** Configures a {@link KeyRotationJob}. Not thread-safe. */
  public static final class Builder {
    private final SessionFactoryImplementor factory;
    private final Set<String> entities = new LinkedHashSet<>();
    private final Map<String, ImprintKeys> imprintKeys = new LinkedHashMap<>();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration pause = Duration.ZERO;
    private int maxAttempts = 5;
    private boolean verify = true;
    private boolean createProgressTable = true;
    private String progressTable = DEFAULT_PROGRESS_TABLE;
    private KeyRotationListener listener = KeyRotationListener.NONE;
    private int workers = 1;
    private int partitions;
    private double rowsPerSecond;
    private boolean failFast = true;

    private Builder(SessionFactory sessionFactory) {
      if (sessionFactory == null) {
        throw new InvalidArgumentException("session factory must not be null");
      }
      this.factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
    }

    /**
     * Worker threads, 1 to 64 (default 1): each table is split into key ranges (partitions) that
     * the workers walk in parallel, each range with its own durable cursor.
     */
    public Builder workers(int n) {
      if (n < 1 || n > 64) {
        throw new InvalidArgumentException("workers must be 1 to 64, not " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * Key ranges per table, 1 to 10,000 (default 1 for one worker, else 4 per worker; never more
     * than one per batch of rows). A resumed walk keeps the ranges it was planned with.
     */
    public Builder partitions(int n) {
      if (n < 1 || n > 10_000) {
        throw new InvalidArgumentException("partitions must be 1 to 10000, not " + n);
      }
      this.partitions = n;
      return this;
    }

    /**
     * The most rows per second over all workers, to spare a busy database (default 0: no limit).
     */
    public Builder rowsPerSecond(double rows) {
      if (!(rows >= 0) || Double.isInfinite(rows)) {
        throw new InvalidArgumentException("rows per second must be zero or positive");
      }
      this.rowsPerSecond = rows;
      return this;
    }

    /**
     * Whether a failed partition (a Context Imprint value that does not decode with the old key, a
     * batch that keeps failing in the database) stops the run with a {@link KeyRotationException}
     * (default true). With false, the other partitions go on and the report names the failed
     * partition (table, key range, row ids) in the attribute's note, status {@code INCOMPLETE}.
     */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /** Rows per batch and per transaction, 1 to 100,000 (default {@value #DEFAULT_BATCH_SIZE}). */
    public Builder batchSize(int rows) {
      if (rows < 1 || rows > 100_000) {
        throw new InvalidArgumentException("batch size must be 1 to 100000, not " + rows);
      }
      this.batchSize = rows;
      return this;
    }

    /** A pause after every batch, to spare a busy database (default none). */
    public Builder pauseBetweenBatches(Duration pause) {
      if (pause == null || pause.isNegative()) {
        throw new InvalidArgumentException("pause must be zero or positive");
      }
      this.pause = pause;
      return this;
    }

    /** How often a failing batch is tried before the run stops (default 5). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new InvalidArgumentException("attempts must be 1 to 100, not " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Whether to count the values per key id after the rotation, for the report (default true). */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /** Restricts the job to these entities (JPA entity names); default: every entity. */
    public Builder entities(String... entityNames) {
      for (String e : entityNames) {
        if (e == null || e.isEmpty()) {
          throw new InvalidArgumentException("entity name must not be null or empty");
        }
        entities.add(e);
      }
      return this;
    }

    /**
     * Re-encrypts the Context Imprint attributes of {@code keyRing} from key {@code fromKeyId} (the
     * key they are encrypted with now) to {@code toKeyId}. Context Imprint values record no key, so
     * without this they are not rotated. No application may write these attributes during the run
     * (see {@code docs/KEY-ROTATION.md}); afterwards, pin the attributes to the new key.
     */
    public Builder contextImprintKeys(String keyRing, String fromKeyId, String toKeyId) {
      KeyRing.checkId(keyRing, "key ring name");
      KeyRing.checkId(fromKeyId, "old key id");
      KeyRing.checkId(toKeyId, "new key id");
      if (fromKeyId.equals(toKeyId)) {
        throw new InvalidArgumentException(
            "the old and the new key of ring '" + keyRing + "' are both '" + toKeyId + "'");
      }
      if (imprintKeys.putIfAbsent(keyRing, new ImprintKeys(fromKeyId, toKeyId)) != null) {
        throw new InvalidArgumentException(
            "Context Imprint keys of ring '" + keyRing + "' are already set");
      }
      return this;
    }

    /**
     * The table keeping the job's durable cursors, one row per key range of each table (default
     * {@value #DEFAULT_PROGRESS_TABLE}), as written in SQL (it may be schema-qualified). Progress
     * recorded by earlier versions in {@code themis4j_rotation_progress} is read and resumed.
     */
    public Builder progressTable(String table) {
      if (table == null
          || !table.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}")) {
        throw new InvalidArgumentException(
            "progress table must be a plain SQL name, optionally qualified");
      }
      this.progressTable = table;
      return this;
    }

    /**
     * Whether to create the progress table when it is missing (default true). Without the table,
     * the Seal and Token Protect pass runs without durable cursors (a killed run starts again from
     * the first row) and a Context Imprint rotation refuses to start.
     */
    public Builder createProgressTable(boolean create) {
      this.createProgressTable = create;
      return this;
    }

    /** Receives progress and the final report (default none). */
    public Builder listener(KeyRotationListener listener) {
      if (listener == null) {
        throw new InvalidArgumentException("listener must not be null");
      }
      this.listener = listener;
      return this;
    }

    public KeyRotationJob build() {
      return new KeyRotationJob(this);
    }
  }
}
