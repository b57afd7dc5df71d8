package io.github.themis4j.jpa.engine;

import java.util.List;
import org.hibernate.StatelessSession;
import org.hibernate.query.NativeQuery;

/** The SQL of a walk: keyset-paginated selects, counts, quantiles. */
final class Sql {
  private Sql() {}

  private static String select(PassTable w) {
    StringBuilder b = new StringBuilder("select ").append(w.table().keyColumn()).append(" as r_id");
    for (int i = 0; i < w.columns().size(); i++) {
      b.append(", ").append(w.columns().get(i).name()).append(" as r_v").append(i);
    }
    return b.append(" from ").append(w.table().name()).toString();
  }

  private static String where(PassTable w, boolean after, boolean upTo) {
    StringBuilder b = new StringBuilder();
    String k = w.table().keyColumn();
    if (after) {
      b.append(" where ").append(k).append(" > :lo");
    }
    if (upTo) {
      b.append(b.length() == 0 ? " where " : " and ").append(k).append(" <= :hi");
    }
    if (w.filter() != null) {
      b.append(b.length() == 0 ? " where " : " and ").append('(').append(w.filter()).append(')');
    }
    return b.toString();
  }

  /** The next batch of {@code (from, hi]}, ordered by key: each row is id then the columns. */
  static List<Object[]> batch(StatelessSession s, PassTable w, Object from, Object hi, int max) {
    NativeQuery<Object[]> q =
        typed(
            s,
            w,
            select(w) + where(w, from != null, hi != null) + " order by " + w.table().keyColumn());
    if (from != null) {
      q.setParameter("lo", from);
    }
    if (hi != null) {
      q.setParameter("hi", hi);
    }
    return q.setMaxResults(max).getResultList();
  }

  /** One row read again with the dialect's locking read; empty if deleted (or filtered out). */
  static List<Object[]> reread(StatelessSession s, PassTable w, Object id, String forUpdate) {
    String sql =
        select(w)
            + " where "
            + w.table().keyColumn()
            + " = :id"
            + (w.filter() == null ? "" : " and (" + w.filter() + ")")
            + forUpdate;
    return typed(s, w, sql).setParameter("id", id).getResultList();
  }

  private static NativeQuery<Object[]> typed(StatelessSession s, PassTable w, String sql) {
    NativeQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
    q.addScalar("r_id", w.table().idType());
    for (int i = 0; i < w.columns().size(); i++) {
      q.addScalar("r_v" + i, w.columns().get(i).javaType());
    }
    return q;
  }

  /** Rows of the walk, optionally only {@code (lo, hi]}. */
  static long count(StatelessSession s, PassTable w, Object lo, Object hi) {
    NativeQuery<Long> q =
        s.createNativeQuery(
                "select count(*) as r_n from "
                    + w.table().name()
                    + where(w, lo != null, hi != null),
                Long.class)
            .addScalar("r_n", Long.class);
    if (lo != null) {
      q.setParameter("lo", lo);
    }
    if (hi != null) {
      q.setParameter("hi", hi);
    }
    return q.getSingleResult();
  }

  /** The key at position {@code offset} (from 0) in key order. */
  static Object keyAt(StatelessSession s, PassTable w, long offset) {
    String k = w.table().keyColumn();
    List<Object> l =
        s.createNativeQuery(
                "select "
                    + k
                    + " as r_id from "
                    + w.table().name()
                    + where(w, false, false)
                    + " order by "
                    + k,
                Object.class)
            .addScalar("r_id", w.table().idType())
            .setFirstResult((int) Math.min(Integer.MAX_VALUE, offset))
            .setMaxResults(1)
            .getResultList();
    return l.isEmpty() ? null : l.get(0);
  }
}
