package io.github.themis4j.jpa;

import io.github.themis4j.keyring.KeyRingProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.Configuration;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.hibernate.stat.Statistics;

/**
 * A plain Hibernate session factory over a private {@link TestDatabase} for one test class: entity
 * classes and settings in, {@link #inTransaction}, raw JDBC access, statistics and the SQL issued.
 */
final class JpaFixture implements AutoCloseable {
  /**
   * Keeps Hibernate's startup banner out of the test output (held: JUL loggers are weakly
   * referenced).
   */
  private static final java.util.logging.Logger HIBERNATE_LOG = quiet();

  final TestDatabase db;
  final SessionFactory sessionFactory;
  private final List<String> capture;
  private final boolean ownsDatabase;

  private JpaFixture(
      TestDatabase db, SessionFactory sessionFactory, List<String> capture, boolean ownsDatabase) {
    this.db = db;
    this.sessionFactory = sessionFactory;
    this.capture = capture;
    this.ownsDatabase = ownsDatabase;
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.hibernate");
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  static Builder builder(Class<?>... entities) {
    return new Builder(entities);
  }

  static JpaFixture of(KeyRingProvider keys, Class<?>... entities) {
    return builder(entities).keys(keys).build();
  }

  static final class Builder {
    private final Class<?>[] entities;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private TestDatabase shared;
    private TestDatabase external;

    private Builder(Class<?>[] entities) {
      this.entities = entities;
    }

    Builder keys(Object provider) {
      settings.put(ThemisJpaSettings.KEY_RING_PROVIDER, provider);
      return this;
    }

    Builder set(String key, Object value) {
      settings.put(key, value);
      return this;
    }

    /**
     * Uses the database of {@code other} (left open when this fixture closes) instead of a new one.
     */
    Builder sharing(JpaFixture other) {
      this.shared = other.db;
      return this;
    }

    /**
     * Creates this fixture's tables in {@code db}, which the caller owns (left open when this
     * fixture closes).
     */
    Builder sharingDatabase(TestDatabase db) {
      this.external = db;
      return this;
    }

    JpaFixture build() {
      TestDatabase db = shared != null ? shared : external != null ? external : TestDatabase.create();
      try {
        List<String> captured = Collections.synchronizedList(new ArrayList<>());
        Configuration cfg = new Configuration();
        for (Class<?> e : entities) {
          cfg.addAnnotatedClass(e);
        }
        cfg.getProperties().putAll(db.hibernateSettings());
        cfg.setProperty("hibernate.hbm2ddl.auto", shared != null ? "none" : "create");
        cfg.setProperty("hibernate.generate_statistics", "true");
        cfg.getProperties()
            .put(
                "hibernate.session_factory.statement_inspector",
                (StatementInspector)
                    s -> {
                      captured.add(s);
                      return s;
                    });
        cfg.getProperties().putAll(settings);
        return new JpaFixture(db, cfg.buildSessionFactory(), captured, shared == null && external == null);
      } catch (RuntimeException | Error e) {
        if (shared == null && external == null) {
          db.close();
        }
        throw e;
      }
    }
  }

  /** Runs {@code work} in a new session and transaction, committing at the end. */
  void inTransaction(Consumer<Session> work) {
    fromTransaction(
        s -> {
          work.accept(s);
          return null;
        });
  }

  /**
   * Runs {@code work} in a new session and transaction, committing at the end, and returns its
   * result.
   */
  <R> R fromTransaction(Function<Session, R> work) {
    try (Session s = sessionFactory.openSession()) {
      Transaction tx = s.beginTransaction();
      try {
        R r = work.apply(s);
        tx.commit();
        return r;
      } catch (RuntimeException | Error e) {
        if (tx.isActive()) {
          tx.rollback();
        }
        throw e;
      }
    }
  }

  Statistics statistics() {
    return sessionFactory.getStatistics();
  }

  /** Forgets the SQL captured so far and resets the statistics. */
  void resetCounters() {
    capture.clear();
    sessionFactory.getStatistics().clear();
  }

  /** The SQL statements issued since the last {@link #resetCounters()}. */
  List<String> statements() {
    synchronized (capture) {
      return new ArrayList<>(capture);
    }
  }

  /** The statements starting with {@code verb} (case-insensitive), e.g. "update". */
  List<String> statements(String verb) {
    List<String> out = new ArrayList<>();
    for (String s : statements()) {
      if (s.trim().toLowerCase(Locale.ROOT).startsWith(verb.toLowerCase(Locale.ROOT))) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Runs a query over plain JDBC and returns its rows (column values as the driver returns them).
   */
  List<Object[]> query(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs an update over plain JDBC; byte[] and String parameters bind as such. */
  int update(String sql, Object... params) {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof byte[]) {
          ps.setBytes(i + 1, (byte[]) params[i]);
        } else {
          ps.setObject(i + 1, params[i]);
        }
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  long count(String table) {
    return ((Number) query("select count(*) from " + table).get(0)[0]).longValue();
  }

  @Override
  public void close() {
    try {
      sessionFactory.close();
    } finally {
      if (ownsDatabase) {
        db.close();
      }
    }
  }
}
