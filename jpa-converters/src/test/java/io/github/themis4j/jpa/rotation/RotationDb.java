package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * A private database for one rotation test: H2 (in memory, or in files for tests that kill a JVM
 * using it) by default, or a scratch schema of the local PostgreSQL server / a scratch database of
 * the local MariaDB server when the system property {@code themis4j.test.db} says so (the root
 * pom's profiles). Dropped by {@link #close()}.
 */
final class RotationDb implements AutoCloseable {
  enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  /**
   * Keeps Hibernate's startup banner out of the test output (held: JUL loggers are weakly
   * referenced).
   */
  private static final java.util.logging.Logger HIBERNATE_LOG = quiet();

  private static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB_BASE = "jdbc:mariadb://127.0.0.1:3306/";

  final Kind kind;
  final String url;
  final String user;
  final String password;
  private final String scratch;
  private final Path dir;

  private RotationDb(
      Kind kind, String url, String user, String password, String scratch, Path dir) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.scratch = scratch;
    this.dir = dir;
  }

  /** The rotation job's progress lines, kept out of the test output too. */
  private static final java.util.logging.Logger ROTATION_LOG =
      quiet("io.github.themis4j.jpa.rotation");

  private static java.util.logging.Logger quiet() {
    return quiet("org.hibernate");
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  static Kind kind() {
    String p = System.getProperty("themis4j.test.db", "h2").trim().toLowerCase(Locale.ROOT);
    switch (p) {
      case "postgresql":
      case "postgres":
        return Kind.POSTGRESQL;
      case "mariadb":
      case "mysql":
        return Kind.MARIADB;
      default:
        return Kind.H2;
    }
  }

  /**
   * A database reachable from this JVM only (H2 in memory) or from others too (server, H2 files).
   */
  static RotationDb create(boolean sharedWithOtherJvms) {
    String name = "t4j_rot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Kind kind = kind();
    try {
      switch (kind) {
        case POSTGRESQL:
          {
            String user = pgUser();
            try (Connection c = DriverManager.getConnection(PG_BASE, user, "");
                Statement s = c.createStatement()) {
              s.execute("create schema " + name);
            }
            return new RotationDb(kind, PG_BASE + "?currentSchema=" + name, user, "", name, null);
          }
        case MARIADB:
          {
            try (Connection c = DriverManager.getConnection(MARIADB_BASE, "root", "");
                Statement s = c.createStatement()) {
              s.execute("create database " + name);
            }
            return new RotationDb(kind, MARIADB_BASE + name, "root", "", name, null);
          }
        default:
          if (sharedWithOtherJvms) {
            Path dir = Files.createTempDirectory(name);
            // WRITE_DELAY=0: every commit reaches the file at once, so a killed JVM loses nothing
            // committed
            return new RotationDb(
                kind,
                "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0",
                "sa",
                "",
                name,
                dir);
          }
          return new RotationDb(
              kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", name, null);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot prepare the " + kind + " test database: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pgUser() {
    for (String u : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection(PG_BASE, u, "")) {
        return u;
      } catch (SQLException e) {
        // try the next one
      }
    }
    throw new IllegalStateException(
        "cannot connect to PostgreSQL at " + PG_BASE + " as postgres or root");
  }

  /** A session factory over this database. */
  SessionFactory sessionFactory(KeyRingProvider keys, boolean createSchema, Class<?>... entities) {
    return sessionFactory(keys, createSchema, null, entities);
  }

  SessionFactory sessionFactory(
      KeyRingProvider keys,
      boolean createSchema,
      StatementInspector inspector,
      Class<?>... entities) {
    return sessionFactory(url, user, password, keys, createSchema, inspector, entities);
  }

  static SessionFactory sessionFactory(
      String url,
      String user,
      String password,
      KeyRingProvider keys,
      boolean createSchema,
      StatementInspector inspector,
      Class<?>... entities) {
    Configuration cfg = new Configuration();
    for (Class<?> e : entities) {
      cfg.addAnnotatedClass(e);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hibernate.connection.url", url);
    p.put("hibernate.connection.username", user);
    p.put("hibernate.connection.password", password);
    p.put("hibernate.connection.pool_size", "8");
    p.put("hibernate.jdbc.batch_size", "100");
    p.put("hibernate.order_inserts", "true");
    p.put("hibernate.hbm2ddl.auto", createSchema ? "create" : "none");
    p.put(ThemisJpaSettings.KEY_RING_PROVIDER, keys);
    if (inspector != null) {
      p.put("hibernate.session_factory.statement_inspector", inspector);
    }
    cfg.getProperties().putAll(p);
    return cfg.buildSessionFactory();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** Runs a query over plain JDBC and returns its rows. */
  List<Object[]> query(String sql, Object... params) {
    try (Connection c = connect();
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

  /** Runs an update over plain JDBC; byte[] parameters bind as bytes. */
  int update(String sql, Object... params) {
    try (Connection c = connect();
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

  @Override
  public void close() {
    String drop;
    String base;
    switch (kind) {
      case POSTGRESQL:
        drop = "drop schema if exists " + scratch + " cascade";
        base = PG_BASE;
        break;
      case MARIADB:
        drop = "drop database if exists " + scratch;
        base = MARIADB_BASE;
        break;
      default:
        drop = "shutdown";
        base = url;
    }
    try (Connection c = DriverManager.getConnection(base, user, password);
        Statement s = c.createStatement()) {
      s.execute(drop);
    } catch (SQLException e) {
      System.err.println(
          "WARNING: could not drop test database " + scratch + ": " + e.getMessage());
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        System.err.println("WARNING: could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
