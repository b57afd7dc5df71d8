package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Read-legacy attributes through Hibernate on the test database: plaintext rows written by the old
 * application load, a write encrypts, a damaged envelope is an error, the configuration setting
 * switches the state without a code change, and a typo in it fails the bootstrap.
 */
class ReadLegacyTest {
  private static final String INSERT =
      "insert into jpa_legacy_person (id, name, email, score, born, balance) values (?,?,?,?,?,?)";

  private static void seed(JpaFixture jpa, long id, String name, String email, String score,
      String born, String balance) {
    jpa.update(
        INSERT,
        id,
        name == null ? null : name.getBytes(StandardCharsets.UTF_8),
        email,
        score,
        born,
        balance);
  }

  @Test
  void plaintextRowsLoadAndTheNextWriteEncrypts() {
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), LegacyPerson.class)) {
      seed(jpa, 1, "Zoë Ünïcødé 😀", "zoe@example.com", "42", "1999-12-31", "-12.340");
      seed(jpa, 2, "", "", "-7", "2024-02-29", "0");
      seed(jpa, 3, null, null, null, null, null);
      LegacyPerson p1 = jpa.fromTransaction(s -> s.find(LegacyPerson.class, 1L));
      assertThat(p1.values())
          .containsExactly(
              "Zoë Ünïcødé 😀",
              "zoe@example.com",
              42,
              LocalDate.of(1999, 12, 31),
              new BigDecimal("-12.340"));
      assertThat(jpa.fromTransaction(s -> s.find(LegacyPerson.class, 2L)).values())
          .containsExactly("", "", -7, LocalDate.of(2024, 2, 29), BigDecimal.ZERO);
      assertThat(jpa.fromTransaction(s -> s.find(LegacyPerson.class, 3L)).values())
          .containsOnlyNulls();

      // a load alone writes nothing; a change encrypts the whole row
      jpa.resetCounters();
      jpa.inTransaction(s -> s.find(LegacyPerson.class, 1L).score = 43);
      assertThat(jpa.statements("update")).hasSize(1);
      Object[] raw =
          jpa.query("select name, email, score from jpa_legacy_person where id = 1").get(0);
      assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BASE64, raw[2]))
          .isEqualTo(StoredShape.ENVELOPE);
      assertThat(jpa.fromTransaction(s -> s.find(LegacyPerson.class, 1L)).score).isEqualTo(43);

      // new rows are always encrypted
      jpa.inTransaction(
          s -> s.persist(new LegacyPerson(4L, "n", "e", 1, LocalDate.EPOCH, BigDecimal.ONE)));
      for (Object v : jpa.query("select email, score, born from jpa_legacy_person where id = 4")
          .get(0)) {
        assertThat(EncryptedValueCodec.shapeOf(ColumnFormat.BASE64, v))
            .isEqualTo(StoredShape.ENVELOPE);
      }
    }
  }

  @Test
  void aDamagedEnvelopeIsAnErrorUnderReadLegacy() {
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), LegacyPerson.class)) {
      jpa.inTransaction(
          s -> s.persist(new LegacyPerson(1L, "n", "e@x", 1, LocalDate.EPOCH, BigDecimal.ONE)));
      String email = (String) jpa.query("select email from jpa_legacy_person").get(0)[0];
      byte[] b = Base64.getDecoder().decode(email);
      b[0] = 0x00; // the version byte: the envelope no longer starts like one
      jpa.update("update jpa_legacy_person set email = ?", Base64.getEncoder().encodeToString(b));
      assertThatThrownBy(() -> jpa.fromTransaction(s -> s.find(LegacyPerson.class, 1L)))
          .isInstanceOf(EncryptedAttributeException.class)
          .hasMessageContaining("email");
      byte[] name = (byte[]) jpa.query("select name from jpa_legacy_person").get(0)[0];
      name[name.length - 1] ^= 1;
      jpa.update("update jpa_legacy_person set email = null, name = ?", (Object) name);
      assertThatThrownBy(() -> jpa.fromTransaction(s -> s.find(LegacyPerson.class, 1L)))
          .isInstanceOf(EncryptedAttributeException.class)
          .hasMessageContaining("name");
    }
  }

  @Test
  void theSettingSwitchesToStrictWithoutACodeChange() {
    try (JpaFixture legacy = JpaFixture.of(TestKeys.standard(), LegacyPerson.class)) {
      seed(legacy, 1, "plain", null, null, null, null);
      try (JpaFixture strict =
          JpaFixture.builder(LegacyPerson.class)
              .keys(TestKeys.standard())
              .sharing(legacy)
              .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.name", "strict")
              .build()) {
        assertThat(EncryptedAttributes.of(strict.sessionFactory))
            .filteredOn(a -> a.attributeName().equals("name"))
            .singleElement()
            .extracting(EncryptedAttribute::migration)
            .isEqualTo(MigrationState.STRICT);
        assertThatThrownBy(() -> strict.fromTransaction(s -> s.find(LegacyPerson.class, 1L)))
            .isInstanceOf(EncryptedAttributeException.class)
            .hasMessageContaining("name")
            .hasMessageNotContaining("plain");
      }
    }
  }

  @Test
  void aMigrationSettingNamingNoAttributeOrWithABadValueFailsTheBootstrap() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(LegacyPerson.class)
                    .keys(TestKeys.standard())
                    .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.nmae", "strict")
                    .build()
                    .close())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("LegacyPerson.nmae");
    assertThatThrownBy(
            () ->
                JpaFixture.builder(LegacyPerson.class)
                    .keys(TestKeys.standard())
                    .set(ThemisJpaSettings.MIGRATION_PREFIX + "LegacyPerson.name", "lenient")
                    .build()
                    .close())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("'strict' or 'read-legacy'");
  }

  @Test
  void readLegacyOnANonSealAttributeFailsTheBootstrap() {
    assertThatThrownBy(
            () ->
                JpaFixture.builder(Customer.class, Note.class)
                    .keys(TestKeys.standard())
                    .set(ThemisJpaSettings.MIGRATION_PREFIX + "Customer.ssn", "read-legacy")
                    .build()
                    .close())
        .isInstanceOf(EncryptionMappingException.class)
        .hasMessageContaining("Customer.ssn")
        .hasMessageContaining("needs mode SEAL");
  }
}
