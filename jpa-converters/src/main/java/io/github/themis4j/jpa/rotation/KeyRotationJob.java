package io.github.themis4j.jpa.rotation;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributes;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.TokenProtectedValue;
import io.github.themis4j.jpa.rotation.RotationPlan.ColumnPlan;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintKeys;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import io.github.themis4j.jpa.rotation.RotationPlan.TableGroup;
import io.github.themis4j.jpa.rotation.RotationPlan.Unrotated;
import io.github.themis4j.jpa.rotation.RotationProgress.Kind;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.jpa.rotation.RotationReport.Status;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.UnknownKeyException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.NativeQuery;

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
  /** The default name of the table holding Context Imprint progress. */
  public static final String DEFAULT_PROGRESS_TABLE = "themis4j_rotation_progress";

  /** The default number of rows per batch (and per transaction). */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private static final Logger LOG = Logger.getLogger(KeyRotationJob.class.getName());
  private static final int ROW_ATTEMPTS = 3;
  private static final int MAX_FAILED_IDS = 20;

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
  private final ImprintProgressStore store;
  private final KeyRotationListener listener;

  /**
   * The dialect's locking-read suffix: re-reads after a conflict see (and lock) the latest
   * committed row.
   */
  private final String forUpdate;

  private final AtomicBoolean running = new AtomicBoolean();
  private volatile RotationReport lastReport;
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private final Map<String, RotationProgress> progress =
      Collections.synchronizedMap(new LinkedHashMap<>());

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
    this.store = new ImprintProgressStore(b.progressTable);
    this.listener = b.listener;
    String lock = b.factory.getJdbcServices().getDialect().getForUpdateString();
    this.forUpdate = lock == null ? "" : lock;
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
   *     with the old key, a key named for the run is not held, or a run of this job is in progress.
   *     Everything committed before stays valid; run again to resume.
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
   * Asks a run in progress to stop after its current batch (which commits). The run then returns a
   * report marked {@linkplain RotationReport#cancelled() cancelled}. Interrupting the thread
   * running the job has the same effect.
   */
  public void cancel() {
    cancelRequested.set(true);
  }

  /** Whether a run or an inventory of this job is in progress. */
  public boolean isRunning() {
    return running.get();
  }

  /** The progress of each pass of the current run (or of the last one), in the order they ran. */
  public List<RotationProgress> progress() {
    synchronized (progress) {
      return List.copyOf(progress.values());
    }
  }

  /** The report of the last {@link #run()} of this job that ended without an exception, if any. */
  public Optional<RotationReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  /** The batch size, for display. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public String toString() {
    return "KeyRotationJob["
        + attributes.size()
        + " encrypted attributes, batch "
        + batchSize
        + (imprintKeys.isEmpty() ? "" : ", Context Imprint keys for rings " + imprintKeys.keySet())
        + (running.get() ? ", running" : "")
        + "]";
  }

  // ---- the run ----------------------------------------------------------------------------------

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
              : RotationPlan.build(factory, attributes, entities, codec, imprintKeys);
      Map<Object, Tally> tallies = new IdentityHashMap<>();
      if (rotate) {
        LOG.info(
            () ->
                "key rotation: "
                    + plan.tables.size()
                    + " tables with Seal/Token Protect values, "
                    + plan.imprints.size()
                    + " Context Imprint attributes to rotate, "
                    + plan.unrotated.size()
                    + " not rotated");
        for (TableGroup g : plan.tables) {
          if (cancelled()) {
            break;
          }
          recordedPass(g, tallies);
        }
        if (!plan.imprints.isEmpty() && !cancelled()) {
          ensureProgressTable();
          for (ImprintTask t : plan.imprints) {
            if (cancelled()) {
              break;
            }
            imprintPass(t, tallies);
          }
        }
      }
      boolean wasCancelled = cancelled();
      boolean verified = !wasCancelled && (verify || !rotate);
      List<AttributeResult> results = new ArrayList<>();
      for (TableGroup g : plan.tables) {
        Map<ColumnPlan, Census> census = verified ? census(g) : null;
        for (ColumnPlan c : g.columns) {
          results.add(
              recordedResult(
                  c, tallies.get(c), census == null ? null : census.get(c), rotate, wasCancelled));
        }
      }
      Map<String, ImprintProgressStore.State> states = imprintStates(plan.imprints);
      for (ImprintTask t : plan.imprints) {
        results.add(
            imprintResult(
                t, tallies.get(t), states.get(ImprintProgressStore.rotationKey(t)), wasCancelled));
      }
      for (Unrotated u : plan.unrotated) {
        results.add(unrotatedResult(u));
      }
      RotationReport report =
          new RotationReport(
              results, wasCancelled, verified, started, Duration.ofNanos(System.nanoTime() - t0));
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
    } finally {
      running.set(false);
    }
  }

  private boolean cancelled() {
    return cancelRequested.get() || Thread.currentThread().isInterrupted();
  }

  private void pause() {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // seen by cancelled()
    }
  }

  // ---- Seal and Token Protect: stateless pass
  // ------------------------------------------------------

  /** Positions of each column's value and token in a selected row (position 0 is the key). */
  private static final class Layout {
    final int[] value;
    final int[] token;
    final String select;

    Layout(TableGroup g) {
      value = new int[g.columns.size()];
      token = new int[g.columns.size()];
      StringBuilder sql = new StringBuilder("select ").append(g.table.keyColumn).append(" as r_id");
      int pos = 1;
      for (int i = 0; i < g.columns.size(); i++) {
        ColumnPlan c = g.columns.get(i);
        value[i] = pos++;
        sql.append(", ").append(c.column).append(" as r_v").append(i);
        if (c.tokenColumn != null) {
          token[i] = pos++;
          sql.append(", ").append(c.tokenColumn).append(" as r_t").append(i);
        } else {
          token[i] = -1;
        }
      }
      select = sql.append(" from ").append(g.table.name).toString();
    }
  }

  private List<Object[]> selectRows(
      StatelessSession s, TableGroup g, Layout l, String where, Object param, int max) {
    NativeQuery<Object[]> q = s.createNativeQuery(l.select + where, Object[].class);
    q.addScalar("r_id", g.table.idType);
    for (int i = 0; i < g.columns.size(); i++) {
      ColumnPlan c = g.columns.get(i);
      Class<?> type = c.attribute.format().columnJavaType();
      q.addScalar("r_v" + i, type);
      if (c.tokenColumn != null) {
        q.addScalar("r_t" + i, type);
      }
    }
    if (param != null) {
      q.setParameter("p", param);
    }
    if (max > 0) {
      q.setMaxResults(max);
    }
    return q.getResultList();
  }

  private String after(RotationPlan.Table t, Object last) {
    return (last == null ? "" : " where " + t.keyColumn + " > :p") + " order by " + t.keyColumn;
  }

  private void recordedPass(TableGroup g, Map<Object, Tally> tallies) {
    RotationPlan.Table t = g.table;
    Tracker tracker =
        new Tracker(Kind.RECORDED_KEY, t.entity, t.name, null, 0, count(t, null, null, null));
    tracker.start("Seal/Token Protect values of " + columnsOf(g) + " to keys " + targetsOf(g));
    Layout layout = new Layout(g);
    Object last = null;
    boolean finished = false;
    try {
      while (!cancelled()) {
        Object from = last;
        RecordedBatch b =
            withRetries(
                "a batch of " + t.name + " after id " + from,
                s -> {
                  Map<ColumnPlan, Tally> delta = new IdentityHashMap<>();
                  List<Object[]> rows = selectRows(s, g, layout, after(t, from), from, batchSize);
                  try (CasWriter writer = new CasWriter(s)) {
                    for (Object[] row : rows) {
                      rotateRow(s, writer, g, layout, row, delta);
                    }
                  }
                  return new RecordedBatch(
                      rows.size(), rows.isEmpty() ? from : rows.get(rows.size() - 1)[0], delta);
                });
        long rotated = 0;
        for (Map.Entry<ColumnPlan, Tally> e : b.delta.entrySet()) {
          tallies.computeIfAbsent(e.getKey(), k -> new Tally()).add(e.getValue());
          rotated += e.getValue().rotated;
        }
        last = b.last;
        finished = b.rows < batchSize;
        tracker.batch(b.rows, rotated, finished);
        if (finished) {
          break;
        }
        pause();
      }
    } finally {
      tracker.end(finished);
    }
  }

  private static final class RecordedBatch {
    final int rows;
    final Object last;
    final Map<ColumnPlan, Tally> delta;

    RecordedBatch(int rows, Object last, Map<ColumnPlan, Tally> delta) {
      this.rows = rows;
      this.last = last;
      this.delta = delta;
    }
  }

  /** A re-encrypted value of one column of a row, with the value it replaces. */
  private static final class Change {
    final ColumnPlan column;
    final Object value;
    final Object token;
    final Object oldValue;
    final Object oldToken;
    final String oldKeyId;

    Change(
        ColumnPlan column,
        Object value,
        Object token,
        Object oldValue,
        Object oldToken,
        String oldKeyId) {
      this.column = column;
      this.value = value;
      this.token = token;
      this.oldValue = oldValue;
      this.oldToken = oldToken;
      this.oldKeyId = oldKeyId;
    }
  }

  private void rotateRow(
      StatelessSession s,
      CasWriter writer,
      TableGroup g,
      Layout l,
      Object[] row,
      Map<ColumnPlan, Tally> delta) {
    Object id = row[0];
    Object[] current = row;
    for (int attempt = 1; ; attempt++) {
      Map<ColumnPlan, Tally> local = new IdentityHashMap<>();
      List<Change> changes = new ArrayList<>();
      for (int i = 0; i < g.columns.size(); i++) {
        ColumnPlan c = g.columns.get(i);
        Tally tally = local.computeIfAbsent(c, k -> new Tally());
        tally.rows++;
        Object value = current[l.value[i]];
        Object token = l.token[i] < 0 ? null : current[l.token[i]];
        if (value == null) {
          continue;
        }
        String keyId = null;
        try {
          keyId = c.attribute.storedKeyId(codec, value, token);
          if (keyId.equals(c.targetKeyId)) {
            tally.current++;
            tally.key(keyId);
            continue;
          }
          changes.add(reencrypt(c, id, value, token, keyId));
        } catch (ThemisException e) {
          tally.fail(reason(e), id);
          if (keyId != null) {
            tally.key(keyId);
          }
        }
      }
      if (changes.isEmpty() || update(writer, g, id, changes)) {
        for (Change ch : changes) {
          local.get(ch.column).rotated++;
          local.get(ch.column).key(ch.column.targetKeyId);
        }
        merge(delta, local);
        return;
      }
      if (attempt == ROW_ATTEMPTS) {
        for (Change ch : changes) {
          local.get(ch.column).conflicts++;
          local.get(ch.column).key(ch.oldKeyId);
        }
        merge(delta, local);
        LOG.fine(
            () ->
                "key rotation: row "
                    + id
                    + " of "
                    + g.table.name
                    + " kept changing; left for a later run");
        return;
      }
      List<Object[]> again =
          selectRows(s, g, l, " where " + g.table.keyColumn + " = :p" + forUpdate, id, 0);
      if (again.isEmpty()) {
        return; // deleted meanwhile: nothing left to rotate
      }
      current = again.get(0);
    }
  }

  private Change reencrypt(ColumnPlan c, Object id, Object value, Object token, String keyId) {
    EncryptedAttribute a = c.attribute;
    ColumnFormat format = a.format();
    CellContext context = a.context(id);
    byte[] stored = format.fromColumn(value);
    byte[] plain = null;
    try {
      if (a.mode() == CellMode.SEAL) {
        plain = codec.unseal(a.keyRing(), context, stored);
        byte[] sealed = codec.seal(a.keyRing(), c.targetKeyId, context, plain);
        return new Change(c, format.toColumn(sealed), null, value, null, keyId);
      }
      plain = codec.untokenProtect(a.keyRing(), context, stored, format.fromColumn(token));
      TokenProtectedValue v = codec.tokenProtect(a.keyRing(), c.targetKeyId, context, plain);
      return new Change(
          c, format.toColumn(v.data()), format.toColumn(v.token()), value, token, keyId);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * The compare-and-set update of one row: true if it matched (the old values were still there).
   */
  private boolean update(CasWriter writer, TableGroup g, Object id, List<Change> changes) {
    StringBuilder set = new StringBuilder();
    StringBuilder where = new StringBuilder(" where ").append(g.table.keyColumn).append(" = ?");
    List<Object> values = new ArrayList<>();
    List<Object> compared = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change ch = changes.get(i);
      ColumnPlan c = ch.column;
      set.append(i == 0 ? "" : ", ").append(c.column).append(" = ?");
      where.append(" and ").append(c.column).append(" = ?");
      values.add(ch.value);
      compared.add(ch.oldValue);
      if (c.tokenColumn != null) {
        set.append(", ").append(c.tokenColumn).append(" = ?");
        where.append(" and ").append(c.tokenColumn).append(" = ?");
        values.add(ch.token);
        compared.add(ch.oldToken);
      }
    }
    String sql = "update " + g.table.name + " set " + set + where;
    return writer.update(sql, values, g.table.idMapping, id, compared) == 1;
  }

  // ---- Context Imprint: resumable pass
  // ------------------------------------------------------------

  private void ensureProgressTable() {
    if (progressTableExists()) {
      return;
    }
    if (!createProgressTable) {
      throw new KeyRotationException(
          "the Context Imprint progress table "
              + store.table()
              + " does not exist; create it with: "
              + store.createTableSql());
    }
    try {
      inTransaction(
          s -> {
            store.create(s);
            return null;
          });
      LOG.info(() -> "key rotation: created the progress table " + store.table());
    } catch (PersistenceException e) {
      if (!progressTableExists()) { // else created by a concurrent run
        throw new KeyRotationException(
            "cannot create the Context Imprint progress table "
                + store.table()
                + " ("
                + e.getMessage()
                + "); create it with: "
                + store.createTableSql(),
            e);
      }
    }
  }

  /** Probes the progress table over plain JDBC (a failing Hibernate query would log a warning). */
  private boolean progressTableExists() {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.doReturningWork(
          c -> {
            try (Statement st = c.createStatement()) {
              st.executeQuery("select count(*) from " + store.table() + " where 1 = 0").close();
              return true;
            } catch (SQLException e) {
              return false;
            } finally {
              if (!c.getAutoCommit()) {
                c.rollback();
              }
            }
          });
    }
  }

  private void imprintPass(ImprintTask t, Map<Object, Tally> tallies) {
    EncryptedAttribute a = t.attribute;
    String key = ImprintProgressStore.rotationKey(t);
    ImprintProgressStore.State initial =
        withRetries(
            "the progress of " + a.entityName() + "." + a.attributeName(),
            s -> {
              ImprintProgressStore.State st = store.read(s, key);
              if (st == null) {
                store.insert(s, key, t);
                st = store.read(s, key);
              }
              return st;
            });
    Tally tally = tallies.computeIfAbsent(t, k -> new Tally());
    Tracker tracker =
        new Tracker(
            Kind.CONTEXT_IMPRINT,
            t.table.entity,
            t.table.name,
            a.attributeName(),
            initial.rowsDone,
            count(t.table, null, null, null));
    tracker.start(
        "Context Imprint values of "
            + a.attributeName()
            + " from key '"
            + t.fromKeyId
            + "' to '"
            + t.toKeyId
            + "' of ring '"
            + a.keyRing()
            + "'"
            + (initial.finished
                ? ", finished by an earlier run"
                : initial.lastId == null ? "" : ", resuming after id " + initial.lastId));
    if (initial.finished) {
      tracker.end(true);
      return;
    }
    KeyRing ring = codec.keyRingProvider().keyRing(a.keyRing());
    ring.key(t.fromKeyId); // fail now, naming ring and key, if either is not held
    ring.key(t.toKeyId);
    boolean finished = false;
    try {
      while (!cancelled()) {
        ImprintBatch b =
            withRetries("a Context Imprint batch of " + t.table.name, s -> imprintBatch(s, t, key));
        tally.add(b.delta);
        finished = b.finished;
        tracker.batch(b.rows, b.delta.rotated, finished);
        if (finished) {
          break;
        }
        pause();
      }
    } finally {
      tracker.end(finished);
    }
  }

  private static final class ImprintBatch {
    final int rows;
    final boolean finished;
    final Tally delta;

    ImprintBatch(int rows, boolean finished, Tally delta) {
      this.rows = rows;
      this.finished = finished;
      this.delta = delta;
    }
  }

  /** Thrown inside a transaction to roll it back and try the batch again. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry(String message) {
      super(message, null, false, false);
    }
  }

  private ImprintBatch imprintBatch(StatelessSession s, ImprintTask t, String key) {
    ImprintProgressStore.State st = store.read(s, key);
    if (st == null) {
      throw new KeyRotationException(
          "the progress row of "
              + t.attribute.entityName()
              + "."
              + t.attribute.attributeName()
              + " disappeared from "
              + store.table());
    }
    if (st.finished) {
      return new ImprintBatch(0, true, new Tally());
    }
    if (!store.claim(s, key, st.version)) {
      throw new Retry("another run advanced the rotation of " + t.attribute.attributeName());
    }
    Object from = RotationPlan.idFromText(st.lastId, t.table.idType);
    List<Object[]> rows = selectImprint(s, t, after(t.table, from), from, batchSize);
    Tally delta = new Tally();
    try (CasWriter writer = new CasWriter(s)) {
      for (Object[] row : rows) {
        imprintRow(s, writer, t, row[0], row[1], delta);
      }
    }
    boolean end = rows.size() < batchSize;
    String last = rows.isEmpty() ? st.lastId : RotationPlan.idToText(rows.get(rows.size() - 1)[0]);
    store.advance(s, key, last, rows.size(), end);
    return new ImprintBatch(rows.size(), end, delta);
  }

  private List<Object[]> selectImprint(
      StatelessSession s, ImprintTask t, String where, Object param, int max) {
    NativeQuery<Object[]> q =
        s.createNativeQuery(
            "select "
                + t.table.keyColumn
                + " as r_id, "
                + t.column
                + " as r_v from "
                + t.table.name
                + where,
            Object[].class);
    q.addScalar("r_id", t.table.idType);
    q.addScalar("r_v", t.attribute.format().columnJavaType());
    if (param != null) {
      q.setParameter("p", param);
    }
    if (max > 0) {
      q.setMaxResults(max);
    }
    return q.getResultList();
  }

  private void imprintRow(
      StatelessSession s, CasWriter writer, ImprintTask t, Object id, Object value, Tally delta) {
    EncryptedAttribute a = t.attribute;
    Object current = value;
    for (int attempt = 1; ; attempt++) {
      if (current == null) {
        delta.rows++;
        return;
      }
      byte[] stored;
      try {
        stored = a.format().fromColumn(current);
      } catch (MalformedDataException e) {
        throw new KeyRotationException(
            where(t, id) + ": " + e.getMessage() + "; nothing of this batch was written");
      }
      if (stored.length == 0) {
        delta.rows++;
        delta.current++; // the empty value is stored as zero bytes under any key
        return;
      }
      CellContext context = a.context(id);
      byte[] plain = codec.unimprint(a.keyRing(), t.fromKeyId, context, stored);
      byte[] fresh;
      try {
        a.encoding().decode(plain);
        fresh = codec.imprint(a.keyRing(), t.toKeyId, context, plain);
      } catch (ThemisException | IllegalArgumentException e) {
        throw new KeyRotationException(
            where(t, id)
                + " does not decode as a "
                + a.javaType().getSimpleName()
                + " with key '"
                + t.fromKeyId
                + "' of ring '"
                + a.keyRing()
                + "': is it the key the values were written with? Nothing of this batch was written"
                + " (Context Imprint has no integrity check, so a wrong key is only noticed when"
                + " the result does not decode)");
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
      int n =
          writer.update(
              "update "
                  + t.table.name
                  + " set "
                  + t.column
                  + " = ? where "
                  + t.table.keyColumn
                  + " = ? and "
                  + t.column
                  + " = ?",
              List.of(a.format().toColumn(fresh)),
              t.table.idMapping,
              id,
              List.of(current));
      if (n == 1) {
        delta.rows++;
        delta.rotated++;
        return;
      }
      if (attempt == ROW_ATTEMPTS) {
        throw new Retry(where(t, id) + " kept changing during the batch");
      }
      List<Object[]> again =
          selectImprint(s, t, " where " + t.table.keyColumn + " = :p" + forUpdate, id, 0);
      if (again.isEmpty()) {
        return; // deleted meanwhile
      }
      current = again.get(0)[1];
    }
  }

  private static String where(ImprintTask t, Object id) {
    return "the Context Imprint value of "
        + t.attribute.entityName()
        + "."
        + t.attribute.attributeName()
        + " in the row with id "
        + id;
  }

  // ---- verification and results
  // -------------------------------------------------------------------

  /** Values per key id of one column, from the verification pass. */
  private static final class Census {
    final Map<String, Long> byKey = new TreeMap<>();
    long malformed;
  }

  private Map<ColumnPlan, Census> census(TableGroup g) {
    Map<ColumnPlan, Census> out = new IdentityHashMap<>();
    g.columns.forEach(c -> out.put(c, new Census()));
    Layout layout = new Layout(g);
    Object last = null;
    while (true) {
      Object from = last;
      List<Object[]> rows =
          withRetries(
              "counting keys in " + g.table.name,
              s -> selectRows(s, g, layout, after(g.table, from), from, batchSize));
      for (Object[] row : rows) {
        for (int i = 0; i < g.columns.size(); i++) {
          ColumnPlan c = g.columns.get(i);
          Object value = row[layout.value[i]];
          if (value == null) {
            continue;
          }
          try {
            out.get(c)
                .byKey
                .merge(
                    c.attribute.storedKeyId(
                        codec, value, layout.token[i] < 0 ? null : row[layout.token[i]]),
                    1L,
                    Long::sum);
          } catch (ThemisException e) {
            out.get(c).malformed++;
          }
        }
      }
      if (rows.size() < batchSize) {
        return out;
      }
      last = rows.get(rows.size() - 1)[0];
    }
  }

  private AttributeResult recordedResult(
      ColumnPlan c, Tally tally, Census census, boolean rotate, boolean wasCancelled) {
    Tally t = tally == null ? new Tally() : tally;
    EncryptedAttribute a = c.attribute;
    Map<String, Long> byKey = census != null ? census.byKey : t.byKey;
    Map<String, Long> failures = new TreeMap<>(t.failures);
    if (!rotate && census != null && census.malformed > 0) {
      failures.put(EncryptionObserver.MALFORMED, census.malformed);
    }
    Set<String> old = new TreeSet<>();
    byKey.forEach(
        (k, n) -> {
          if (n > 0 && !k.equals(c.targetKeyId)) {
            old.add(k);
          }
        });
    long failed = failures.values().stream().mapToLong(Long::longValue).sum();
    List<String> notes = new ArrayList<>();
    if (!old.isEmpty()) {
      long n =
          byKey.entrySet().stream()
              .filter(e -> old.contains(e.getKey()))
              .mapToLong(Map.Entry::getValue)
              .sum();
      notes.add(n + " values still under " + old + (rotate ? "" : ": run the rotation"));
    }
    if (failed > 0) {
      notes.add(failed + " values could not be read " + failures + ", rows " + t.failedIds);
    }
    if (t.conflicts > 0) {
      notes.add(t.conflicts + " values kept changing during the run");
    }
    if (wasCancelled) {
      notes.add("run cancelled");
    }
    Status status = !wasCancelled && old.isEmpty() && failed == 0 ? Status.DONE : Status.INCOMPLETE;
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        c.attribute.table(),
        c.column,
        a.mode(),
        a.keyRing(),
        c.targetKeyId,
        status,
        String.join("; ", notes),
        t.rows,
        t.rotated,
        t.current,
        t.conflicts,
        failures,
        t.failedIds,
        byKey,
        old);
  }

  private Map<String, ImprintProgressStore.State> imprintStates(List<ImprintTask> tasks) {
    Map<String, ImprintProgressStore.State> out = new LinkedHashMap<>();
    if (tasks.isEmpty()) {
      return out;
    }
    if (!progressTableExists()) {
      return out; // nothing rotated yet
    }
    withRetries(
        "reading Context Imprint progress",
        s -> {
          for (ImprintTask t : tasks) {
            String key = ImprintProgressStore.rotationKey(t);
            out.put(key, store.read(s, key));
          }
          return null;
        });
    return out;
  }

  private AttributeResult imprintResult(
      ImprintTask t, Tally tally, ImprintProgressStore.State st, boolean wasCancelled) {
    Tally done = tally == null ? new Tally() : tally;
    EncryptedAttribute a = t.attribute;
    Map<String, Long> byKey = new TreeMap<>();
    if (st != null && st.finished) {
      byKey.put(t.toKeyId, count(t.table, t.column, null, null));
    } else if (st != null && st.lastId != null) {
      Object last = RotationPlan.idFromText(st.lastId, t.table.idType);
      byKey.put(t.toKeyId, count(t.table, t.column, " <= :p", last));
      byKey.put(t.fromKeyId, count(t.table, t.column, " > :p", last));
    } else {
      byKey.put(t.fromKeyId, count(t.table, t.column, null, null));
    }
    byKey.values().removeIf(n -> n == 0);
    boolean finished = st != null && st.finished;
    Set<String> old = new TreeSet<>();
    List<String> notes = new ArrayList<>();
    if (!finished) {
      old.add(t.fromKeyId);
      notes.add(
          wasCancelled
              ? "run cancelled; run again to resume"
              : "not finished; run again to resume");
    } else {
      String readKey = readKeyId(a);
      if (!readKey.equals(t.toKeyId)) {
        old.add(readKey);
        notes.add(
            "all values are under '"
                + t.toKeyId
                + "' but reads use '"
                + readKey
                + "': "
                + (a.keyId() != null
                    ? "change @Encrypted(keyId) of "
                        + a.entityName()
                        + "."
                        + a.attributeName()
                        + " to '"
                        + t.toKeyId
                        + "'"
                    : "make '" + t.toKeyId + "' the active key of ring '" + a.keyRing() + "'")
                + " and restart the application");
      }
    }
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        a.table(),
        t.column,
        a.mode(),
        a.keyRing(),
        t.toKeyId,
        finished ? Status.DONE : Status.INCOMPLETE,
        String.join("; ", notes),
        done.rows,
        done.rotated,
        done.current,
        0,
        Map.of(),
        List.of(),
        byKey,
        old);
  }

  private String readKeyId(EncryptedAttribute a) {
    return a.keyId() != null
        ? a.keyId()
        : codec.keyRingProvider().keyRing(a.keyRing()).activeKeyId();
  }

  private AttributeResult unrotatedResult(Unrotated u) {
    EncryptedAttribute a = u.attribute;
    Map<String, Long> byKey = new TreeMap<>();
    Set<String> old = new TreeSet<>();
    if (u.status == Status.NOT_CONFIGURED) {
      String readKey = readKeyId(a);
      long n = count(u.table, u.column, null, null);
      if (n > 0) {
        byKey.put(readKey, n);
        if (!readKey.equals(codec.keyRingProvider().keyRing(a.keyRing()).activeKeyId())) {
          old.add(readKey);
        }
      }
    }
    return new AttributeResult(
        a.entityName(),
        a.attributeName(),
        a.table(),
        u.column,
        a.mode(),
        a.keyRing(),
        null,
        u.status,
        u.note,
        0,
        0,
        0,
        0,
        Map.of(),
        List.of(),
        byKey,
        old);
  }

  /**
   * {@code count(*)} (column null) or {@code count(column)} of a table, optionally with a key
   * condition.
   */
  private long count(RotationPlan.Table t, String column, String keyCondition, Object param) {
    String sql =
        "select count("
            + (column == null ? "*" : column)
            + ") as r_n from "
            + t.name
            + (keyCondition == null ? "" : " where " + t.keyColumn + keyCondition);
    return withRetries(
        "counting rows of " + t.name,
        s -> {
          NativeQuery<Long> q = s.createNativeQuery(sql, Long.class).addScalar("r_n", Long.class);
          if (param != null) {
            q.setParameter("p", param);
          }
          return q.getSingleResult();
        });
  }

  // ---- transactions
  // ----------------------------------------------------------------------------------

  private <T> T inTransaction(Function<StatelessSession, T> work) {
    try (StatelessSession s = factory.openStatelessSession()) {
      Transaction tx = s.beginTransaction();
      try {
        T result = work.apply(s);
        tx.commit();
        return result;
      } catch (RuntimeException | Error e) {
        try {
          if (tx.isActive()) {
            tx.rollback();
          }
        } catch (RuntimeException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  /**
   * Runs {@code work} in a transaction of its own, again after a database failure (a deadlock, a
   * lock timeout, a lost connection, a serialization failure) or a conflict, up to {@code
   * maxAttempts} times with a growing delay. Other failures are not retried.
   */
  private <T> T withRetries(String what, Function<StatelessSession, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return inTransaction(work);
      } catch (PersistenceException | Retry e) {
        if (attempt >= maxAttempts) {
          throw new KeyRotationException(
              "key rotation: "
                  + what
                  + " failed "
                  + attempt
                  + " times, last: "
                  + e.getMessage()
                  + "; everything committed before is kept, run the job again to resume",
              e);
        }
        int n = attempt;
        LOG.log(
            Level.FINE, e, () -> "key rotation: " + what + " failed (attempt " + n + "), retrying");
        try {
          Thread.sleep(Math.min(5_000L, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new KeyRotationException("key rotation interrupted while retrying " + what, e);
        }
      }
    }
  }

  private static String reason(ThemisException e) {
    if (e instanceof UnknownKeyException) {
      return EncryptionObserver.UNKNOWN_KEY;
    } else if (e instanceof AuthenticationFailedException) {
      return EncryptionObserver.AUTHENTICATION;
    }
    return EncryptionObserver.MALFORMED;
  }

  private static String columnsOf(TableGroup g) {
    List<String> names = new ArrayList<>();
    g.columns.forEach(c -> names.add(c.attribute.attributeName()));
    return names.toString();
  }

  private static String targetsOf(TableGroup g) {
    Set<String> keys = new TreeSet<>();
    g.columns.forEach(c -> keys.add(c.attribute.keyRing() + "/" + c.targetKeyId));
    return keys.toString();
  }

  private static void merge(Map<ColumnPlan, Tally> into, Map<ColumnPlan, Tally> from) {
    from.forEach((c, t) -> into.computeIfAbsent(c, k -> new Tally()).add(t));
  }

  // ---- counting and progress
  // -------------------------------------------------------------------------

  /** Counts for one attribute over a run. Not thread-safe (one run is one thread). */
  static final class Tally {
    long rows;
    long rotated;
    long current;
    long conflicts;
    final Map<String, Long> failures = new TreeMap<>();
    final List<String> failedIds = new ArrayList<>();
    final Map<String, Long> byKey = new TreeMap<>();

    void fail(String reason, Object id) {
      failures.merge(reason, 1L, Long::sum);
      if (failedIds.size() < MAX_FAILED_IDS) {
        failedIds.add(String.valueOf(id));
      }
    }

    void key(String keyId) {
      byKey.merge(keyId, 1L, Long::sum);
    }

    void add(Tally o) {
      rows += o.rows;
      rotated += o.rotated;
      current += o.current;
      conflicts += o.conflicts;
      o.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
      for (String id : o.failedIds) {
        if (failedIds.size() < MAX_FAILED_IDS) {
          failedIds.add(id);
        }
      }
      o.byKey.forEach((k, v) -> byKey.merge(k, v, Long::sum));
    }
  }

  /** Publishes one pass's progress to the log, the listener and {@link #progress()}. */
  private final class Tracker {
    private final Kind kind;
    private final String entity;
    private final String table;
    private final String attribute;
    private final long toDo;
    private final String key;
    private long done;
    private long rotated;
    private boolean finished;
    private long lastLog = System.nanoTime();
    private int lastDecile;

    Tracker(Kind kind, String entity, String table, String attribute, long done, long toDo) {
      this.kind = kind;
      this.entity = entity;
      this.table = table;
      this.attribute = attribute;
      this.done = done;
      this.toDo = toDo;
      this.key = kind + ":" + table + ":" + attribute;
      this.lastDecile = decile();
    }

    private int decile() {
      return toDo <= 0 ? 10 : (int) Math.min(10, done * 10 / toDo);
    }

    private RotationProgress snapshot() {
      return new RotationProgress(kind, entity, table, attribute, done, toDo, rotated, finished);
    }

    void start(String what) {
      RotationProgress p = snapshot();
      progress.put(key, p);
      LOG.info(
          () ->
              "key rotation: "
                  + entity
                  + " ("
                  + table
                  + "): "
                  + what
                  + "; "
                  + done
                  + "/"
                  + toDo
                  + " rows done");
      notify(l -> l.onPassStart(p), "onPassStart");
    }

    void batch(int rows, long rotatedNow, boolean finishedNow) {
      done += rows;
      rotated += rotatedNow;
      finished = finishedNow;
      RotationProgress p = snapshot();
      progress.put(key, p);
      int d = decile();
      long now = System.nanoTime();
      if (!finishedNow && (d > lastDecile || now - lastLog > 30_000_000_000L)) {
        lastDecile = d;
        lastLog = now;
        LOG.info(() -> "key rotation: " + p);
      } else {
        LOG.fine(() -> "key rotation: " + p);
      }
      notify(l -> l.onBatch(p), "onBatch");
    }

    void end(boolean finishedNow) {
      finished = finishedNow;
      RotationProgress p = snapshot();
      progress.put(key, p);
      LOG.info(() -> "key rotation: " + p + (finishedNow ? "" : " (stopped)"));
      notify(l -> l.onPassEnd(p), "onPassEnd");
    }

    private void notify(java.util.function.Consumer<KeyRotationListener> call, String name) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "KeyRotationListener." + name + " failed", e);
      }
    }
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

    private Builder(SessionFactory sessionFactory) {
      if (sessionFactory == null) {
        throw new InvalidArgumentException("session factory must not be null");
      }
      this.factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
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
     * The table keeping Context Imprint progress (default {@value #DEFAULT_PROGRESS_TABLE}), as
     * written in SQL (it may be schema-qualified).
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

    /** Whether to create the progress table when it is missing (default true). */
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
