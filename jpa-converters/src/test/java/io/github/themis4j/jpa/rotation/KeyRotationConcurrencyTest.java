package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The application writes the table while the job rotates it: its writes always survive (the job's
 * compare-and-set update skips a row changed since the job read it), the job never causes an
 * optimistic-locking failure, and every row ends under the active key.
 */
class KeyRotationConcurrencyTest {

  /** Runs {@code trigger} once, on the first key lookup made while the job re-encrypts a value. */
  static final class DuringReencryption implements KeyRingProvider {
    private final KeyRingProvider delegate;
    volatile Runnable trigger;

    DuringReencryption(KeyRingProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public KeyRing keyRing(String name) {
      Runnable r = trigger;
      if (r != null
          && StackWalker.getInstance()
              .walk(s -> s.anyMatch(f -> f.getMethodName().equals("reencrypt")))) {
        trigger = null;
        r.run();
      }
      return delegate.keyRing(name);
    }
  }

  private static void inTransaction(SessionFactory sf, Consumer<Session> work) {
    try (Session s = sf.openSession()) {
      Transaction tx = s.beginTransaction();
      work.accept(s);
      tx.commit();
    }
  }

  private static Map<Integer, Long> idsByNumber(RotationDb db) {
    Map<Integer, Long> ids = new HashMap<>();
    for (Object[] row : db.query("select number, id from rot_member")) {
      ids.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
    }
    return ids;
  }

  private static void insertMembers(SessionFactory sf, int count) {
    inTransaction(
        sf,
        s -> {
          for (int n = 0; n < count; n++) {
            s.persist(Member.of(n));
          }
        });
  }

