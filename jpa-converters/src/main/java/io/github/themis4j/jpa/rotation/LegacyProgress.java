package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * Reads the Context Imprint progress recorded by themis4j before the re-encryption engine (table
 * {@code themis4j_rotation_progress}, one row per rotation), so that a rotation half done by the
 * older version resumes where it stopped instead of encrypting its first rows twice. Read-only: the
 * engine's cursor table takes over from there.
 */
final class LegacyProgress {
  /** The table of the older version. */
  static final String TABLE = "themis4j_rotation_progress";

  private final String table;

  LegacyProgress(String table) {
    this.table = table;
  }

  /** One rotation's progress as the older version committed it. */
  static final class State {
    final String lastId;
    final long rowsDone;
    final boolean finished;

    State(String lastId, long rowsDone, boolean finished) {
      this.lastId = lastId;
      this.rowsDone = rowsDone;
      this.finished = finished;
    }
  }

  /** The older version's key of a rotation: SHA-256 of context table and column, ring, keys. */
  static String rotationKey(ImprintTask t) {
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

  /** The recorded progress of {@code t}, or null (no such table, or no row). Plain JDBC. */
  State read(SessionFactory factory, ImprintTask t) {
    try (StatelessSession s = factory.openStatelessSession()) {
      return s.doReturningWork(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "select last_id, rows_done, finished from "
                        + table
                        + " where rotation_key = ?")) {
              ps.setString(1, rotationKey(t));
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                    ? new State(rs.getString(1), rs.getLong(2), rs.getInt(3) != 0)
                    : null;
              }
            } catch (SQLException e) {
              return null; // no table of the older version
            } finally {
              if (!c.getAutoCommit()) {
                c.rollback();
              }
            }
          });
    }
  }
}
