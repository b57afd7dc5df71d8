package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.benchmarks.Baseline;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
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
 * The cost of encrypted attributes in JPA: persist 10,000 entities (one transaction, JDBC batches
 * of 50, the session flushed and cleared every 500), then load them all back in a new session and
 * read every attribute, with Hibernate 7 on in-memory H2 and on PostgreSQL ({@link #database}). {@link EncryptedPerson} has three
 * {@code @Encrypted} attributes (Secure Cell Seal bound to table, column and id); {@link
 * PlainPerson} is the same entity in the clear. Both tables are emptied before every run.
 *
 * <p>Each measured operation takes about a second, so this benchmark uses single-shot timing:
 * every iteration is one complete persist-and-load of 10,000 entities.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10)
@Measurement(iterations = 10)
public class JpaBenchmark {
  static final int ENTITIES = 10_000;
  private static final int FLUSH_EVERY = 500;

  /** Keeps Hibernate's start-up logging out of the benchmark output (held: JUL loggers are weak). */
  private static final java.util.logging.Logger HIBERNATE_LOG = quiet();

  /** PostgreSQL with trust authentication, as on the project's machines. */
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /**
   * {@code h2}: in-memory H2 in the benchmark's JVM, where the database costs almost nothing;
   * {@code postgresql}: PostgreSQL on 127.0.0.1:5432 (database {@code test}, user {@code postgres}
   * or {@code -Dthemis4j.bench.pgUser}), in a private schema created for the trial and dropped
   * after it, where the database's real cost is part of both figures.
   */
  @Param({"h2", "postgresql"})
  public String database;

  private String schema;
  private SessionFactory sessionFactory;
  private String[][] people;

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.hibernate");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  @Setup(Level.Trial)
  public void setUp() {
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(EncryptedPerson.class);
    cfg.addAnnotatedClass(PlainPerson.class);
    if (database.equals("postgresql")) {
      schema = "t4j_bench_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(PG_URL, pgUser(), "");
          java.sql.Statement st = c.createStatement()) {
        st.execute("create schema " + schema);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL is not reachable at " + PG_URL + " (start it, or run only database=h2): "
                + e.getMessage(), e);
      }
      cfg.setProperty("hibernate.connection.url", PG_URL + "?currentSchema=" + schema);
      cfg.setProperty("hibernate.connection.username", pgUser());
      cfg.setProperty("hibernate.connection.password", "");
    } else {
      cfg.setProperty("hibernate.connection.url", "jdbc:h2:mem:themis4j-bench;DB_CLOSE_DELAY=-1");
      cfg.setProperty("hibernate.connection.username", "sa");
      cfg.setProperty("hibernate.connection.password", "");
    }
    cfg.setProperty("hibernate.hbm2ddl.auto", "create");
    cfg.setProperty("hibernate.jdbc.batch_size", "50");
    cfg.setProperty("hibernate.order_inserts", "true");
    cfg.setProperty("hibernate.show_sql", "false");
    SymmetricKey key = SymmetricKey.generate();
    cfg.getProperties().put(ThemisJpaSettings.KEY_RING_PROVIDER, KeyRings.of(KeyRing.of("default", "k1", key)));
    sessionFactory = cfg.buildSessionFactory();

    Random random = new Random(42);
    people = new String[ENTITIES][];
    for (int i = 0; i < ENTITIES; i++) {
      String first = "person" + i;
      people[i] = new String[] {
        "Person Number " + i,
        first + "@example.com",
        String.format("+44 20 %04d %04d", random.nextInt(10_000), random.nextInt(10_000)),
        (1 + random.nextInt(400)) + " Long Street, Flat " + random.nextInt(90)
            + ", London SW" + random.nextInt(20)
      };
    }
    emptyTables();
    int n = persistAndLoad(
        i -> new EncryptedPerson(people[i][0], people[i][1], people[i][2], people[i][3]), "EncryptedPerson");
    if (n != ENTITIES) {
      throw new IllegalStateException("encrypted entities did not round trip");
    }
    emptyTables();
  }

  @Setup(Level.Invocation)
  public void emptyTables() {
    inTransaction(s -> {
      s.createMutationQuery("delete from EncryptedPerson").executeUpdate();
      s.createMutationQuery("delete from PlainPerson").executeUpdate();
      return null;
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() throws java.sql.SQLException {
    sessionFactory.close();
    if (schema != null) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(PG_URL, pgUser(), "");
          java.sql.Statement st = c.createStatement()) {
        st.execute("drop schema " + schema + " cascade");
      }
    }
  }

  private static String pgUser() {
    return System.getProperty("themis4j.bench.pgUser", "postgres");
  }

  @Benchmark
  @Baseline("persistAndLoadPlain")
  public int persistAndLoadEncrypted() {
    return persistAndLoad(
        i -> new EncryptedPerson(people[i][0], people[i][1], people[i][2], people[i][3]), "EncryptedPerson");
  }

  @Benchmark
  public int persistAndLoadPlain() {
    return persistAndLoad(
        i -> new PlainPerson(people[i][0], people[i][1], people[i][2], people[i][3]), "PlainPerson");
  }

  /**
   * Persists {@link #ENTITIES} new entities, then loads all of them in a new session and checks
   * every attribute; returns how many matched.
   */
  private int persistAndLoad(IntFunction<Person> factory, String entityName) {
    inTransaction(s -> {
      for (int i = 0; i < ENTITIES; i++) {
        s.persist(factory.apply(i));
        if ((i + 1) % FLUSH_EVERY == 0) {
          s.flush();
          s.clear();
        }
      }
      return null;
    });
    return inTransaction(s -> {
      List<? extends Person> all =
          s.createSelectionQuery("from " + entityName + " order by id", Person.class).getResultList();
      int matched = 0;
      for (int i = 0; i < all.size(); i++) {
        Person p = all.get(i);
        String[] expected = people[i];
        if (p.name().equals(expected[0]) && p.email().equals(expected[1]) && p.phone().equals(expected[2])
            && p.address().equals(expected[3])) {
          matched++;
        }
      }
      if (matched != ENTITIES) {
        throw new IllegalStateException(
            entityName + ": " + matched + " of " + ENTITIES + " entities read back intact");
      }
      return matched;
    });
  }

  private <R> R inTransaction(java.util.function.Function<Session, R> work) {
    try (Session s = sessionFactory.openSession()) {
      Transaction tx = s.beginTransaction();
      try {
        R r = work.apply(s);
        tx.commit();
        return r;
      } catch (RuntimeException e) {
        if (tx.isActive()) {
          tx.rollback();
        }
        throw e;
      }
    }
  }
}
