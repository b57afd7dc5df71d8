package io.github.themis4j.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database of {@link ColumnIT}: in-memory H2 by default, the local PostgreSQL server when
 * {@code themis4j.test.db=postgresql} ({@code -Ppostgresql}); a private schema with a random name,
 * dropped at the end. When PostgreSQL is selected but not reachable the tests are skipped with a
 * message saying so.
 */
final class ColumnDatabase implements AutoCloseable {
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

  final boolean postgresql;
  final String url;
  final String user;
  final String schema;

  private ColumnDatabase(boolean postgresql, String url, String user, String schema) {
    this.postgresql = postgresql;
    this.url = url;
    this.user = user;
    this.schema = schema;
  }

  static boolean postgresqlSelected() {
    return System.getProperty("themis4j.test.db", "h2").toLowerCase(Locale.ROOT).startsWith("postgres");
  }

  static ColumnDatabase create() {
    String name = "t4jcli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (!postgresqlSelected()) {
      return new ColumnDatabase(false, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", name);
    }
    for (String u : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection(PG, u, "");
          Statement s = c.createStatement()) {
        s.execute("create schema " + name);
        return new ColumnDatabase(true, PG + "?currentSchema=" + name, u, name);
      } catch (SQLException e) {
        // try the next user
      }
    }
    Assumptions.abort(
        "SKIPPED: PostgreSQL was selected (-Ppostgresql) but is not reachable at " + PG
            + " as postgres or root; start it (.ci/run does) to run the column tests on it");
    throw new AssertionError();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  @Override
  public void close() {
    String base = postgresql ? PG : url;
    String drop = postgresql ? "drop schema if exists " + schema + " cascade" : "shutdown";
    try (Connection c = DriverManager.getConnection(base, user, "");
        Statement s = c.createStatement()) {
      s.execute(drop);
    } catch (SQLException e) {
      System.err.println("WARNING: could not drop " + schema + ": " + e.getMessage());
    }
  }
}
