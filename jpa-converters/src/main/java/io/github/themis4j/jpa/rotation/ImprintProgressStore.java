package io.github.themis4j.jpa.rotation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hibernate.StatelessSession;

/**
 * The durable progress of Context Imprint rotations: one row per (table, column, key ring, old key,
 * new key) in a small table, updated in the same transaction as each batch of re-encrypted rows, so
 * that the progress and the data always agree, whenever the process stops.
 *
 * <p>Every batch first increments the row's {@code version} with a compare-and-set update, which
 * locks the row until the batch commits: two runs working on the same rotation at once take turns
 * batch by batch, and neither re-encrypts a row the other has done.
 */
final class ImprintProgressStore {
  private final String table;

  ImprintProgressStore(String table) {
    this.table = table;
  }

  String table() {
    return table;
  }

  /**
   * The DDL of the progress table (portable SQL: H2, PostgreSQL, MariaDB/MySQL, Oracle, SQL
   * Server).
   */
  String createTableSql() {
    return "create table "
        + table
        + " ("
        + "rotation_key varchar(64) not null primary key, "
        + "table_name varchar(255) not null, "
        + "column_name varchar(255) not null, "
        + "key_ring varchar(64) not null, "
        + "from_key varchar(64) not null, "
        + "to_key varchar(64) not null, "
        + "last_id varchar(1024), "
        + "rows_done bigint not null, "
        + "finished integer not null, "
        + "version bigint not null, "
        + "updated_at varchar(40) not null)";
  }

  /** The progress row's key: SHA-256 of the context table and column, the ring and both key ids. */
  static String rotationKey(RotationPlan.ImprintTask t) {
    String s =
        String.join(
            "\u0000",
            t.attribute.contextTable(),
            t.attribute.contextColumn(),
            t.attribute.keyRing(),
            t.fromKeyId,
            t.toKeyId);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the progress table exists (the query fails if not: run it in a transaction of its own).
   */
  void probe(StatelessSession s) {
    s.createNativeQuery("select count(*) from " + table + " where 1 = 0", Object.class)
        .getResultList();
  }

  void create(StatelessSession s) {
    s.createNativeMutationQuery(createTableSql()).executeUpdate();
  }

  /** One rotation's progress as committed. */
  static final class State {
    final String lastId;
    final long rowsDone;
    final boolean finished;
    final long version;

    State(String lastId, long rowsDone, boolean finished, long version) {
      this.lastId = lastId;
      this.rowsDone = rowsDone;
      this.finished = finished;
      this.version = version;
    }
  }

  /** Reads the progress of {@code key}, or null if there is none. */
  State read(StatelessSession s, String key) {
    List<Object[]> rows =
        s.createNativeQuery(
                "select last_id, rows_done, finished, version from "
                    + table
                    + " where rotation_key = :k",
                Object[].class)
            .addScalar("last_id", String.class)
            .addScalar("rows_done", Long.class)
            .addScalar("finished", Integer.class)
            .addScalar("version", Long.class)
            .setParameter("k", key)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] r = rows.get(0);
    return new State((String) r[0], (Long) r[1], ((Integer) r[2]) != 0, (Long) r[3]);
  }

  /**
   * Inserts the starting progress of a rotation (fails on a duplicate key if another run did it
   * first).
   */
  void insert(StatelessSession s, String key, RotationPlan.ImprintTask t) {
    s.createNativeMutationQuery(
            "insert into "
                + table
                + " (rotation_key, table_name, column_name, key_ring, from_key, to_key, "
                + "last_id, rows_done, finished, version, updated_at) "
                + "values (:k, :t, :c, :r, :f, :n, null, 0, 0, 0, :u)")
        .setParameter("k", key)
        .setParameter("t", clip(t.table.name, 255))
        .setParameter("c", clip(t.column, 255))
        .setParameter("r", t.attribute.keyRing())
        .setParameter("f", t.fromKeyId)
        .setParameter("n", t.toKeyId)
        .setParameter("u", Instant.now().toString())
        .executeUpdate();
  }

  /**
   * Takes the rotation for the current transaction: increments its version if it is still {@code
   * expected}. Returns false if another run changed it meanwhile (then roll back and read again).
   */
  boolean claim(StatelessSession s, String key, long expected) {
    return s.createNativeMutationQuery(
                "update "
                    + table
                    + " set version = version + 1 where rotation_key = :k and version = :v")
            .setParameter("k", key)
            .setParameter("v", expected)
            .executeUpdate()
        == 1;
  }

  /**
   * Records a committed batch: the last identifier done, the rows done, whether the end was
   * reached.
   */
  void advance(StatelessSession s, String key, String lastId, long rows, boolean finished) {
    int n =
        s.createNativeMutationQuery(
                "update "
                    + table
                    + " set last_id = :l, rows_done = rows_done + :n, finished = :f, "
                    + "updated_at = :u where rotation_key = :k")
            .setParameter("l", lastId, String.class)
            .setParameter("n", rows)
            .setParameter("f", finished ? 1 : 0)
            .setParameter("u", Instant.now().toString())
            .setParameter("k", key)
            .executeUpdate();
    if (n != 1) {
      throw new KeyRotationException(
          "the progress row of a Context Imprint rotation disappeared from " + table);
    }
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
