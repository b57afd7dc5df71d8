package io.github.themis4j.jpa.engine;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * The durable cursors of partitioned walks: one row per partition in a small table, updated in the
 * same transaction as each batch of the partition, so that cursor and data always agree whenever
 * the process stops. Every batch first increments the row's {@code version} with a compare-and-set
 * update, which locks it until the batch commits: two runs of the same walk take turns batch by
 * batch instead of both processing the same rows.
 */
final class CursorStore {
  private final String table;

  CursorStore(String table) {
    this.table = table;
  }

  String table() {
    return table;
  }

  /** Portable DDL (H2, PostgreSQL, MariaDB/MySQL, Oracle, SQL Server). */
  String createTableSql() {
    return "create table "
        + table
        + " (cursor_key varchar(64) not null primary key, "
        + "plan_key varchar(64) not null, "
        + "pass_name varchar(40) not null, "
        + "table_name varchar(255) not null, "
        + "label varchar(255) not null, "
        + "part_no integer not null, "
        + "parts integer not null, "
        + "lo_id varchar(1024), "
        + "hi_id varchar(1024), "
        + "last_id varchar(1024), "
        + "rows_total bigint not null, "
        + "rows_done bigint not null, "
        + "finished integer not null, "
        + "version bigint not null, "
        + "updated_at varchar(40) not null)";
  }

