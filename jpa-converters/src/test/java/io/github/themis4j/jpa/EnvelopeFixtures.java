package io.github.themis4j.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Shared pieces of the envelope-key tests: a DataSource on a {@link TestDatabase}, the shipped DDL,
 * a keystore.
 */
final class EnvelopeFixtures {
  private EnvelopeFixtures() {}

  /** A DataSource over DriverManager (the JDBC store only needs getConnection). */
  static DataSource dataSource(TestDatabase db) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return db.connect();
      }

      @Override
      public Connection getConnection(String u, String p) throws SQLException {
        return db.connect();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }

  /** Applies the Flyway migration this module ships, statement by statement, as Flyway would. */
  static void applyShippedMigration(TestDatabase db) throws IOException, SQLException {
    String sql;
    try (InputStream in =
        EnvelopeFixtures.class.getResourceAsStream("/db/themis4j/V1__themis4j_envelope_keys.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder noComments = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.trim().startsWith("--")) {
        noComments.append(line).append('\n');
      }
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String stmt : noComments.toString().split(";")) {
        if (!stmt.isBlank()) {
          s.execute(stmt);
        }
      }
    }
  }

  /** A PKCS#12 keystore with AES keys under these aliases, password {@code pw}. */
  static Path keystore(Path dir, char[] pw, String... aliases) throws Exception {
    Path p = dir.resolve("kek.p12");
    io.github.themis4j.testing.AesKeystores.write(p, pw, aliases);
    return p;
  }
}
