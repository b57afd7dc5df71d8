package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.hibernate.BlindIndexSqmTranslatorFactory;
import io.github.themis4j.jpa.index.BlindIndexException;
import io.github.themis4j.jpa.index.BlindIndexQueries;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Equality queries on encrypted attributes served by blind indexes, through plain Hibernate: every
 * query form, exact and truncated indexes, compound indexes, null and empty values, and what is
 * refused. Runs on H2, PostgreSQL and MariaDB (see {@link TestDatabase}).
 */
class BlindIndexQueryTest {
  static final byte[] INDEX_KEY = TestKeys.bytes(41);
  static final String TRANSLATOR = "hibernate.query.sqm.translator";

  static KeyRings keys() {
    return KeyRings.of(
        KeyRing.of("default", "k1", SymmetricKey.fromBytes(TestKeys.K1)),
        KeyRing.of("blind-index", "b1", SymmetricKey.fromBytes(INDEX_KEY)));
  }

  static JpaFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        JpaFixture.builder(IndexedPatient.class)
            .keys(keys())
            .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
            .build();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void clean() {
    fixture.update("delete from bidx_patient");
  }

  private void save(IndexedPatient... patients) {
    fixture.inTransaction(
        s -> {
          for (IndexedPatient p : patients) {
            s.persist(p);
          }
        });
  }

  private static List<String> labels(List<IndexedPatient> l) {
    return l.stream().map(p -> p.label).sorted().collect(Collectors.toList());
  }

  private List<String> jpql(String where, String name, Object value) {
    return fixture.fromTransaction(
        s ->
            labels(
                s.createQuery("from IndexedPatient p where " + where, IndexedPatient.class)
                    .setParameter(name, value)
                    .getResultList()));
  }

  private List<String> all(String query) {
    List<String> out =
        fixture.fromTransaction(
            s -> labels(s.createQuery(query, IndexedPatient.class).getResultList()));
    return out;
  }

  @Test
  void jpqlEqualityWithParametersAndLiteralsFindsByNormalizedPlaintext() {
    save(
        new IndexedPatient("alice", "alice@example.com", "756.1111.2222.01"),
        new IndexedPatient("bob", "bob@example.com", "756.1111.2222.02"));
    assertThat(jpql("p.email = :e", "e", "alice@example.com")).containsExactly("alice");
    assertThat(jpql("p.email = :e", "e", "  Alice@EXAMPLE.com ")).containsExactly("alice");
    assertThat(jpql(":e = p.email", "e", "bob@example.com")).containsExactly("bob");
    assertThat(jpql("p.email = :e", "e", "carol@example.com")).isEmpty();
    assertThat(jpql("p.email <> :e", "e", "alice@example.com")).containsExactly("bob");
    assertThat(jpql("not (p.email = :e)", "e", "alice@example.com")).containsExactly("bob");
    assertThat(
            all("from IndexedPatient p where p.email = 'bob@example.com'"))
        .containsExactly("bob");
    // the SQL compares the index column, never the ciphertext column
    fixture.resetCounters();
    jpql("p.email = :e", "e", "alice@example.com");
    String select = fixture.statements("select").get(0);
    assertThat(select).contains("email_bidx in (?,?)");
  }

  @Test
  void inListsCountsAndExistenceQueries() {
    save(
        new IndexedPatient("alice", "alice@example.com", "1"),
        new IndexedPatient("bob", "bob@example.com", "2"),
        new IndexedPatient("carol", "carol@example.com", "3"));
    assertThat(jpql("p.email in :l", "l", List.of("alice@example.com", "CAROL@example.com")))
        .containsExactly("alice", "carol");
    assertThat(jpql("p.email in :l", "l", List.of("dave@example.com"))).isEmpty();
    assertThat(jpql("p.email not in :l", "l", List.of("alice@example.com", "bob@example.com")))
        .containsExactly("carol");
    assertThat(
            all("from IndexedPatient p where p.email in ('alice@example.com',"
                                    + " 'bob@example.com')"))
        .containsExactly("alice", "bob");
    long count =
        fixture.fromTransaction(
            s ->
                s.createQuery(
                        "select count(p) from IndexedPatient p where p.email = :e", Long.class)
                    .setParameter("e", "bob@example.com")
                    .getSingleResult());
    assertThat(count).isEqualTo(1);
    boolean exists =
        fixture.fromTransaction(
            s ->
                !s.createQuery(
                        "select p.id from IndexedPatient p where p.email = :e", Long.class)
                    .setParameter("e", "dave@example.com")
                    .setMaxResults(1)
                    .getResultList()
                    .isEmpty());
    assertThat(exists).isFalse();
  }

