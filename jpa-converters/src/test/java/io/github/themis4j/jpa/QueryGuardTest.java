package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Root;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, findings 1, 4, 5 and 6: every HQL / Criteria statement that would write plaintext into
 * an encrypted column, copy ciphertext between rows or columns, or compute with ciphertext is
 * refused before any SQL runs, with a message naming the attribute; afterwards the stored columns,
 * read over plain JDBC, are exactly what they were and every row still loads.
 */
class QueryGuardTest {
  private static JpaFixture jpa;
  private static final long ID = 1;
  private static final long OTHER = 2;

  @BeforeAll
  static void start() {
    jpa =
        JpaFixture.builder(Rec.class, Customer.class, Note.class).keys(TestKeys.standard()).build();
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  @BeforeEach
  void rows() {
    jpa.update("delete from jpa_rec");
    jpa.inTransaction(
        s -> {
          s.persist(new Rec(ID, "name1", "qsecret", new byte[] {1, 2, 3}));
          s.persist(new Rec(OTHER, "name2", "other-secret", new byte[] {7}));
        });
  }

  private static List<Object[]> stored() {
    return jpa.query("select id, version, name, secret, b64, blob from jpa_rec order by id");
  }

  /**
   * Runs {@code work}, expects the guard's refusal naming {@code attribute}, checks nothing moved.
   */
  private static void refused(String attribute, Consumer<Session> work, String... absent) {
    List<Object[]> before = stored();
    jpa.resetCounters();
    EncryptedAttributeException e = Failures.attributeFailure(() -> jpa.inTransaction(work));
    assertThat(e.reason()).isEqualTo("refused-query");
    assertThat(e.getMessage()).contains("Rec." + attribute);
    for (String a : absent) {
      assertThat(e.getMessage()).doesNotContain(a);
    }
    assertThat(jpa.statements())
        .as("no SQL may run for a refused statement")
        .noneMatch(sql -> sql.contains("jpa_rec") && !sql.trim().startsWith("select r1_0.id"));
    List<Object[]> after = stored();
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(Arrays.deepEquals(after.get(i), before.get(i))).as("row %d unchanged", i).isTrue();
    }
    for (Object[] row : after) {
      for (int c = 3; c < 6; c++) {
        String text =
            row[c] instanceof byte[]
                ? new String((byte[]) row[c], StandardCharsets.ISO_8859_1)
                : String.valueOf(row[c]);
        assertThat(text).doesNotContain("qsecret", "name1", "LITERAL", "PLAIN", "CRIT");
      }
    }
    Rec one = jpa.fromTransaction(s -> s.find(Rec.class, ID));
    assertThat(one.secret).isEqualTo("qsecret");
    assertThat(one.b64).isEqualTo("qsecret");
    assertThat(one.blob).containsExactly(1, 2, 3);
    assertThat(jpa.fromTransaction(s -> s.find(Rec.class, OTHER)).secret).isEqualTo("other-secret");
  }

  private static Consumer<Session> mutation(String hql) {
    return s -> s.createMutationQuery(hql).executeUpdate();
  }

  private static Consumer<Session> select(String hql) {
    return s -> s.createQuery(hql, Object.class).getResultList();
  }

  // ---- finding 1: bulk writes -------------------------------------------------------------------

  @Test
  void bulkUpdatesAssigningLiteralsPathsOrFunctionsAreRefused() {
    refused(
        "secret",
        s ->
            s.createMutationQuery("update Rec r set r.secret = 'LITERAL1' where r.id = :id")
                .setParameter("id", ID)
                .executeUpdate(),
        "LITERAL1");
    refused("b64", mutation("update Rec r set r.b64 = 'LITERAL2'"), "LITERAL2");
    refused("b64", mutation("update Rec r set r.b64 = r.name"));
    refused("b64", mutation("update Rec r set r.b64 = concat(r.name, 'X3')"), "X3");
    refused(
        "b64",
        s ->
            s.createMutationQuery("update Rec r set r.b64 = upper(:p)")
                .setParameter("p", "PLAINP")
                .executeUpdate(),
        "PLAINP");
    refused(
        "secret",
        s ->
            s.createMutationQuery("update Rec r set r.secret = :p")
                .setParameter("p", "PLAINP")
                .executeUpdate(),
        "PLAINP");
    refused("blob", mutation("update Rec r set r.blob = r.blob where r.id = 2"));
  }

  @Test
  void bulkInsertsIntoEncryptedColumnsAreRefused() {
    refused(
        "b64",
        mutation("insert into Rec (id, version, name, b64) values (999001, 0, 'ins1', 'PLAINLIT')"),
        "PLAINLIT");
    refused(
        "b64",
        mutation(
            "insert into Rec (id, version, name, b64) select r.id + 1000, 0, r.name, r.name"
                + " from Rec r"));
    // finding 6: copying ciphertext to another row
    refused(
        "secret",
        mutation(
            "insert into Rec (id, version, name, secret) select r.id + 5000000, 0, r.name,"
                + " r.secret from Rec r"));
    // inserting only plain columns (and null into an encrypted one) is fine
    jpa.inTransaction(
        s ->
            s.createMutationQuery(
                    "insert into Rec (id, version, name, secret) values (777, 0, 'plain', null)")
                .executeUpdate());
    Rec r = jpa.fromTransaction(s -> s.find(Rec.class, 777L));
    assertThat(r.name).isEqualTo("plain");
    assertThat(r.secret).isNull();
  }

  @Test
  void copyingCiphertextBetweenColumnsIsRefused() {
    refused("secret", mutation("update Rec r set r.secret = r.blob"));
    refused("b64", mutation("update Rec r set r.name = r.b64"));
  }

