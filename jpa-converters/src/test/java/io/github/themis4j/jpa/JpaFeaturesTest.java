package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hibernate.Hibernate;
import org.hibernate.StatelessSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everyday JPA on entities with encrypted attributes: queries, collections, merge and detach,
 * versions, batch inserts, proxies, refresh, stateless sessions, and what is refused (comparisons,
 * projections and bulk assignments of encrypted attributes; more in {@link QueryGuardTest}).
 * Second-level cache off.
 */
class JpaFeaturesTest {
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa =
        JpaFixture.builder(Customer.class, Note.class, Typed.class)
            .keys(TestKeys.standard())
            .set("hibernate.jdbc.batch_size", "10")
            .set("hibernate.order_inserts", "true")
            .build();
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static Long persist(String name, String secret, int notes) {
    return jpa.fromTransaction(
        s -> {
          Customer c = new Customer(name, secret);
          for (int i = 0; i < notes; i++) {
            c.addNote(i, secret + " note " + i);
          }
          s.persist(c);
          return c.id;
        });
  }

  @Test
  void queriesOnPlainAttributesReturnDecryptedEntities() {
    persist("query-target", "q-secret", 0);
    List<Customer> jpql =
        jpa.fromTransaction(
            s ->
                s.createQuery("from Customer c where c.name = :n", Customer.class)
                    .setParameter("n", "query-target")
                    .getResultList());
    assertThat(jpql).extracting(c -> c.email).containsExactly("q-secret");
    List<Customer> criteria =
        jpa.fromTransaction(
            s -> {
              CriteriaBuilder cb = s.getCriteriaBuilder();
              CriteriaQuery<Customer> q = cb.createQuery(Customer.class);
              Root<Customer> root = q.from(Customer.class);
              q.select(root)
                  .where(cb.equal(root.get("name"), "query-target"), cb.isNotNull(root.get("ssn")));
              return s.createQuery(q).getResultList();
            });
    assertThat(criteria).extracting(c -> c.ssn).containsExactly("q-secret");
    List<String> plain =
        jpa.fromTransaction(
            s ->
                s.createQuery(
                        "select c.name from Customer c where c.name = 'query-target'", String.class)
                    .getResultList());
    assertThat(plain).containsExactly("query-target");
  }