  @Test
  void criteriaEqualityAndIn() {
    save(
        new IndexedPatient("alice", "alice@example.com", "1"),
        new IndexedPatient("bob", "bob@example.com", "2"));
    List<String> eq =
        fixture.fromTransaction(
            s -> {
              CriteriaBuilder cb = s.getCriteriaBuilder();
              CriteriaQuery<IndexedPatient> q = cb.createQuery(IndexedPatient.class);
              Root<IndexedPatient> r = q.from(IndexedPatient.class);
              q.where(cb.equal(r.get("email"), "Bob@Example.com"));
              return labels(s.createQuery(q).getResultList());
            });
    assertThat(eq).containsExactly("bob");
    List<String> in =
        fixture.fromTransaction(
            s -> {
              CriteriaBuilder cb = s.getCriteriaBuilder();
              CriteriaQuery<IndexedPatient> q = cb.createQuery(IndexedPatient.class);
              Root<IndexedPatient> r = q.from(IndexedPatient.class);
              q.where(r.get("email").in("alice@example.com", "bob@example.com"));
              return labels(s.createQuery(q).getResultList());
            });
    assertThat(in).containsExactly("alice", "bob");
  }

  @Test
  void duplicateExactIndexViolatesTheUniqueConstraint() {
    save(new IndexedPatient("alice", "alice@example.com", "1"));
    assertThatThrownBy(() -> save(new IndexedPatient("again", " ALICE@example.com", "2")))
        .isInstanceOf(jakarta.persistence.PersistenceException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("alice@"));
    assertThat(fixture.count("bidx_patient")).isEqualTo(1);
  }

