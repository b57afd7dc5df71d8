package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.cfg.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Key rotation of {@code rows} rows × 2 Seal columns on the PostgreSQL server at 127.0.0.1:5432
 * (database {@code test}, a private schema per trial) with 1, 2 and 4 workers, beside the
 * database's own limit for the same rows: {@code update t set email = email, phone = phone} in
 * one statement. Single-shot: every iteration re-encrypts every row (alternately from k1 to k2 and
 * back, through two session factories with either key active). Rows: {@code
 * -Dthemis4j.bench.rotation.rows} (default 50,000; the target is 1,000,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RotationPostgresBenchmark {
  static final int ROWS = Integer.getInteger("themis4j.bench.rotation.rows", 50_000);
  private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";

  @Param({"1", "2", "4"})
  public int workers;

  private String schema;
  private String user;
  private SessionFactory toK1;
  private SessionFactory toK2;
  private int iteration;

  private static final java.util.logging.Logger QUIET = quiet();

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.hibernate");
    l.setLevel(java.util.logging.Level.SEVERE);
    java.util.logging.Logger.getLogger("io.github.themis4j").setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  private SessionFactory factory(String active, SymmetricKey k1, SymmetricKey k2, boolean create) {
    Configuration cfg = new Configuration().addAnnotatedClass(RotatedPerson.class);
    cfg.setProperty("hibernate.connection.url", BASE + "?currentSchema=" + schema);
    cfg.setProperty("hibernate.connection.username", user);
    cfg.setProperty("hibernate.connection.password", "");
    cfg.setProperty("hibernate.connection.pool_size", "8");
    cfg.setProperty("hibernate.hbm2ddl.auto", create ? "create" : "none");
    cfg.setProperty("hibernate.jdbc.batch_size", "100");
    cfg.getProperties()
        .put(
            ThemisJpaSettings.KEY_RING_PROVIDER,
            KeyRings.of(KeyRing.builder("default").add("k1", k1).add("k2", k2).active(active).build()));
    return cfg.buildSessionFactory();
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    schema = "t4j_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    user = "postgres";
    try (Connection c = DriverManager.getConnection(BASE, user, "");
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    } catch (java.sql.SQLException e) {
      user = "root";
      try (Connection c = DriverManager.getConnection(BASE, user, "");
          Statement s = c.createStatement()) {
        s.execute("create schema " + schema);
      }
    }
    SymmetricKey k1 = SymmetricKey.generate();
    SymmetricKey k2 = SymmetricKey.generate();
    toK1 = factory("k1", k1, k2, true);
    toK2 = factory("k2", k1, k2, false);
    try (StatelessSession s = toK1.openStatelessSession()) {
      Transaction tx = s.beginTransaction();
      for (int i = 1; i <= ROWS; i++) {
        s.insert(new RotatedPerson(i, "person" + i, "person" + i + "@example.com", "+1 555 " + i));
      }
      tx.commit();
    }
    try (Connection c = DriverManager.getConnection(BASE + "?currentSchema=" + schema, user, "");
        Statement s = c.createStatement()) {
      s.execute("vacuum analyze bench_rotated_person");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    toK1.close();
    toK2.close();
    try (Connection c = DriverManager.getConnection(BASE, user, "");
        Statement s = c.createStatement()) {
      s.execute("drop schema " + schema + " cascade");
    }
  }

  /** Re-encrypts every row (k1 to k2, then back) with {@code workers} workers. */
  @Benchmark
  public long rotate() {
    SessionFactory target = iteration++ % 2 == 0 ? toK2 : toK1;
    RotationReport r =
        KeyRotationJob.builder(target).workers(workers).batchSize(500).verify(false).build().run();
    if (r.valuesRotated() != ROWS) {
      throw new IllegalStateException("rotated " + r.valuesRotated() + " of " + ROWS + " rows");
    }
    return r.valuesRotated();
  }

  /** The database's own limit: every row rewritten with its own values, in one statement. */
  @Benchmark
  public int plainUpdate() throws Exception {
    try (Connection c = DriverManager.getConnection(BASE + "?currentSchema=" + schema, user, "");
        Statement s = c.createStatement()) {
      return s.executeUpdate("update bench_rotated_person set email = email, phone = phone");
    }
  }
}
