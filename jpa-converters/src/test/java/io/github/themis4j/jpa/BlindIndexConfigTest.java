package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.hibernate.BlindIndexSqmTranslatorFactory;
import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexes;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blind-index configuration: what fails at bootstrap (missing ring, missing translator, a ring
 * shared with encryption), and a rotation of the index key with queries answering throughout.
 */
class BlindIndexConfigTest {
  private static final String TRANSLATOR = BlindIndexQueryTest.TRANSLATOR;
  private static final SymmetricKey B1 = SymmetricKey.fromBytes(BlindIndexQueryTest.INDEX_KEY);
  private static final SymmetricKey B2 = SymmetricKey.fromBytes(TestKeys.bytes(42));
  private static final KeyRing DEFAULT = KeyRing.of("default", "k1", SymmetricKey.fromBytes(TestKeys.K1));

  @Test
  void missingIndexKeyRingFailsAtBootstrapNamingTheIndexAndTheRing() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(IndexedPatient.class)
                    .keys(KeyRings.of(DEFAULT))
                    .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
                    .build()
                    .close())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("IndexedPatient.emailIndex")
        .hasMessageContaining("key ring 'blind-index' is not configured")
        .hasMessageContaining("themis4j.key-rings.blind-index");
  }

  @Test
  void missingKeyRingAtWriteTimeFailsClosedAndWritesNothing() {
    TestKeys.Swappable keys =
        new TestKeys.Swappable(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b1", B1)));
    try (JpaFixture f =
        JpaFixture.builder(IndexedPatient.class)
            .keys(keys)
            .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
            .build()) {
      keys.set(KeyRings.of(DEFAULT));
      assertThatThrownBy(
              () -> f.inTransaction(s -> s.persist(new IndexedPatient("a", "a@x.org", "1"))))
          .isInstanceOf(EncryptedAttributeException.class)
          .hasMessageContaining("IndexedPatient.emailIndex")
          .hasMessageContaining("'blind-index'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("a@x.org"));
      assertThat(f.count("bidx_patient")).isZero();
    }
  }

  @Test
  void anotherTranslatorConfiguredByTheApplicationIsRefused() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(IndexedPatient.class)
                    .keys(BlindIndexQueryTest.keys())
                    .set(TRANSLATOR, org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory.class.getName())
                    .build())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("IndexedPatient.emailIndex")
        .hasMessageContaining("hibernate.query.sqm.translator")
        .hasMessageContaining(BlindIndexSqmTranslatorFactory.class.getName());
  }

  @Test
  void noSettingIsNeeded() {
    try (JpaFixture f =
        JpaFixture.builder(IndexedPatient.class).keys(BlindIndexQueryTest.keys()).build()) {
      f.inTransaction(s -> s.persist(new IndexedPatient("a", "a@x.org", "1")));
      assertThat(find(f, "A@x.org")).containsExactly("a");
    }
  }

  @Test
  void anIndexRingThatEncryptsAttributesIsRefused() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(SharedRing.class)
                    .keys(BlindIndexQueryTest.keys())
                    .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
                    .build())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("SharedRing.codeIndex")
        .hasMessageContaining("key ring 'default' encrypts attributes");
  }

  @Test
  void aRingWithMoreThanTwoKeysIsRefused() {
    KeyRing three =
        KeyRing.builder("blind-index")
            .add("b1", B1)
            .add("b2", B2)
            .add("b3", SymmetricKey.fromBytes(TestKeys.bytes(43)))
            .active("b3")
            .build();
    assertThatThrownBy(
            () ->
                JpaFixture.builder(IndexedPatient.class)
                    .keys(KeyRings.of(DEFAULT, three))
                    .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
                    .build())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("holds 3 keys")
        .hasMessageContaining("at most 2");
  }

  @Test
  void rotatingTheIndexKeyKeepsFindersAnsweringBeforeDuringAndAfter() {
    TestKeys.Swappable keys =
        new TestKeys.Swappable(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b1", B1)));
    try (JpaFixture f =
        JpaFixture.builder(IndexedPatient.class)
            .keys(keys)
            .set(TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
            .build()) {
      f.inTransaction(s -> s.persist(new IndexedPatient("old", "old@x.org", "1")));
      assertThat(find(f, "old@x.org")).containsExactly("old");
      // rotation starts: b2 active, b1 still in the ring
      keys.set(
          KeyRings.of(
              DEFAULT,
              KeyRing.builder("blind-index").add("b1", B1).add("b2", B2).active("b2").build()));
      f.inTransaction(s -> s.persist(new IndexedPatient("new", "new@x.org", "2")));
      assertThat(f.query("select email_bidx from bidx_patient where label = 'old'").get(0)[0])
          .asString()
          .startsWith("b1:");
      assertThat(f.query("select email_bidx from bidx_patient where label = 'new'").get(0)[0])
          .asString()
          .startsWith("b2:");
      // same query plan, both generations of index values found
      assertThat(find(f, "old@x.org")).containsExactly("old");
      assertThat(find(f, "new@x.org")).containsExactly("new");
      // the old row's index is rewritten under b2 (what the engine's pass does), then b1 goes
      BlindIndexes indexes = BlindIndexes.of(f.sessionFactory);
      BlindIndexDefinition email = indexes.forSource(IndexedPatient.class.getName(), "email");
      f.update(
          "update bidx_patient set email_bidx = ? where label = 'old'",
          indexes.compute(email, "old@x.org"));
      keys.set(KeyRings.of(DEFAULT, KeyRing.of("blind-index", "b2", B2)));
      assertThat(find(f, "old@x.org")).containsExactly("old");
      assertThat(find(f, "new@x.org")).containsExactly("new");
    }
  }

  private static List<String> find(JpaFixture f, String email) {
    return f.fromTransaction(
        s ->
            s.createQuery("select p.label from IndexedPatient p where p.email = :e", String.class)
                .setParameter("e", email)
                .getResultList());
  }
}
