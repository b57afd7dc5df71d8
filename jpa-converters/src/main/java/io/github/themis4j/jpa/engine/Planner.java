package io.github.themis4j.jpa.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Splits each walk into key ranges and finds (or records) their cursors. Ranges come from the key
 * quantiles of the table at planning time ({@code order by key} with an offset per boundary), so
 * skewed keys (gaps, UUIDs, text) split evenly by row count. A durable plan is read back by later
 * runs as recorded, whatever was inserted meanwhile: a resumed partition keeps its range.
 */
final class Planner {
  private static final Logger LOG = Logger.getLogger(ReencryptionJob.class.getName());

  private final Transactions tx;
  private final CursorStore store; // null: no durable cursors in this run
  private final int partitions;
  private final int batchSize;

  private final String forUpdate;

  Planner(Transactions tx, CursorStore store, int partitions, int batchSize, String forUpdate) {
    this.forUpdate = forUpdate;
    this.tx = tx;
    this.store = store;
    this.partitions = partitions;
    this.batchSize = batchSize;
  }

  boolean durable(Walk w) {
    return store != null
        && w.pass.resumption() != Resumption.NONE
        && Ids.supportsText(w.table.table().idType());
  }

  void plan(Walk w) {
    if (w.pass.resumption() == Resumption.ONCE && !Ids.supportsText(w.table.table().idType())) {
      throw new ReencryptionException(
          w.describe()
              + ": identifier type "
              + w.table.table().idType().getName()
              + " cannot be recorded as a cursor; supported: Long, Integer, Short, Byte,"
              + " BigInteger, String, UUID");
    }
    if (!durable(w)) {
      tx.withRetries(
          "planning " + w.describe(),
          s -> {
            w.partitions.clear();
            List<Object> bounds = bounds(s, w);
            for (int i = 0; i + 1 < bounds.size(); i++) {
              w.partitions.add(new Partition(w, i, bounds.get(i), bounds.get(i + 1), null));
            }
            return null;
          });
      return;
    }
    tx.withRetries(
        "planning " + w.describe(),
        s -> {
          w.partitions.clear();
          // a locking read: two runs planning the same walk at once take turns
          List<CursorStore.State> states = store.planLocked(s, w.planKey, forUpdate);
          boolean reuse =
              !states.isEmpty()
                  && (w.pass.resumption() == Resumption.ONCE
                      || states.stream().anyMatch(st -> !st.finished));
          if (states.isEmpty() && w.table.hasLegacy) {
            w.rowsToDo = Sql.count(s, w.table, null, null);
            store.insert(s, w, 0, 1, null, null, w.rowsToDo);
            store.seed(
                s,
                w.cursorKey(0),
                w.table.legacyLast,
                w.table.legacyRowsDone,
                w.table.legacyFinished);
            states = store.plan(s, w.planKey);
            reuse = true;
            LOG.info(() -> w.describe() + ": resuming the progress recorded by an earlier version");
          }
          if (!reuse) {
            if (!states.isEmpty()) {
              store.delete(s, w.planKey); // a finished walk, planned afresh
            }
            List<Object> bounds = bounds(s, w);
            int parts = bounds.size() - 1;
            for (int i = 0; i < parts; i++) {
              store.insert(
                  s,
                  w,
                  i,
                  parts,
                  Ids.toText(bounds.get(i)),
                  Ids.toText(bounds.get(i + 1)),
                  w.rowsToDo);
            }
            states = store.plan(s, w.planKey);
          }
          Class<?> idType = w.table.table().idType();
          w.rowsDoneBefore = 0;
          for (CursorStore.State st : states) {
            Partition p =
                new Partition(
                    w,
                    st.partNo,
                    Ids.fromText(st.lo, idType),
                    Ids.fromText(st.hi, idType),
                    st.cursorKey);
            p.cursor = Ids.fromText(st.last, idType);
            p.rowsDone = st.rowsDone;
            p.finished = st.finished;
            w.partitions.add(p);
            w.rowsToDo = st.rowsTotal;
            w.rowsDoneBefore += st.rowsDone;
          }
          if (reuse) {
            long left = states.stream().filter(st -> !st.finished).count();
            LOG.fine(
                () -> w.describe() + ": resuming a recorded plan, " + left + " partitions left");
          }
          return null;
        });
  }

  /** {@code [null, b1, ..., b(n-1), null]}: partition i is {@code (bounds[i], bounds[i+1]]}. */
  private List<Object> bounds(org.hibernate.StatelessSession s, Walk w) {
    long rows = Sql.count(s, w.table, null, null);
    w.rowsToDo = rows;
    int parts = (int) Math.max(1, Math.min(partitions, rows / Math.max(1, batchSize)));
    List<Object> bounds = new ArrayList<>();
    bounds.add(null);
    Object previous = null;
    for (int k = 1; k < parts; k++) {
      Object key = Sql.keyAt(s, w.table, k * rows / parts - 1);
      if (key != null && !key.equals(previous)) {
        bounds.add(key);
        previous = key;
      }
    }
    bounds.add(null);
    return bounds;
  }
}