  /** Whether the table exists with this shape, probed over plain JDBC. */
  boolean exists(SessionFactory factory) {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.doReturningWork(
          c -> {
            try (Statement st = c.createStatement()) {
              st.executeQuery(
                      "select cursor_key, plan_key, part_no, lo_id, hi_id, last_id, rows_total,"
                          + " rows_done, finished, version from "
                          + table
                          + " where 1 = 0")
                  .close();
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

  void create(StatelessSession s) {
    s.createNativeMutationQuery(createTableSql()).executeUpdate();
  }

  /** One partition's committed cursor. */
  static final class State {
    final String cursorKey;
    final int partNo;
    final int parts;
    final String lo;
    final String hi;
    final String last;
    final long rowsTotal;
    final long rowsDone;
    final boolean finished;
    final long version;

    State(Object[] r) {
      this.cursorKey = (String) r[0];
      this.partNo = ((Number) r[1]).intValue();
      this.parts = ((Number) r[2]).intValue();
      this.lo = (String) r[3];
      this.hi = (String) r[4];
      this.last = (String) r[5];
      this.rowsTotal = ((Number) r[6]).longValue();
      this.rowsDone = ((Number) r[7]).longValue();
      this.finished = ((Number) r[8]).intValue() != 0;
      this.version = ((Number) r[9]).longValue();
    }
  }

  private List<State> select(StatelessSession s, String where, String param) {
    return select(s, where, param, "");
  }

  private List<State> select(StatelessSession s, String where, String param, String lock) {
    List<Object[]> rows =
        s.createNativeQuery(
                "select cursor_key, part_no, parts, lo_id, hi_id, last_id, rows_total, rows_done,"
                    + " finished, version from "
                    + table
                    + " where "
                    + where
                    + (lock.isEmpty() ? " order by part_no" : lock),
                Object[].class)
            .addScalar("cursor_key", String.class)
            .addScalar("part_no", Integer.class)
            .addScalar("parts", Integer.class)
            .addScalar("lo_id", String.class)
            .addScalar("hi_id", String.class)
            .addScalar("last_id", String.class)
            .addScalar("rows_total", Long.class)
            .addScalar("rows_done", Long.class)
            .addScalar("finished", Integer.class)
            .addScalar("version", Long.class)
            .setParameter("k", param)
            .getResultList();
    List<State> out = new ArrayList<>();
    rows.forEach(r -> out.add(new State(r)));
    return out;
  }

  /** The partitions of a plan, in order (empty if there is none). */
  List<State> plan(StatelessSession s, String planKey) {
    return select(s, "plan_key = :k", planKey);
  }

  /** The partitions of a plan, read with the dialect's locking read. */
  List<State> planLocked(StatelessSession s, String planKey, String forUpdate) {
    return select(
        s,
        "plan_key = :k",
        planKey,
        forUpdate.isEmpty() ? " order by part_no" : " order by part_no" + forUpdate);
  }

  /** One partition, or null if its row is gone. */
  State read(StatelessSession s, String cursorKey) {
    List<State> l = select(s, "cursor_key = :k", cursorKey);
    return l.isEmpty() ? null : l.get(0);
  }

  /**
   * One partition read with the dialect's locking read: a concurrent run's batch on the same
   * partition is waited for, and this transaction owns the cursor until it ends.
   */
  State readLocked(StatelessSession s, String cursorKey, String forUpdate) {
    List<State> l = select(s, "cursor_key = :k", cursorKey, forUpdate);
    return l.isEmpty() ? null : l.get(0);
  }

  /** Deletes a plan's rows. */
  void delete(StatelessSession s, String planKey) {
    s.createNativeMutationQuery("delete from " + table + " where plan_key = :k")
        .setParameter("k", planKey)
        .executeUpdate();
  }

  /** Inserts a partition's starting cursor (fails on a duplicate if another run did it first). */
  void insert(StatelessSession s, Walk w, int no, int parts, String lo, String hi, long total) {
    s.createNativeMutationQuery(
            "insert into "
                + table
                + " (cursor_key, plan_key, pass_name, table_name, label, part_no, parts, lo_id,"
                + " hi_id, last_id, rows_total, rows_done, finished, version, updated_at) values"
                + " (:ck, :pk, :pn, :t, :l, :no, :parts, :lo, :hi, :lo, :total, 0, 0, 0, :u)")
        .setParameter("ck", w.cursorKey(no))
        .setParameter("pk", w.planKey)
        .setParameter("pn", w.pass.name())
        .setParameter("t", clip(w.table.table().name(), 255))
        .setParameter("l", clip(w.table.label(), 255))
        .setParameter("no", no)
        .setParameter("parts", parts)
        .setParameter("lo", lo, String.class)
        .setParameter("hi", hi, String.class)
        .setParameter("total", total)
        .setParameter("u", Instant.now().toString())
        .executeUpdate();
  }

  /** Sets a fresh partition's cursor (from progress recorded elsewhere). */
  void seed(StatelessSession s, String cursorKey, String last, long rowsDone, boolean finished) {
    s.createNativeMutationQuery(
            "update "
                + table
                + " set last_id = :l, rows_done = :n, finished = :f where cursor_key = :k")
        .setParameter("l", last, String.class)
        .setParameter("n", rowsDone)
        .setParameter("f", finished ? 1 : 0)
        .setParameter("k", cursorKey)
        .executeUpdate();
  }

  /** Takes the partition for this transaction if its version is still {@code expected}. */
  boolean claim(StatelessSession s, String cursorKey, long expected) {
    return s.createNativeMutationQuery(
                "update "
                    + table
                    + " set version = version + 1 where cursor_key = :k and version = :v")
            .setParameter("k", cursorKey)
            .setParameter("v", expected)
            .executeUpdate()
        == 1;
  }

  /** Records a batch: the last key done, the rows done, whether the end was reached. */
  void advance(StatelessSession s, String cursorKey, String last, long rows, boolean finished) {
    int n =
        s.createNativeMutationQuery(
                "update "
                    + table
                    + " set last_id = :l, rows_done = rows_done + :n, finished = :f,"
                    + " updated_at = :u where cursor_key = :k")
            .setParameter("l", last, String.class)
            .setParameter("n", rows)
            .setParameter("f", finished ? 1 : 0)
            .setParameter("u", Instant.now().toString())
            .setParameter("k", cursorKey)
            .executeUpdate();
    if (n != 1) {
      throw new Transactions.Retry("the cursor row of a partition disappeared from " + table);
    }
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
