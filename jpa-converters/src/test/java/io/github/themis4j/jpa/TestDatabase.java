package io.github.themis4j.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The database the JPA tests run on: in-memory H2 by default, or the local PostgreSQL / MariaDB
 * server when the system property {@code themis4j.test.db} is {@code postgresql} / {@code mariadb}
 * (set by the root pom's profiles). Every {@link #create()} makes a private database (H2), schema
 * (PostgreSQL) or database (MariaDB), dropped by {@link #close()}, so parallel and repeated runs on
 * a shared server never collide.
 */
final class TestDatabase implements AutoCloseable {
  enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  private static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB_BASE = "jdbc:mariadb://127.0.0.1:3306/";

  final Kind kind;
  final String url;
  final String user;
  final String password;
  private final String scratch;

  private TestDatabase(Kind kind, String url, String user, String password, String scratch) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.scratch = scratch;
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

  static TestDatabase create() {
    return create(false);
  }

  /**
   * Like {@link #create()}, but reachable from other JVMs too: H2 then lives in files of a
   * temporary directory with its automatic server mode (the servers are shared anyway).
   */
  static TestDatabase createShared() {
    return create(true);
  }

  private static TestDatabase create(boolean shared) {
    String name = "t4j_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
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
            return new TestDatabase(kind, PG_BASE + "?currentSchema=" + name, user, "", name);
          }
        case MARIADB:
          {
            try (Connection c = DriverManager.getConnection(MARIADB_BASE, "root", "");
                Statement s = c.createStatement()) {
              s.execute("create database " + name);
            }
            return new TestDatabase(kind, MARIADB_BASE + name, "root", "", name);
          }
        default:
          if (shared) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("t4j-h2-");
            dir.toFile().deleteOnExit();
            String url =
                "jdbc:h2:file:"
                    + dir.resolve(name).toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
            return new TestDatabase(kind, url, "sa", "", name);
          }
          return new TestDatabase(
              kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", name);
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot prepare the " + kind + " test database: " + e.getMessage(), e);
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

  /** Hibernate connection settings for this database. */
  Properties hibernateSettings() {
    Properties p = new Properties();
    p.put("hibernate.connection.url", url);
    p.put("hibernate.connection.username", user);
    p.put("hibernate.connection.password", password);
    p.put("hibernate.connection.pool_size", "16");
    return p;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
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
  }
}