  @Test
  void truncatedIndexWithManyCollisionsReturnsExactlyTheMatchingRows() {
    List<IndexedPatient> all = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      all.add(new IndexedPatient("p" + i, "p" + i + "@example.com", "756-0000-" + (1000 + i)));
    }
    save(all.toArray(new IndexedPatient[0]));
    // 80 ids in 16 buckets: the stored index values collide
    long distinct =
        ((Number)
                fixture
                    .query("select count(distinct national_id_bidx) from bidx_patient")
                    .get(0)[0])
            .longValue();
    assertThat(distinct).isLessThanOrEqualTo(16);
    for (int i = 0; i < 80; i += 7) {
      int n = i;
      List<IndexedPatient> found =
          fixture.fromTransaction(
              s -> BlindIndexQueries.findAll(s, IndexedPatient.class, "nationalId", "756.0000." + (1000 + n)));
      assertThat(labels(found)).containsExactly("p" + n);
    }
    // the candidates really were more than one row
    List<Object[]> bucket =
        fixture.query(
            "select count(*) from bidx_patient group by national_id_bidx order by count(*) desc");
    assertThat(((Number) bucket.get(0)[0]).longValue()).isGreaterThan(1);
    // a plain query on the truncated index would return false positives: refused
    assertThatThrownBy(() -> jpql("p.nationalId = :n", "n", "756.0000.1000"))
        .isInstanceOf(BlindIndexException.class)
        .hasMessageContaining("IndexedPatient.nationalId")
        .hasMessageContaining("BlindIndexQueries.findAll")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1000"));
  }

  @Test
  void compoundIndexOverEncryptedAndPlainAttributes() {
    save(
        new IndexedPatient("a", "a@x", "1").named("Smith", 1980),
        new IndexedPatient("b", "b@x", "2").named("SMITH", 1981),
        new IndexedPatient("c", "c@x", "3").named("Jones", 1980),
        new IndexedPatient("d", "d@x", "4").named(null, 1980));
    List<IndexedPatient> found =
        fixture.fromTransaction(
            s -> BlindIndexQueries.findAll(s, IndexedPatient.class, "nameYearIndex", "smith", 1980));
    assertThat(labels(found)).containsExactly("a");
    List<IndexedPatient> nullName =
        fixture.fromTransaction(
            s -> BlindIndexQueries.findAll(s, IndexedPatient.class, "nameYearIndex", null, 1980));
    assertThat(labels(nullName)).containsExactly("d");
  }

  @Test
  void nullAndEmptyValues() {
    save(
        new IndexedPatient("empty", "", "1"),
        new IndexedPatient("none", null, "2"),
        new IndexedPatient("blank", "   x", "3"));
    List<Object[]> rows =
        fixture.query("select label, email_bidx from bidx_patient order by label");
    assertThat(rows.get(1)[0]).isEqualTo("empty");
    assertThat((String) rows.get(1)[1]).startsWith("b1:");
    assertThat(rows.get(2)[0]).isEqualTo("none");
    assertThat(rows.get(2)[1]).isNull();
    assertThat(jpql("p.email = :e", "e", "")).containsExactly("empty");
    assertThat(jpql("p.email = :e", "e", "  ")).containsExactly("empty"); // trimmed to ""
    assertThat(jpql("p.email = :e", "e", null)).isEmpty();
    assertThat(
            all("from IndexedPatient p where p.email is null"))
        .containsExactly("none");
  }

  @Test
  void indexIsRecomputedOnlyWhenTheSourceChanges() {
    IndexedPatient p = new IndexedPatient("alice", "alice@example.com", "1");
    save(p);
    String before =
        (String) fixture.query("select email_bidx from bidx_patient").get(0)[0];
    // a change elsewhere keeps the stored index value (and the query still finds the row)
    fixture.inTransaction(s -> s.find(IndexedPatient.class, p.id).label = "alice2");
    fixture.update("update bidx_patient set national_id_bidx = 'marker'");
    fixture.inTransaction(s -> s.find(IndexedPatient.class, p.id).label = "alice3");
    assertThat(fixture.query("select email_bidx, national_id_bidx from bidx_patient").get(0))
        .containsExactly(before, "marker");
    // a changed source gets a new index
    fixture.inTransaction(s -> s.find(IndexedPatient.class, p.id).email = "new@example.com");
    assertThat(fixture.query("select email_bidx from bidx_patient").get(0)[0]).isNotEqualTo(before);
    assertThat(jpql("p.email = :e", "e", "alice@example.com")).isEmpty();
    assertThat(jpql("p.email = :e", "e", "new@example.com")).containsExactly("alice3");
  }

  @Test
  void refusedQueriesNameTheAttributeAndWhatToConfigureButNoValue() {
    save(new IndexedPatient("alice", "alice@example.com", "1"));
    assertThatThrownBy(() -> jpql("p.notes = :v", "v", "secret-note"))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.notes")
        .hasMessageContaining("@BlindIndex(of = \"notes\")")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-note"));
    assertThatThrownBy(() -> jpql("p.notes in :v", "v", List.of("secret-note")))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.notes")
        .hasMessageContaining("@BlindIndex(of = \"notes\")");
    assertThatThrownBy(() -> jpql("p.nationalId like :v", "v", "alice%"))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.nationalId")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice"));
    assertThatThrownBy(() -> jpql("p.email < :v", "v", "alice@example.com"))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.email")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice"));
    assertThatThrownBy(() -> jpql("p.email = p.notes and p.label = :v", "v", "alice"))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.");
    assertThatThrownBy(
            () ->
                fixture.fromTransaction(
                    s ->
                        s.createQuery("from IndexedPatient p order by p.email", IndexedPatient.class)
                            .getResultList()))
        .isInstanceOf(EncryptedAttributeException.class)
        .hasMessageContaining("IndexedPatient.email");
  }
}
