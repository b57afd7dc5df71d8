package io.github.themis4j.jpa.engine;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.hibernate.StatelessSession;

/**
 * Processes one batch of a partition in one transaction: reads the next rows of its key range,
 * hands each to the pass, writes the rewrites with compare-and-set updates (re-reading a row that
 * changed with a locking read, up to three attempts) and, for a durable partition, claims and
 * advances its cursor in the same transaction. Thread-safe (holds no state between batches).
 */
final class PartitionWalker {
  private static final Logger LOG = Logger.getLogger(ReencryptionJob.class.getName());
  private static final int ROW_ATTEMPTS = 3;

  private final Transactions tx;
  private final CursorStore store;
  private final int batchSize;
  private final String forUpdate;

  /** The row being processed by each worker, for a failure report. */
  private final ThreadLocal<Object> currentRow = new ThreadLocal<>();

  PartitionWalker(Transactions tx, CursorStore store, int batchSize, String forUpdate) {
    this.tx = tx;
    this.store = store;
    this.batchSize = batchSize;
    this.forUpdate = forUpdate;
  }

  /** The id of the row the current thread was processing when its batch failed, or null. */
  Object failedRow() {
    return currentRow.get();
  }

  /** Runs the next batch of {@code p} and advances it after the commit. */
  Batch next(Partition p) {
    currentRow.remove();
    Batch b =
        tx.withRetries(
            "a batch of " + p.walk.describe() + " after key " + p.cursor, s -> batch(s, p));
    if (b.takenOver) {
      p.finished = true;
      return b;
    }
    p.cursor = b.last;
    p.rowsDone += b.rows;
    p.finished = b.finished;
    currentRow.remove();
    return b;
  }

  private Batch batch(StatelessSession s, Partition p) {
    Batch b = new Batch();
    Object from = p.cursor;
    Object hi = p.hi;
    if (p.cursorKey != null) {
      CursorStore.State st = store.readLocked(s, p.cursorKey, forUpdate);
      if (st == null) {
        // replanned by another run (a finished walk planned afresh): its new row has this key
        throw new Transactions.Retry(
            p.walk.describe() + " partition " + p.no + " is being replanned by another run");
      }
      if (st.finished) {
        b.finished = true;
        b.last = Ids.fromText(st.last, p.walk.table.table().idType());
        return b;
      }
      if (!store.claim(s, p.cursorKey, st.version)) {
        throw new Transactions.Retry(
            "another run advanced partition " + p.no + " of " + p.walk.describe());
      }
      from = Ids.fromText(st.last, p.walk.table.table().idType());
      hi = Ids.fromText(st.hi, p.walk.table.table().idType()); // the range as recorded
    }
    List<Object[]> rows = Sql.batch(s, p.walk.table, from, hi, batchSize);
    try (CasWriter writer = new CasWriter(s)) {
      for (Object[] row : rows) {
        process(s, writer, p.walk, row, b);
      }
    }
    b.rows = rows.size();
    b.finished = rows.size() < batchSize;
    b.last = rows.isEmpty() ? from : rows.get(rows.size() - 1)[0];
    if (p.cursorKey != null) {
      store.advance(s, p.cursorKey, Ids.toText(b.last), b.rows, b.finished);
    }
    return b;
  }

  private void process(StatelessSession s, CasWriter writer, Walk w, Object[] selected, Batch b) {
    Object id = selected[0];
    currentRow.set(id);
    Object[] values = Arrays.copyOfRange(selected, 1, selected.length);
    for (int attempt = 1; ; attempt++) {
      Row row = new Row(w.table, id, values);
      Rewrite rw = w.pass.process(row);
      if (rw == null) {
        b.tally.addAll(row.counts);
        return;
      }
      if (writer.update(w.table, id, values, rw)) {
        b.tally.addAll(row.counts);
        rw.ifWritten().forEach(c -> b.tally.add(c[0], c[1], 1));
        b.rewritten++;
        return;
      }
      if (attempt == ROW_ATTEMPTS) {
        if (w.pass.resumption() == Resumption.ONCE) {
          // the cursor must not pass a row left undone: roll back and try the whole batch again
          throw new Transactions.Retry(
              w.describe() + ": row " + id + " kept changing during the batch");
        }
        b.tally.addAll(row.counts);
        rw.ifConflict().forEach(c -> b.tally.add(c[0], c[1], 1));
        b.conflicts++;
        LOG.fine(() -> w.describe() + ": row " + id + " kept changing; left for a later run");
        return;
      }
      List<Object[]> again = Sql.reread(s, w.table, id, forUpdate);
      if (again.isEmpty()) {
        return; // deleted meanwhile: nothing left to do
      }
      values = Arrays.copyOfRange(again.get(0), 1, again.get(0).length);
    }
  }
}