  @Test
  void anApplicationWriteBetweenTheJobsReadAndItsWriteIsKept() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Member.class)) {
        insertMembers(sf, 60);
      }
      Map<Integer, Long> ids = idsByNumber(db);
      try (SessionFactory app = db.sessionFactory(RotationData.during(), false, Member.class);
          Session held = app.openSession()) {
        // loaded by the application before the run, saved after it
        Member stale = held.find(Member.class, ids.get(1));

        DuringReencryption keys = new DuringReencryption(RotationData.during());
        // the job has read the first batch and is re-encrypting row 0 when the application changes
        // it
        keys.trigger =
            () ->
                inTransaction(
                    app,
                    s -> {
                      Member m = s.find(Member.class, ids.get(0));
                      m.email = "written by the application";
                      m.ssn = "999-99-9999";
                    });
        RotationReport report;
        try (SessionFactory jobFactory = db.sessionFactory(keys, false, Member.class)) {
          report = KeyRotationJob.builder(jobFactory).batchSize(25).build().run();
        }
        assertThat(keys.trigger).as("the application write happened during the run").isNull();
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        long emails = KeyRotationJobTest.count(60, n -> RotationData.email(n) != null);
        // row 0 was re-encrypted by the application's own write, so the job rotated one value less
        assertThat(KeyRotationJobTest.result(report, "RotMember", "email").valuesRotated())
            .isEqualTo(emails - 1);
        assertThat(KeyRotationJobTest.result(report, "RotMember", "ssn").valuesRotated())
            .isEqualTo(59);
        assertThat(report.attributes()).allMatch(a -> a.conflicts() == 0);

        stale.phone = "changed after the run";
        Transaction tx = held.beginTransaction();
        tx.commit(); // no OptimisticLockException: the job did not touch the version
        assertThat(stale.version).isEqualTo(1);
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.after(), false, Member.class)) {
        inTransaction(
            sf,
            s -> {
              Member m0 = s.find(Member.class, ids.get(0));
              assertThat(m0.email).isEqualTo("written by the application");
              assertThat(m0.ssn).isEqualTo("999-99-9999");
              assertThat(m0.phone).isEqualTo(RotationData.phone(0));
              assertThat(m0.version).isEqualTo(1);
              Member m1 = s.find(Member.class, ids.get(1));
              assertThat(m1.phone).isEqualTo("changed after the run");
              assertThat(m1.email).isEqualTo(RotationData.email(1));
              for (int n = 2; n < 60; n++) {
                Member m = s.find(Member.class, ids.get(n));
                assertThat(m.email).isEqualTo(RotationData.email(n));
                assertThat(m.ssn).isEqualTo(RotationData.ssn(n));
                assertThat(m.version).as("the job never increments versions").isZero();
              }
            });
      }
    }
  }

  @Test
  void applicationWritesDuringTheRunAreNeverLost() throws Exception {
    int rows = 3_000;
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Member.class)) {
        insertMembers(sf, rows);
      }
      Map<Integer, Long> ids = idsByNumber(db);
      Map<Integer, String> emails = new ConcurrentHashMap<>();
      Map<Integer, String> ssns = new ConcurrentHashMap<>();
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writesDuringRun = new AtomicInteger();
      try (SessionFactory app = db.sessionFactory(RotationData.during(), false, Member.class);
          SessionFactory jobFactory =
              db.sessionFactory(RotationData.during(), false, Member.class)) {
        KeyRotationJob job =
            KeyRotationJob.builder(jobFactory)
                .batchSize(100)
                .pauseBetweenBatches(Duration.ofMillis(5))
                .build();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          int writer = w;
          Thread t =
              new Thread(
                  () -> {
                    Random random = new Random(writer);
                    int i = 0;
                    while (!stop.get()) {
                      int n =
                          random.nextInt(rows / 2) * 2
                              + writer; // each writer its own rows: no conflicts between writers
                      String email = "app " + writer + " write " + i;
                      String ssn = String.format("%03d-00-%04d", writer, i++ % 10_000);
                      boolean running = job.isRunning();
                      try {
                        inTransaction(
                            app,
                            s -> {
                              Member m = s.find(Member.class, ids.get(n));
                              try {
                                Thread.sleep(
                                    random.nextInt(
                                        3)); // let the job rewrite the row between read and write
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                              m.email = email;
                              m.ssn = ssn;
                            });
                      } catch (RuntimeException e) {
                        errors.add(e);
                        return;
                      }
                      emails.put(n, email);
                      ssns.put(n, ssn);
                      if (running && job.isRunning()) {
                        writesDuringRun.incrementAndGet();
                      }
                    }
                  },
                  "application-writer-" + w);
          t.start();
          writers.add(t);
        }
        Thread.sleep(200);
        RotationReport report;
        try {
          report = job.run();
        } finally {
          stop.set(true);
          for (Thread t : writers) {
            t.join(60_000);
          }
        }
        assertThat(errors)
            .as("no application write failed (optimistic locking, lock timeouts)")
            .isEmpty();
        assertThat(writesDuringRun.get())
            .as("the application wrote while the job ran")
            .isGreaterThan(50);
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        assertThat(report.anyOldKeyStillNeeded()).isFalse();
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.after(), false, Member.class);
          Session s = sf.openSession()) {
        List<Member> all =
            s.createQuery("from RotMember order by number", Member.class).getResultList();
        assertThat(all).hasSize(rows);
        for (Member m : all) {
          int n = m.number;
          assertThat(m.email)
              .as("email of %d", n)
              .isEqualTo(emails.getOrDefault(n, RotationData.email(n)));
          assertThat(m.ssn).as("ssn of %d", n).isEqualTo(ssns.getOrDefault(n, RotationData.ssn(n)));
          assertThat(m.phone).as("phone of %d", n).isEqualTo(RotationData.phone(n));
        }
      }
    }
  }

  @Test
  void twoRunsAtOnceShareTheWorkAndEncryptNothingTwice() throws Exception {
    int rows = 2_000;
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        RotationData.insertAccounts(sf, rows);
      }
      try (SessionFactory one = db.sessionFactory(RotationData.during(), false, Account.class);
          SessionFactory two = db.sessionFactory(RotationData.during(), false, Account.class)) {
        KeyRotationJob first =
            KeyRotationJob.builder(one)
                .batchSize(50)
                .contextImprintKeys("default", "k1", "k2")
                .build();
        KeyRotationJob second =
            KeyRotationJob.builder(two)
                .batchSize(50)
                .contextImprintKeys("default", "k1", "k2")
                .build();
        java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
          java.util.concurrent.Future<RotationReport> a = pool.submit(first::run);
          java.util.concurrent.Future<RotationReport> b = pool.submit(second::run);
          RotationReport ra = a.get(5, java.util.concurrent.TimeUnit.MINUTES);
          RotationReport rb = b.get(5, java.util.concurrent.TimeUnit.MINUTES);
          assertThat(ra.isComplete()).as(ra.summary()).isTrue();
          assertThat(rb.isComplete()).as(rb.summary()).isTrue();
          for (String attribute : List.of("email", "phone", "ssn", "balance", "code")) {
            long total =
                KeyRotationJobTest.result(ra, "RotAccount", attribute).valuesRotated()
                    + KeyRotationJobTest.result(rb, "RotAccount", attribute).valuesRotated();
            long expected =
                KeyRotationJobTest.count(
                    rows,
                    n -> {
                      Object v =
                          attribute.equals("email")
                              ? RotationData.email(n)
                              : attribute.equals("code") ? RotationData.code(n) : "x";
                      return v != null && !"".equals(v);
                    });
            assertThat(total).as("%s re-encrypted once in all", attribute).isEqualTo(expected);
          }
        } finally {
          pool.shutdownNow();
        }
      }
      assertThat(
              db.query(
                      "select rows_done, finished from themis4j_pass_cursor where pass_name ="
                          + " 'key-rotation-imprint'")
                  .get(0))
          .containsExactly((long) rows, 1);
      try (SessionFactory sf = db.sessionFactory(RotationData.after(), false, Account.class)) {
        RotationData.assertAccounts(sf, rows);
      }
    }
  }

  @Test
  void oneJobRunsOneRunAtATime() throws Exception {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Member.class)) {
        insertMembers(sf, 10);
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.during(), false, Member.class)) {
        java.util.concurrent.CountDownLatch inPass = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        KeyRotationJob job =
            KeyRotationJob.builder(sf)
                .listener(
                    new KeyRotationListener() {
                      @Override
                      public void onPassStart(RotationProgress p) {
                        inPass.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    })
                .build();
        Thread runner = new Thread(job::run, "rotation-run");
        runner.start();
        assertThat(inPass.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(job.isRunning()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(job::run)
            .isInstanceOf(KeyRotationException.class)
            .hasMessageContaining("already in progress");
        org.assertj.core.api.Assertions.assertThatThrownBy(job::inventory)
            .isInstanceOf(KeyRotationException.class);
        release.countDown();
        runner.join(60_000);
        assertThat(job.isRunning()).isFalse();
        assertThat(job.lastReport().orElseThrow().isComplete()).isTrue();
        assertThat(job.run().valuesRotated()).isZero(); // and it can run again afterwards
      }
    }
  }
}
