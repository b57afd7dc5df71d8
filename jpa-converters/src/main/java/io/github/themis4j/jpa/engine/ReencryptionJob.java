package io.github.themis4j.jpa.engine;

import io.github.themis4j.InvalidArgumentException;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Runs {@linkplain Pass passes} over the stored rows of a Hibernate session factory: each pass's
 * tables are split into key ranges (partitions), walked in keyset-paginated batches by N worker
 * threads, one transaction per batch with the partition's cursor, rows rewritten with
 * compare-and-set updates. Plain Hibernate, no Spring. See {@code docs/ENGINE.md}.
 *
 * <pre>{@code
 * JobReport report = ReencryptionJob.builder(sessionFactory)
 *     .pass(myPass)
 *     .workers(4)              // threads; partitions default to 4 per worker
 *     .batchSize(500)          // rows per batch and transaction, 1 to 100,000
 *     .rowsPerSecond(5_000)    // over all workers; 0 = unlimited
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Passes run one after the other, in the order given; the walks of one pass share the workers. A
 * killed run resumes each durable partition after its last committed batch ({@link Resumption}).
 * Thread safety: one run at a time per job; several processes may run the same passes at once (the
 * cursor claims and compare-and-set updates keep them apart).
 */
public final class ReencryptionJob {
  /** The default name of the cursor table. */
  public static final String DEFAULT_CURSOR_TABLE = "themis4j_pass_cursor";

  /** The default number of rows per batch. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** The largest batch size. */
  public static final int MAX_BATCH_SIZE = 100_000;

  private static final Logger LOG = Logger.getLogger(ReencryptionJob.class.getName());

  final SessionFactoryImplementor factory;
  final List<Pass> passes;
  final int workers;
  final int partitions;
  final int batchSize;
  final double rowsPerSecond;
  final Duration pause;
  final int maxAttempts;
  final boolean failFast;
  final boolean createCursorTable;
  final CursorStore store;
  final ReencryptionListener listener;
  final Object listenerLock = new Object();
  private final String forUpdate;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private final Map<String, WalkProgress> board =
      Collections.synchronizedMap(new LinkedHashMap<>());

  private ReencryptionJob(Builder b) {
    this.factory = b.factory;
    this.passes = List.copyOf(b.passes);
    this.workers = b.workers;
    this.partitions = b.partitions > 0 ? b.partitions : (b.workers == 1 ? 1 : b.workers * 4);
    this.batchSize = b.batchSize;
    this.rowsPerSecond = b.rowsPerSecond;
    this.pause = b.pause;
    this.maxAttempts = b.maxAttempts;
    this.failFast = b.failFast;
    this.createCursorTable = b.createCursorTable;
    this.store = new CursorStore(b.cursorTable);
    this.listener = b.listener;
    String lock = factory.getJdbcServices().getDialect().getForUpdateString();
    this.forUpdate = lock == null ? "" : lock;
  }

  public static Builder builder(SessionFactory sessionFactory) {
    return new Builder(sessionFactory);
  }

  /**
   * Runs every pass to the end (or until {@link #cancel()}, an interrupt, or a fail-fast partition
   * failure) and reports.
   *
   * @throws ReencryptionException if the run cannot go on (a pass's configuration, the cursor
   *     table, a fail-fast failure: {@link PartitionFailedException}); everything committed before
   *     stays, run again to resume
   */
  public JobReport run() {
    if (!running.compareAndSet(false, true)) {
      throw new ReencryptionException("a run of this re-encryption job is already in progress");
    }
    board.clear();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    try {
      PassContext context = new PassContext(factory);
      Transactions tx = new Transactions(factory, maxAttempts);
      List<TableReport> reports = new ArrayList<>();
      for (Pass pass : passes) {
        if (cancelled()) {
          break;
        }
        List<PassTable> tables = pass.tables(context);
        if (tables.isEmpty()) {
          continue;
        }
        CursorStore cursors = pass.resumption() == Resumption.NONE ? null : cursorStore(tx, pass);
        Planner planner = new Planner(tx, cursors, partitions, batchSize, forUpdate);
        PartitionWalker walker = new PartitionWalker(tx, cursors, batchSize, forUpdate);
        List<WalkProgress> walks = new ArrayList<>();
        for (PassTable t : tables) {
          Walk w = new Walk(pass, t);
          planner.plan(w);
          WalkProgress wp = new WalkProgress(w);
          board.put(w.planKey, wp);
          walks.add(wp);
        }
        new Run(this, walker, new Pacer(rowsPerSecond), this::cancelled, board).execute(walks);
        walks.forEach(wp -> reports.add(wp.report()));
      }
      JobReport report =
          new JobReport(reports, cancelled(), started, Duration.ofNanos(System.nanoTime() - t0));
      LOG.info(report::toString);
      synchronized (listenerLock) {
        try {
          listener.onFinish(report);
        } catch (RuntimeException e) {
          LOG.log(java.util.logging.Level.WARNING, "ReencryptionListener.onFinish failed", e);
        }
      }
      return report;
    } finally {
      cancelRequested.set(false);
      running.set(false);
    }
  }

  private CursorStore cursorStore(Transactions tx, Pass pass) {
    if (store.exists(factory)) {
      return store;
    }
    if (!createCursorTable) {
      if (pass.resumption() == Resumption.ONCE) {
        throw new ReencryptionException(
            "the cursor table "
                + store.table()
                + " does not exist (or lacks columns); create it with: "
                + store.createTableSql());
      }
      LOG.info(
          () ->
              "pass "
                  + pass.name()
                  + ": no cursor table "
                  + store.table()
                  + ", so a killed run will start again from the first row");
      return null;
    }
    try {
      tx.once(
          s -> {
            store.create(s);
            return null;
          });
      LOG.info(() -> "created the cursor table " + store.table());
    } catch (PersistenceException e) {
      if (!store.exists(factory)) { // else created by a concurrent run
        throw new ReencryptionException(
            "cannot create the cursor table "
                + store.table()
                + " ("
                + e.getMessage()
                + "); create it with: "
                + store.createTableSql(),
            e);
      }
    }
    return store;
  }

  boolean cancelled() {
    return cancelRequested.get() || Thread.currentThread().isInterrupted();
  }

  /**
   * Asks the run in progress to stop after the current batch of each worker (which commits); called
   * before {@link #run()}, the next run stops at once. The run returns a report marked {@linkplain
   * JobReport#cancelled() cancelled}. Interrupting the thread running the job has the same effect.
   */
  public void cancel() {
    cancelRequested.set(true);
  }

  public boolean isRunning() {
    return running.get();
  }

  /** The progress of each walk of the current (or last) run, in plan order. */
  public List<TableProgress> progress() {
    List<TableProgress> out = new ArrayList<>();
    synchronized (board) {
      board.values().forEach(wp -> out.add(wp.snapshot()));
    }
    return out;
  }

  /**
   * The partitions recorded in the cursor table for the walks of pass {@code passName}, without
   * planning or running anything (empty for a walk never planned, or without a cursor table).
   */
  public List<PartitionRef> recordedPartitions(String passName) {
    Pass pass = pass(passName);
    if (pass.resumption() == Resumption.NONE || !store.exists(factory)) {
      return List.of();
    }
    List<PassTable> tables = pass.tables(new PassContext(factory));
    Transactions tx = new Transactions(factory, maxAttempts);
    return tx.withRetries(
        "reading the cursors of pass " + passName,
        s -> {
          List<PartitionRef> out = new ArrayList<>();
          for (PassTable t : tables) {
            Walk w = new Walk(pass, t);
            store.plan(s, w.planKey).forEach(st -> out.add(new PartitionRef(w, st)));
          }
          return out;
        });
  }

  /**
   * Plans (or finds the recorded plan of) every walk of pass {@code passName} and returns its
   * partitions, without processing any row: what a distributed runner (a Spring Batch {@code
   * Partitioner}) hands out, one partition per worker step. Needs durable cursors.
   *
   * @throws ReencryptionException if the pass keeps no durable cursors ({@link Resumption#NONE}) or
   *     the cursor table cannot be used
   */
  public List<PartitionRef> plan(String passName) {
    Pass pass = pass(passName);
    if (pass.resumption() == Resumption.NONE) {
      throw new ReencryptionException(
          "pass "
              + passName
              + " keeps no durable cursors; it cannot be run partition by partition");
    }
    Transactions tx = new Transactions(factory, maxAttempts);
    CursorStore cursors = cursorStore(tx, pass);
    if (cursors == null) {
      throw new ReencryptionException(
          "the cursor table " + store.table() + " is needed to run partition by partition");
    }
    Planner planner = new Planner(tx, cursors, partitions, batchSize, forUpdate);
    List<PartitionRef> out = new ArrayList<>();
    for (PassTable t : pass.tables(new PassContext(factory))) {
      Walk w = new Walk(pass, t);
      planner.plan(w);
      tx.withRetries(
          "reading the cursors of " + w.describe(),
          s -> {
            store.plan(s, w.planKey).forEach(st -> out.add(new PartitionRef(w, st)));
            return null;
          });
    }
    return out;
  }

  /**
   * Walks one recorded partition of pass {@code passName} (by its {@link PartitionRef#cursorKey()})
   * from its cursor to its end, or until {@link #cancel()}: the unit of work of a distributed
   * runner. Returns the report of that partition alone (a failure in {@link
   * TableReport#failedPartitions()}, or a {@link PartitionFailedException} when fail-fast).
   *
   * @throws ReencryptionException if no partition of the pass has that key
   */
  public TableReport runPartition(String passName, String cursorKey) {
    Pass pass = pass(passName);
    Transactions tx = new Transactions(factory, maxAttempts);
    for (PassTable t : pass.tables(new PassContext(factory))) {
      Walk w = new Walk(pass, t);
      CursorStore.State st = tx.withRetries("reading a cursor", s -> store.read(s, cursorKey));
      if (st == null || !w.cursorKey(st.partNo).equals(cursorKey)) {
        continue;
      }
      Class<?> idType = t.table().idType();
      List<CursorStore.State> all = tx.withRetries("reading a plan", s -> store.plan(s, w.planKey));
      for (CursorStore.State other : all) {
        Partition p =
            new Partition(
                w,
                other.partNo,
                Ids.fromText(other.lo, idType),
                Ids.fromText(other.hi, idType),
                other.cursorKey);
        p.cursor = Ids.fromText(other.last, idType);
        p.rowsDone = other.rowsDone;
        // only the requested partition is walked; the others count as ended for this walk
        p.finished = !other.cursorKey.equals(cursorKey) || other.finished;
        w.partitions.add(p);
        w.rowsToDo = other.rowsTotal;
      }
      WalkProgress wp = new WalkProgress(w);
      Map<String, WalkProgress> one = Collections.synchronizedMap(new LinkedHashMap<>());
      one.put(w.planKey, wp);
      board.put(w.planKey + ":" + cursorKey, wp);
      PartitionWalker walker = new PartitionWalker(tx, store, batchSize, forUpdate);
      try {
        new Run(this, walker, new Pacer(rowsPerSecond), this::cancelled, one).execute(List.of(wp));
      } finally {
        cancelRequested.set(false);
      }
      return wp.report();
    }
    throw new ReencryptionException("pass " + passName + " has no recorded partition " + cursorKey);
  }

  Pass pass(String name) {
    for (Pass p : passes) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new InvalidArgumentException("this job has no pass named " + name);
  }

  /** The DDL of the cursor table, for a migration tool (Flyway, Liquibase). */
  public String cursorTableDdl() {
    return store.createTableSql();
  }

  /** The names of the passes, in the order they run. */
  public List<String> passNames() {
    List<String> names = new ArrayList<>();
    passes.forEach(p -> names.add(p.name()));
    return names;
  }

  public int batchSize() {
    return batchSize;
  }

  public int workers() {
    return workers;
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    passes.forEach(p -> names.add(p.name()));
    return "ReencryptionJob" + names + "[workers " + workers + ", batch " + batchSize + "]";
  }

  /** Configures a {@link ReencryptionJob}. Not thread-safe. */
  public static final class Builder {
    private final SessionFactoryImplementor factory;
    private final List<Pass> passes = new ArrayList<>();
    private int workers = 1;
    private int partitions;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private double rowsPerSecond;
    private Duration pause = Duration.ZERO;
    private int maxAttempts = 5;
    private boolean failFast;
    private boolean createCursorTable = true;
    private String cursorTable = DEFAULT_CURSOR_TABLE;
    private ReencryptionListener listener = ReencryptionListener.NONE;

    private Builder(SessionFactory sessionFactory) {
      if (sessionFactory == null) {
        throw new InvalidArgumentException("session factory must not be null");
      }
      this.factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
    }

    /** Adds a pass; passes run in the order added. */
    public Builder pass(Pass pass) {
      if (pass == null) {
        throw new InvalidArgumentException("pass must not be null");
      }
      if (pass.name() == null || !pass.name().matches("[a-z0-9-]{1,40}")) {
        throw new InvalidArgumentException("pass name must match [a-z0-9-]{1,40}: " + pass.name());
      }
      for (Pass p : passes) {
        if (p.name().equals(pass.name())) {
          throw new InvalidArgumentException("two passes are named " + pass.name());
        }
      }
      passes.add(pass);
      return this;
    }

    /** Worker threads, 1 to 64 (default 1). */
    public Builder workers(int n) {
      if (n < 1 || n > 64) {
        throw new InvalidArgumentException("workers must be 1 to 64, not " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * Partitions (key ranges) per table, 1 to 10,000 (default 1 for one worker, else 4 per worker;
     * never more than one per batch of rows). Only used when a walk is planned: a resumed walk
     * keeps its recorded partitions.
     */
    public Builder partitions(int n) {
      if (n < 1 || n > 10_000) {
        throw new InvalidArgumentException("partitions must be 1 to 10000, not " + n);
      }
      this.partitions = n;
      return this;
    }

    /** Rows per batch and per transaction, 1 to 100,000 (default 500). */
    public Builder batchSize(int rows) {
      if (rows < 1 || rows > MAX_BATCH_SIZE) {
        throw new InvalidArgumentException("batch size must be 1 to 100000, not " + rows);
      }
      this.batchSize = rows;
      return this;
    }

    /** The most rows per second over all workers (default 0: unlimited). */
    public Builder rowsPerSecond(double rows) {
      if (!(rows >= 0) || Double.isInfinite(rows)) {
        throw new InvalidArgumentException("rows per second must be zero or positive");
      }
      this.rowsPerSecond = rows;
      return this;
    }

    /** A pause after every batch of each worker (default none). */
    public Builder pauseBetweenBatches(Duration pause) {
      if (pause == null || pause.isNegative()) {
        throw new InvalidArgumentException("pause must be zero or positive");
      }
      this.pause = pause;
      return this;
    }

    /** Tries of a batch failing in the database before its partition fails, 1 to 100 (5). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new InvalidArgumentException("attempts must be 1 to 100, not " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Whether the first failed partition stops the run with a {@link PartitionFailedException}
     * (default false: the other partitions go on and the report lists the failure).
     */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /** The cursor table, as written in SQL (may be schema-qualified). */
    public Builder cursorTable(String table) {
      if (table == null
          || !table.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}")) {
        throw new InvalidArgumentException(
            "cursor table must be a plain SQL name, optionally qualified");
      }
      this.cursorTable = table;
      return this;
    }

    /** Whether to create the cursor table when it is missing (default true). */
    public Builder createCursorTable(boolean create) {
      this.createCursorTable = create;
      return this;
    }

    public Builder listener(ReencryptionListener listener) {
      if (listener == null) {
        throw new InvalidArgumentException("listener must not be null");
      }
      this.listener = listener;
      return this;
    }

    public ReencryptionJob build() {
      if (passes.isEmpty()) {
        throw new InvalidArgumentException("a re-encryption job needs at least one pass");
      }
      return new ReencryptionJob(this);
    }
  }
}
