package io.github.themis4j.jpa.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.envelope.WrappedDataKey;
import io.github.themis4j.keyring.envelope.WrappedKeyRing;
import io.github.themis4j.keyring.envelope.WrappedKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Wrapped data keys in two database tables, {@code themis4j_key_ring} (one row per ring: active key
 * id, shredding time) and {@code themis4j_data_key} (one row per wrapped data key), created by the
 * Flyway migration this jar ships at {@code classpath:db/themis4j/V1__themis4j_envelope_keys.sql}
 * (the DDL is also in {@code docs/ENVELOPE-KEYS.md}). Holds only wrapped keys.
 *
 * <p>{@link #create} inserts the ring row first, so two processes creating a tenant's ring at once
 * cannot both win (the primary key refuses the second; it then reads the winner's ring). {@link
 * #update} rewrites a ring's rows in one transaction; shredding deletes every data-key row of the
 * ring and keeps the ring row with its shredding time. Uses plain JDBC on its own connections and
 * transactions (it works with or without Hibernate). Thread-safe.
 */
public final class JdbcWrappedKeyStore implements WrappedKeyStore {
  private final DataSource dataSource;

  /** A store on this data source (the tables must exist). */
  public JdbcWrappedKeyStore(DataSource dataSource) {
    if (dataSource == null) {
      throw new InvalidArgumentException("data source must not be null");
    }
    this.dataSource = dataSource;
  }

  @Override
  public Optional<WrappedKeyRing> load(String ring) {
    KeyRing.checkId(ring, "key ring name");
    try (Connection c = dataSource.getConnection()) {
      String active;
      String shredded;
      try (PreparedStatement s =
          c.prepareStatement(
              "select active_key_id, shredded_at from themis4j_key_ring where ring = ?")) {
        s.setString(1, ring);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          active = r.getString(1);
          shredded = r.getString(2);
        }
      }
      if (shredded != null) {
        return Optional.of(WrappedKeyRing.shredded(ring, Instant.parse(shredded)));
      }
      List<WrappedDataKey> keys = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select key_id, kek_uri, wrapped_key, created_at from themis4j_data_key where ring ="
                  + " ? order by created_at, key_id")) {
        s.setString(1, ring);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            keys.add(
                new WrappedDataKey(
                    r.getString(1),
                    r.getString(2),
                    Base64.getDecoder().decode(r.getString(3)),
                    Instant.parse(r.getString(4))));
          }
        }
      }
      return Optional.of(WrappedKeyRing.of(ring, active, keys));
    } catch (SQLException e) {
      throw failure("cannot read wrapped key ring '" + ring + "'", e);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new MalformedDataException(
          "the stored wrapped key ring '" + ring + "' is malformed: " + e.getMessage());
    }
  }

  @Override
  public boolean create(WrappedKeyRing ring) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s =
            c.prepareStatement(
                "insert into themis4j_key_ring (ring, active_key_id, shredded_at, updated_at)"
                    + " values (?, ?, ?, ?)")) {
          bindRing(s, ring);
          s.executeUpdate();
        } catch (SQLException e) {
          c.rollback();
          if (exists(c, ring.name())) {
            return false; // another process (or thread) created it first
          }
          throw e;
        }
        insertKeys(c, ring);
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("cannot store wrapped key ring '" + ring.name() + "'", e);
    }
  }

  @Override
  public void update(WrappedKeyRing ring) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement s =
            c.prepareStatement(
                "update themis4j_key_ring set active_key_id = ?, shredded_at = ?, updated_at = ?"
                    + " where ring = ?")) {
          s.setString(1, ring.activeKeyId());
          s.setString(2, ring.isShredded() ? ring.shreddedAt().toString() : null);
          s.setString(3, Instant.now().toString());
          s.setString(4, ring.name());
          n = s.executeUpdate();
        }
        if (n == 0) {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into themis4j_key_ring (ring, active_key_id, shredded_at, updated_at)"
                      + " values (?, ?, ?, ?)")) {
            bindRing(s, ring);
            s.executeUpdate();
          }
        }
        try (PreparedStatement s =
            c.prepareStatement("delete from themis4j_data_key where ring = ?")) {
          s.setString(1, ring.name());
          s.executeUpdate();
        }
        insertKeys(c, ring);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("cannot update wrapped key ring '" + ring.name() + "'", e);
    }
  }

  @Override
  public List<String> ringNames() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select ring from themis4j_key_ring order by ring");
        ResultSet r = s.executeQuery()) {
      List<String> names = new ArrayList<>();
      while (r.next()) {
        names.add(r.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw failure("cannot list wrapped key rings", e);
    }
  }

  private static void bindRing(PreparedStatement s, WrappedKeyRing ring) throws SQLException {
    s.setString(1, ring.name());
    s.setString(2, ring.activeKeyId());
    s.setString(3, ring.isShredded() ? ring.shreddedAt().toString() : null);
    s.setString(4, Instant.now().toString());
  }

  private static void insertKeys(Connection c, WrappedKeyRing ring) throws SQLException {
    if (ring.keys().isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into themis4j_data_key (ring, key_id, kek_uri, wrapped_key, created_at) values"
                + " (?, ?, ?, ?, ?)")) {
      for (WrappedDataKey k : ring.keys()) {
        s.setString(1, ring.name());
        s.setString(2, k.keyId());
        s.setString(3, k.kekUri());
        s.setString(4, Base64.getEncoder().encodeToString(k.wrapped()));
        s.setString(5, k.createdAt().toString());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static boolean exists(Connection c, String ring) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select 1 from themis4j_key_ring where ring = ?")) {
      s.setString(1, ring);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static ThemisException failure(String what, SQLException e) {
    return new ThemisException(
        what
            + " in table themis4j_key_ring/themis4j_data_key (SQL state "
            + e.getSQLState()
            + "): "
            + e.getMessage(),
        e);
  }

  @Override
  public String toString() {
    return "JdbcWrappedKeyStore[themis4j_key_ring, themis4j_data_key]";
  }
}
