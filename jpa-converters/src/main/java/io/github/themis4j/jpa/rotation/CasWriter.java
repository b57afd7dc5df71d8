package io.github.themis4j.jpa.rotation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.JDBCException;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * Executes the compare-and-set updates of one batch on the batch's own JDBC connection, with one
 * prepared statement per SQL text, reused for every row of the batch (a native Hibernate query per
 * row costs several times more than the cryptography). Identifiers are bound by Hibernate's own
 * binder for the identifier type, exactly as Hibernate binds them. Not thread-safe; closed at the
 * end of the batch, before its transaction ends.
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
   * Runs {@code sql} with the column values {@code values} (each {@code byte[]} or {@code String})
   * bound first, then the identifier, then {@code compared} (the same kinds), and returns the
   * update count.
   */
  int update(
      String sql, List<Object> values, JdbcMapping idMapping, Object id, List<Object> compared) {
    try {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      int i = 1;
      for (Object v : values) {
        bind(ps, i++, v);
      }
      @SuppressWarnings("unchecked")
      ValueBinder<Object> binder = (ValueBinder<Object>) idMapping.getJdbcValueBinder();
      binder.bind(ps, idMapping.convertToRelationalValue(id), i++, session);
      for (Object v : compared) {
        bind(ps, i++, v);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new JDBCException("compare-and-set update failed: " + e.getMessage(), e, sql);
    }
  }

  private static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
    if (v instanceof byte[]) {
      ps.setBytes(index, (byte[]) v);
    } else {
      ps.setString(index, (String) v);
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
