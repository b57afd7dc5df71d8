package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.benchmarks.Baseline;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.cfg.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Looking a row up by an encrypted e-mail through its exact blind index, against the same lookup on
 * a plain indexed column, on PostgreSQL (127.0.0.1:5432, database {@code test}, in a private
 * schema) with 100,000 rows in each table: {@code from IndexedMember m where m.email = :e} (the
 * query is rewritten onto the index column; the argument is hashed, the row decrypted) against
 * {@code from PlainMember m where m.email = :e}, each in a new session, for a random existing
 * e-mail. Not part of the default suite (it needs the server): run it with {@code java -jar
 * benchmarks/target/benchmarks.jar BlindIndexLookup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class BlindIndexLookup {
  static final int ROWS = 100_000;
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final java.util.logging.Logger HIBERNATE_LOG = quiet();

  private SessionFactory sessionFactory;
  private String schema;
  private String user;
  private final SplittableRandom random = new SplittableRandom(42);

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.hibernate");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  static String email(int i) {
    return "member" + i + "@example.com";
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    schema = "bidx_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    user = pgUser();
    try (Connection c = DriverManager.getConnection(PG, user, "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(IndexedMember.class);
    cfg.addAnnotatedClass(PlainMember.class);
    cfg.setProperty("hibernate.connection.url", PG + "?currentSchema=" + schema);
    cfg.setProperty("hibernate.connection.username", user);
    cfg.setProperty("hibernate.connection.password", "");
    cfg.setProperty("hibernate.connection.pool_size", "4");
    cfg.setProperty("hibernate.hbm2ddl.auto", "create");
    cfg.setProperty("hibernate.jdbc.batch_size", "500");
    cfg.getProperties()
        .put(
            ThemisJpaSettings.KEY_RING_PROVIDER,
            KeyRings.of(
                KeyRing.of("default", "k1", SymmetricKey.generate()),
                KeyRing.of("blind-index", "b1", SymmetricKey.generate())));
    sessionFactory = cfg.buildSessionFactory();
    try (StatelessSession s = sessionFactory.openStatelessSession()) {
      s.beginTransaction();
      for (int i = 0; i < ROWS; i++) {
        s.insert(new IndexedMember(i, email(i)));
        s.insert(new PlainMember(i, email(i)));
      }
      s.getTransaction().commit();
    }
    try (Connection c = DriverManager.getConnection(PG + "?currentSchema=" + schema, user, "");
        Statement s = c.createStatement()) {
      s.execute("analyze indexed_member");
      s.execute("analyze plain_member");
    }
    if (lookupIndexed() == null || lookupPlain() == null) {
      throw new IllegalStateException("lookups found nothing");
    }
  }

  private static String pgUser() {
    for (String u : new String[] {"postgres", "root"}) {
      try (Connection c = DriverManager.getConnection(PG, u, "")) {
        return u;
      } catch (SQLException e) {
        // next
      }
    }
    throw new IllegalStateException("cannot connect to PostgreSQL at " + PG);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    sessionFactory.close();
    try (Connection c = DriverManager.getConnection(PG, user, "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    }
  }

  @Benchmark
  @Baseline("lookupPlain")
  public String lookupIndexed() {
    String e = email(random.nextInt(ROWS));
    try (Session s = sessionFactory.openSession()) {
      IndexedMember m =
          s.createSelectionQuery("from IndexedMember m where m.email = :e", IndexedMember.class)
              .setParameter("e", e)
              .getSingleResult();
      return m.email;
    }
  }

  @Benchmark
  public String lookupPlain() {
    String e = email(random.nextInt(ROWS));
    try (Session s = sessionFactory.openSession()) {
      PlainMember m =
          s.createSelectionQuery("from PlainMember m where m.email = :e", PlainMember.class)
              .setParameter("e", e)
              .getSingleResult();
      return m.email;
    }
  }
}
