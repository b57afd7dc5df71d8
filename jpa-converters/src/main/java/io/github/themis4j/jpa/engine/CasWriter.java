package io.github.themis4j.jpa.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.JDBCException;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * Executes the compare-and-set updates of one batch on the batch's own JDBC connection, one
 * prepared statement per SQL text reused for every row of the batch (a native Hibernate query per
 * row costs several times the cryptography). Identifiers are bound by Hibernate's binder for the
 * identifier type. Not thread-safe; closed at the end of the batch, before its transaction ends.
 */
final class CasWriter implements AutoCloseable {
  private final SharedSessionContractImplementor session;
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  CasWriter(StatelessSession s) {
    this.session = s.unwrap(SharedSessionContractImplementor.class);
    this.connection = s.doReturningWork(c -> c);
  }

  /**
   * {@code update t set <written> where key = ? and <every column = its old value, or is null>}:
   * returns true if the row still held the old values (and was written).
   */
  boolean update(PassTable walk, Object id, Object[] old, Rewrite rewrite) {
    StringBuilder sql = new StringBuilder("update ").append(walk.table().name()).append(" set ");
    List<Object> binds = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<String, Object> e : rewrite.values().entrySet()) {
      PassColumn c = walk.column(e.getKey());
      if (c == null) {
        throw new ReencryptionException(
            "the pass wrote column "
                + e.getKey()
                + ", which it did not declare for "
                + walk.table().name());
      }
      sql.append(first ? "" : ", ").append(c.name()).append(" = ?");
      first = false;
      binds.add(e.getValue());
      types.add(c.javaType());
    }
    sql.append(" where ").append(walk.table().keyColumn()).append(" = ?");
    int idIndex = binds.size();
    List<Object> compared = new ArrayList<>();
    List<Class<?>> comparedTypes = new ArrayList<>();
    for (int i = 0; i < walk.columns().size(); i++) {
      PassColumn c = walk.columns().get(i);
      if (old[i] == null) {
        sql.append(" and ").append(c.name()).append(" is null");
      } else {
        sql.append(" and ").append(c.name()).append(" = ?");
        compared.add(old[i]);
        comparedTypes.add(c.javaType());
      }
    }
    String text = sql.toString();
    try {
      PreparedStatement ps = statements.get(text);
      if (ps == null) {
        ps = connection.prepareStatement(text);
        statements.put(text, ps);
      }
      int p = 1;
      for (int i = 0; i < idIndex; i++) {
        bind(ps, p++, binds.get(i), types.get(i));
      }
      @SuppressWarnings("unchecked")
      ValueBinder<Object> binder =
          (ValueBinder<Object>) walk.table().idMapping().getJdbcValueBinder();
      binder.bind(ps, walk.table().idMapping().convertToRelationalValue(id), p++, session);
      for (int i = 0; i < compared.size(); i++) {
        bind(ps, p++, compared.get(i), comparedTypes.get(i));
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new JDBCException("compare-and-set update failed: " + e.getMessage(), e, text);
    }
  }

  private static void bind(PreparedStatement ps, int index, Object v, Class<?> type)
      throws SQLException {
    if (v == null) {
      ps.setNull(
          index,
          type == byte[].class
              ? Types.VARBINARY
              : type == String.class ? Types.VARCHAR : Types.OTHER);
    } else if (v instanceof byte[]) {
      ps.setBytes(index, (byte[]) v);
    } else if (v instanceof String) {
      ps.setString(index, (String) v);
    } else {
      ps.setObject(index, v);
    }
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // the transaction ends next anyway
      }
    }
    statements.clear();
  }
}