  @Test
  void criteriaUpdatesOfEncryptedAttributesAreRefused() {
    refused(
        "b64",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaUpdate<Rec> u = cb.createCriteriaUpdate(Rec.class);
          Root<Rec> root = u.from(Rec.class);
          u.set(root.<String>get("b64"), cb.literal("CRITLIT"));
          s.createMutationQuery(u).executeUpdate();
        },
        "CRITLIT");
    refused(
        "b64",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaUpdate<Rec> u = cb.createCriteriaUpdate(Rec.class);
          Root<Rec> root = u.from(Rec.class);
          u.set("b64", "CRITVAL");
          s.createMutationQuery(u).executeUpdate();
        },
        "CRITVAL");
    refused(
        "secret",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaDelete<Rec> d = cb.createCriteriaDelete(Rec.class);
          Root<Rec> root = d.from(Rec.class);
          d.where(cb.equal(root.get("secret"), "qsecret"));
          s.createMutationQuery(d).executeUpdate();
        },
        "qsecret");
  }

  @Test
  void clearingAnEncryptedAttributeAndPlainBulkUpdatesStillRun() {
    int n =
        jpa.fromTransaction(
            s ->
                s.createMutationQuery(
                        "update Rec r set r.name = 'renamed', r.blob = null where r.id = 2")
                    .executeUpdate());
    assertThat(n).isEqualTo(1);
    Rec r = jpa.fromTransaction(s -> s.find(Rec.class, OTHER));
    assertThat(r.name).isEqualTo("renamed");
    assertThat(r.blob).isNull();
    assertThat(r.secret).isEqualTo("other-secret");
    int deleted =
        jpa.fromTransaction(
            s -> s.createMutationQuery("delete from Rec r where r.blob is null").executeUpdate());
    assertThat(deleted).isEqualTo(1);
  }

  // ---- finding 4: comparisons -------------------------------------------------------------------

  @Test
  void comparisonsWithLiteralsParametersAndFunctionsAreRefused() {
    refused("b64", select("from Rec r where r.b64 = 'qsecret'"), "qsecret");
    refused(
        "b64",
        s ->
            s.createQuery("from Rec r where lower(r.b64) = :p", Rec.class)
                .setParameter("p", "qsecret")
                .getResultList(),
        "qsecret");
    refused(
        "secret",
        s ->
            s.createQuery("from Rec r where r.secret = :p", Rec.class)
                .setParameter("p", "qsecret")
                .getResultList(),
        "qsecret");
    refused("b64", select("from Rec r where r.b64 like 'q%'"));
    refused("secret", select("from Rec r where r.secret in ('a', 'b')"));
    refused("secret", select("from Rec r where r.secret <> r.b64"));
    refused("b64", select("from Rec r where length(r.b64) > 2"));
    refused("secret", select("from Rec r where coalesce(r.secret, 'x') = 'x'"));
    refused(
        "secret", select("from Rec r where r.id in (select q.id from Rec q where q.secret = 'x')"));
    refused(
        "secret",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaQuery<Rec> q = cb.createQuery(Rec.class);
          Root<Rec> root = q.from(Rec.class);
          q.where(cb.equal(root.get("secret"), "qsecret"));
          s.createQuery(q).getResultList();
        },
        "qsecret");
  }

  @Test
  void nullTestsAndQueriesOnPlainAttributesRun() {
    List<Long> ids =
        jpa.fromTransaction(
            s ->
                s.createQuery(
                        "select r.id from Rec r where r.secret is not null and r.blob is not null"
                            + " and r.name like 'name%' order by r.id",
                        Long.class)
                    .getResultList());
    assertThat(ids).containsExactly(ID, OTHER);
    List<Rec> recs =
        jpa.fromTransaction(
            s ->
                s.createQuery("select r from Rec r order by r.name desc", Rec.class)
                    .getResultList());
    assertThat(recs).extracting(r -> r.secret).containsExactly("other-secret", "qsecret");
    long count =
        jpa.fromTransaction(
            s ->
                s.createQuery("select count(r) from Rec r where r.b64 is null", Long.class)
                    .getSingleResult());
    assertThat(count).isZero();
  }

  // ---- finding 5: projections, order by, distinct ----------------------------------------------

  @Test
  void projectionsOrderingAndDistinctOnEncryptedAttributesAreRefused() {
    refused(
        "secret", s -> s.createQuery("select r.secret from Rec r", String.class).getResultList());
    refused(
        "secret",
        s ->
            s.createQuery(
                    "select new " + Rec.Dto.class.getName() + "(r.id, r.secret) from Rec r",
                    Rec.Dto.class)
                .getResultList());
    refused("secret", select("select r from Rec r order by r.secret"));
    refused("secret", select("select distinct r.secret from Rec r"));
    refused("b64", select("select r.b64, count(r) from Rec r group by r.b64"));
    refused("b64", select("select max(r.b64) from Rec r"));
    refused(
        "secret",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaQuery<Object> q = cb.createQuery(Object.class);
          Root<Rec> root = q.from(Rec.class);
          q.select(root.get("secret"));
          s.createQuery(q).getResultList();
        });
    refused(
        "secret",
        s -> {
          CriteriaBuilder cb = s.getCriteriaBuilder();
          CriteriaQuery<Rec> q = cb.createQuery(Rec.class);
          Root<Rec> root = q.from(Rec.class);
          q.orderBy(cb.asc(root.get("secret")));
          s.createQuery(q).getResultList();
        });
  }

  @Test
  void namedAndJoinedPathsAreCheckedToo() {
    refused(
        "secret",
        s ->
            s.createQuery("select r.id from Rec r, Rec q where r.secret = q.secret", Long.class)
                .getResultList());
  }
}
