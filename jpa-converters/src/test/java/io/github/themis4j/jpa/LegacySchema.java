package io.github.themis4j.jpa;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The table of {@link LegacyPerson} as the old application created it (plain text, number and date
 * columns, too narrow for ciphertext), and rows of it with every kind of value: non-ASCII text,
 * empty strings, nulls, negative numbers, dates.
 */
final class LegacySchema {
  static final String DDL =
      "create table jpa_legacy_person (id bigint not null primary key, name varchar(40),"
          + " email varchar(60), score integer, born date, balance decimal(12,3))";

  private LegacySchema() {}

  static void create(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(DDL);
    }
  }

  /** The value of row {@code id} as the old application wrote it (deterministic). */
  static LegacyPerson row(long id) {
    Random r = new Random(id * 7919);
    String[] names = {"Zoë Ünïcødé", "Ada Lovelace", "", "Иван Петров", "李小龍 😀", "O'Brien"};
    String name = r.nextInt(10) == 0 ? null : names[r.nextInt(names.length)] + " " + id;
    if (r.nextInt(12) == 0) {
      name = "";
    }
    String email = r.nextInt(9) == 0 ? null : r.nextInt(9) == 0 ? "" : "user" + id + "@exämple.com";
    Integer score = r.nextInt(8) == 0 ? null : r.nextInt(2_000_001) - 1_000_000;
    LocalDate born = r.nextInt(8) == 0 ? null : LocalDate.of(1900, 1, 1).plusDays(r.nextInt(45_000));
    BigDecimal balance =
        r.nextInt(8) == 0 ? null : BigDecimal.valueOf(r.nextLong() % 1_000_000_000L, 3);
    return new LegacyPerson(id, name, email, score, born, balance);
  }

  /** Inserts rows {@code 1..n} with typed JDBC parameters, in batches. */
  static void insert(TestDatabase db, int n) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into jpa_legacy_person (id, name, email, score, born, balance)"
                    + " values (?,?,?,?,?,?)")) {
      c.setAutoCommit(false);
      for (long id = 1; id <= n; id++) {
        LegacyPerson p = row(id);
        ps.setLong(1, id);
        ps.setString(2, p.name);
        ps.setString(3, p.email);
        ps.setObject(4, p.score, java.sql.Types.INTEGER);
        ps.setObject(5, p.born == null ? null : Date.valueOf(p.born), java.sql.Types.DATE);
        ps.setObject(6, p.balance, java.sql.Types.DECIMAL);
        ps.addBatch();
        if (id % 1000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  /** The values of rows {@code 1..n}, as {@link LegacyPerson#values()} lists. */
  static List<List<Object>> expected(int n) {
    List<List<Object>> out = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      out.add(row(id).values());
    }
    return out;
  }
}
