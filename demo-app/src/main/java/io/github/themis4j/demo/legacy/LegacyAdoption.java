package io.github.themis4j.demo.legacy;

import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.StoredShape;
import io.github.themis4j.jpa.migration.LegacyMigration;
import io.github.themis4j.jpa.migration.MigrationReport;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The legacy table's takeover: each row's state (what is stored in each column: a plaintext or a
 * themis4j value and its key id, next to the value the application reads), and the migration run
 * (the encrypt-in-place pass of themis4j-jpa on the re-encryption engine).
 */
@Service
public class LegacyAdoption {
  /** How one column of one row is stored. */
  public record ColumnState(String column, String state, String keyId, String stored) {}

  /** One row: the values the application reads and how each column is stored. */
  public record RowState(
      long id, String name, String email, String memberSince, List<ColumnState> columns) {}

  /** What a migration run did. */
  public record Result(boolean complete, long remaining, Map<String, String> attributes) {}

  private final LegacyContactRepository contacts;
  private final JdbcTemplate jdbc;
  private final EntityManagerFactory emf;

  LegacyAdoption(LegacyContactRepository contacts, JdbcTemplate jdbc, EntityManagerFactory emf) {
    this.contacts = contacts;
    this.jdbc = jdbc;
    this.emf = emf;
  }

  /** Every row with its state. */
  @Transactional(readOnly = true)
  public List<RowState> rows() {
    Map<Long, Map<String, Object>> raw = new LinkedHashMap<>();
    for (Map<String, Object> r :
        jdbc.queryForList("select id, name, email, member_since from legacy_contact order by id")) {
      raw.put(((Number) r.get("ID")).longValue(), r);
    }
    List<RowState> out = new ArrayList<>();
    for (LegacyContact c : contacts.findAllByOrderByIdAsc()) {
      Map<String, Object> r = raw.get(c.getId());
      List<ColumnState> columns = new ArrayList<>();
      for (String column : LegacyContact.COLUMNS) {
        columns.add(state(column, (String) r.get(column.toUpperCase(java.util.Locale.ROOT))));
      }
      out.add(
          new RowState(
              c.getId(),
              c.getName(),
              c.getEmail(),
              c.getMemberSince() == null ? null : c.getMemberSince().toString(),
              columns));
    }
    return out;
  }

  private static ColumnState state(String column, String stored) {
    if (stored == null) {
      return new ColumnState(column, "null", null, null);
    }
    StoredShape shape = EncryptedValueCodec.shapeOf(ColumnFormat.BASE64, stored);
    String shown = stored.length() > 48 ? stored.substring(0, 48) + "…" : stored;
    if (shape == StoredShape.ENVELOPE) {
      String keyId;
      try {
        keyId = EncryptedValueCodec.storedKeyId(Base64.getDecoder().decode(stored));
      } catch (RuntimeException e) {
        keyId = null;
      }
      return new ColumnState(column, "encrypted", keyId, shown);
    }
    return new ColumnState(
        column, shape == StoredShape.PLAINTEXT ? "plaintext" : "foreign-cell", null, shown);
  }

  /** Encrypts every plaintext of the table in place, then counts what remains. */
  public Result migrate() {
    MigrationReport r =
        LegacyMigration.builder(emf.unwrap(SessionFactory.class))
            .entities("LegacyContact")
            .batchSize(100)
            .build()
            .encrypt();
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String a : r.attributes()) {
      attributes.put(
          a,
          r.encrypted(a)
              + " encrypted, "
              + r.remaining(a)
              + " remaining, "
              + r.written(a, "plaintext-encrypted")
              + " encrypted by this run, "
              + r.unreadable(a)
              + " unreadable");
    }
    return new Result(r.isComplete(), r.remaining(), attributes);
  }
}