  @Test
  void collectionsOfEntitiesWithEncryptedAttributesLoadLazilyAndByFetchJoin() {
    Long id = persist("parent", "p-secret", 3);
    List<String> lazy =
        jpa.fromTransaction(
            s -> {
              Customer c = s.find(Customer.class, id);
              List<String> texts = new ArrayList<>();
              c.notes.forEach(n -> texts.add(n.text));
              return texts;
            });
    assertThat(lazy).containsExactly("p-secret note 0", "p-secret note 1", "p-secret note 2");
    Customer fetched =
        jpa.fromTransaction(
            s ->
                s.createQuery(
                        "select c from Customer c left join fetch c.notes where c.id = :id",
                        Customer.class)
                    .setParameter("id", id)
                    .getSingleResult());
    assertThat(fetched.notes)
        .extracting(n -> n.text)
        .containsExactly("p-secret note 0", "p-secret note 1", "p-secret note 2");
    // change the collection: one removed (orphan), one changed, one added
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.notes.remove(0);
          c.notes.get(0).text = "changed";
          c.addNote(7, "added");
        });
    Customer after =
        jpa.fromTransaction(
            s -> {
              Customer c = s.find(Customer.class, id);
              Hibernate.initialize(c.notes);
              return c;
            });
    assertThat(after.notes)
        .extracting(n -> n.text)
        .containsExactly("changed", "p-secret note 2", "added");
  }

  @Test
  void mergeOfADetachedEntityUpdatesOnceAndBumpsTheVersionOnce() {
    Long id = persist("detached", "d-secret", 0);
    Customer detached = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(detached.version).isZero();
    detached.email = "d-changed";
    detached.ssnText = "d-ssn";
    jpa.resetCounters();
    Customer merged = jpa.fromTransaction(s -> s.merge(detached));
    assertThat(jpa.statistics().getEntityUpdateCount()).isEqualTo(1);
    assertThat(merged.version).isEqualTo(1);
    Customer reloaded = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(reloaded.email).isEqualTo("d-changed");
    assertThat(reloaded.ssnText).isEqualTo("d-ssn");
    assertThat(reloaded.emailText).isEqualTo("d-secret");
    assertThat(reloaded.version).isEqualTo(1);
    // merging it again unchanged writes nothing
    jpa.resetCounters();
    jpa.fromTransaction(s -> s.merge(reloaded));
    assertThat(jpa.statistics().getEntityUpdateCount()).isZero();
  }

  @Test
  void mergeOfANewEntityWithAnAssignedIdentifierInsertsIt() {
    Typed fresh = new Typed("merged-new");
    fresh.bString = "merged secret";
    fresh.tLevel = Typed.Level.HIGH;
    Typed managed = jpa.fromTransaction(s -> s.merge(fresh));
    assertThat(managed).isNotSameAs(fresh);
    Typed loaded = jpa.fromTransaction(s -> s.find(Typed.class, "merged-new"));
    assertThat(loaded.bString).isEqualTo("merged secret");
    assertThat(loaded.tLevel).isEqualTo(Typed.Level.HIGH);
  }

  @Test
  void detachAndReattachWithinOneSession() {
    Long id = persist("detach", "x-secret", 0);
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          s.detach(c);
          c.email = "x-changed";
          Customer again = s.find(Customer.class, id);
          assertThat(again).isNotSameAs(c);
          assertThat(again.email).isEqualTo("x-secret");
        });
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, id)).email).isEqualTo("x-secret");
  }

  @Test
  void batchInsertsRoundTrip() {
    jpa.resetCounters();
    List<Long> ids =
        jpa.fromTransaction(
            s -> {
              List<Long> out = new ArrayList<>();
              for (int i = 0; i < 25; i++) {
                Customer c = new Customer("batch-" + i, "batch-secret-" + i);
                c.addNote(0, "batch-note-" + i);
                s.persist(c);
                out.add(c.id);
              }
              return out;
            });
    assertThat(jpa.statistics().getEntityInsertCount()).isEqualTo(50);
    // batched: far fewer statements prepared than rows inserted
    assertThat(jpa.statements("insert")).hasSizeLessThan(10);
    List<Customer> loaded =
        jpa.fromTransaction(
            s ->
                s.createQuery(
                        "select distinct c from Customer c join fetch c.notes where c.name like"
                            + " 'batch-%'",
                        Customer.class)
                    .getResultList());
    assertThat(loaded).hasSize(25);
    for (Customer c : loaded) {
      String n = c.name.substring("batch-".length());
      assertThat(c.email).isEqualTo("batch-secret-" + n);
      assertThat(c.ssn).isEqualTo("batch-secret-" + n);
      assertThat(c.notes).extracting(x -> x.text).containsExactly("batch-note-" + n);
      assertThat(ids).contains(c.id);
    }
  }

  @Test
  void proxiesAndRefreshDecrypt() {
    Long id = persist("proxy", "proxy-secret", 0);
    String viaProxy =
        jpa.fromTransaction(
            s -> {
              Customer ref = s.getReference(Customer.class, id);
              assertThat(Hibernate.isInitialized(ref)).isFalse();
              return ref.getEmail();
            });
    assertThat(viaProxy).isEqualTo("proxy-secret");
    try (org.hibernate.Session s = jpa.sessionFactory.openSession()) {
      s.beginTransaction();
      Customer c = s.find(Customer.class, id);
      s.getTransaction().commit();
      jpa.inTransaction(other -> other.find(Customer.class, id).email = "changed elsewhere");
      // a new transaction, so that databases with repeatable-read snapshots see the change
      s.beginTransaction();
      s.refresh(c);
      assertThat(c.email).isEqualTo("changed elsewhere");
      s.getTransaction().commit();
    }
  }

  @Test
  void comparingAnEncryptedAttributeWithAParameterIsRefused() {
    persist("param", "param-secret", 0);
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.fromTransaction(
                    s ->
                        s.createQuery("from Customer c where c.email = :e", Customer.class)
                            .setParameter("e", "param-secret")
                            .getResultList()));
    assertThat(e.reason()).isEqualTo("refused-query");
    assertThat(e.getMessage()).contains("Customer.email").doesNotContain("param-secret");
  }

  @Test
  void bulkUpdatesCannotAssignAnEncryptedAttributeButMayClearIt() {
    Long id = persist("bulk", "bulk-secret", 0);
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.inTransaction(
                    s ->
                        s.createMutationQuery("update Customer c set c.email = :e where c.id = :id")
                            .setParameter("e", "bulk-plaintext")
                            .setParameter("id", id)
                            .executeUpdate()));
    assertThat(e.reason()).isEqualTo("refused-query");
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, id)).email).isEqualTo("bulk-secret");
    Object raw = jpa.query("select email from jpa_customer where id = ?", id).get(0)[0];
    assertThat(new String((byte[]) raw, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("bulk-plaintext");

    int n =
        jpa.fromTransaction(
            s ->
                s.createMutationQuery("update Customer c set c.email = null where c.id = :id")
                    .setParameter("id", id)
                    .executeUpdate());
    assertThat(n).isEqualTo(1);
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, id)).email).isNull();
  }

  @Test
  void aProjectionOfAnEncryptedAttributeIsRefused() {
    Long id = persist("projection", "proj-secret", 0);
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.fromTransaction(
                    s ->
                        s.createQuery(
                                "select c.email from Customer c where c.id = :id", Object.class)
                            .setParameter("id", id)
                            .getResultList()));
    assertThat(e.reason()).isEqualTo("refused-query");
    assertThat(e.getMessage()).contains("Customer.email").contains("Select the entity");
  }

  @Test
  void statelessSessionsWriteEncryptedButCannotLoad() {
    Long id;
    try (StatelessSession s = jpa.sessionFactory.openStatelessSession()) {
      s.getTransaction().begin();
      Customer c = new Customer("stateless", "stateless-secret");
      s.insert(c);
      id = c.id;
      c.email = "stateless-updated";
      s.update(c);
      s.getTransaction().commit();
    }
    // written encrypted, and readable by a regular session
    byte[] raw = (byte[]) jpa.query("select email from jpa_customer where id = ?", id).get(0)[0];
    assertThat(raw).startsWith(1, 0, 2, 'k', '1');
    Customer c = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(c.email).isEqualTo("stateless-updated");
    assertThat(c.ssn).isEqualTo("stateless-secret");
    try (StatelessSession s = jpa.sessionFactory.openStatelessSession()) {
      EncryptedAttributeException e = Failures.attributeFailure(() -> s.get(Customer.class, id));
      assertThat(e.getMessage()).contains("StatelessSession");
    }
    // upsert: works for unversioned entities, refused with a clear message for versioned ones
    try (StatelessSession s = jpa.sessionFactory.openStatelessSession()) {
      s.getTransaction().begin();
      Typed t = new Typed("upserted");
      t.bString = "first";
      s.upsert(t);
      t.bString = "second";
      s.upsert(t);
      EncryptedAttributeException e = Failures.attributeFailure(() -> s.upsert(c));
      assertThat(e.getMessage()).contains("upsert()").contains("versioned");
      s.getTransaction().commit();
    }
    assertThat(jpa.fromTransaction(s -> s.find(Typed.class, "upserted")).bString)
        .isEqualTo("second");
  }

  @Test
  void eightThreadsPersistingAndLoadingConcurrently() throws Exception {
    int threads = 8;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        tasks.add(
            () -> {
              int checked = 0;
              for (int i = 0; i < perThread; i++) {
                String secret = "thread-" + thread + "-value-" + i + "-" + "x".repeat(i);
                Long id = persist("t" + thread + "-" + i, secret, i % 3);
                Customer c =
                    jpa.fromTransaction(
                        s -> {
                          Customer found = s.find(Customer.class, id);
                          Hibernate.initialize(found.notes);
                          return found;
                        });
                assertThat(c.email).isEqualTo(secret);
                assertThat(c.emailText).isEqualTo(secret);
                assertThat(c.ssn).isEqualTo(secret);
                assertThat(c.ssnText).isEqualTo(secret);
                assertThat(c.nickName).isEqualTo(secret);
                assertThat(c.summary).isEqualTo(secret);
                assertThat(c.notes).hasSize(i % 3);
                jpa.inTransaction(s -> s.find(Customer.class, id).email = secret + "!");
                assertThat(jpa.fromTransaction(s -> s.find(Customer.class, id)).email)
                    .isEqualTo(secret + "!");
                checked++;
              }
              return checked;
            });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(threads * perThread);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
