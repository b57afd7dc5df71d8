package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key rotation (new writes use the active key, reads any key still held, unknown key ids are named)
 * and failing closed: a missing key or an unencodable value aborts the flush and nothing is
 * written.
 */
class KeysAndTransactionsTest {
  private static final TestKeys.Swappable KEYS = new TestKeys.Swappable(TestKeys.standard());
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa = JpaFixture.of(KEYS, Customer.class, Note.class);
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  @AfterEach
  void restoreKeys() {
    KEYS.set(TestKeys.standard());
    jpa.update("delete from jpa_note");
    jpa.update("delete from jpa_customer");
  }

  private static KeyRings rings(KeyRing defaultRing) {
    return KeyRings.of(defaultRing, KeyRing.of("pii", "p1", SymmetricKey.fromBytes(TestKeys.PII)));
  }

  private static String storedKeyId(Long id) {
    byte[] email = (byte[]) jpa.query("select email from jpa_customer where id = ?", id).get(0)[0];
    return EncryptedValueCodec.storedKeyId(email);
  }

  private static Long persist(String secret) {
    return jpa.fromTransaction(
        s -> {
          Customer c = new Customer("c", secret);
          s.persist(c);
          return c.id;
        });
  }

  @Test
  void rotationNewWritesUseTheActiveKeyOldValuesStayReadable() {
    Long old = persist("written under k1");
    assertThat(storedKeyId(old)).isEqualTo("k1");

    KEYS.set(
        rings(
            KeyRing.builder("default")
                .add("k1", SymmetricKey.fromBytes(TestKeys.K1))
                .add("k2", SymmetricKey.fromBytes(TestKeys.K2))
                .active("k2")
                .build()));
    Long fresh = persist("written under k2");
    assertThat(storedKeyId(fresh)).isEqualTo("k2");
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, old)).email)
        .isEqualTo("written under k1");
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, fresh)).email)
        .isEqualTo("written under k2");

    // changing the old entity re-encrypts it with the active key
    jpa.inTransaction(s -> s.find(Customer.class, old).email = "changed");
    assertThat(storedKeyId(old)).isEqualTo("k2");
  }

  @Test
  void aRemovedKeyGivesAClearErrorNamingTheKeyId() {
    Long old = persist("written under k1");
    KEYS.set(rings(KeyRing.of("default", "k2", SymmetricKey.fromBytes(TestKeys.K2))));
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, old)));
    assertThat(e.reason()).isEqualTo(EncryptionObserver.UNKNOWN_KEY);
    assertThat(e.getMessage())
        .contains("'k1'")
        .contains("'default'")
        .contains("Customer")
        .contains(String.valueOf(old));
    UnknownKeyException cause = Failures.find(e, UnknownKeyException.class);
    assertThat(cause.keyId()).isEqualTo("k1");
    assertThat(cause.keyRing()).isEqualTo("default");
  }

  @Test
  void aRotationJobCanResealOldValuesWithThePublicApi() {
    Long old = persist("to be migrated");
    KEYS.set(
        rings(
            KeyRing.builder("default")
                .add("k1", SymmetricKey.fromBytes(TestKeys.K1))
                .add("k2", SymmetricKey.fromBytes(TestKeys.K2))
                .active("k2")
                .build()));
    EncryptedValueCodec codec = EncryptedAttributes.codec(jpa.sessionFactory);
    EncryptedAttribute email =
        EncryptedAttributes.of(jpa.sessionFactory).stream()
            .filter(a -> a.entityName().equals("Customer") && a.attributeName().equals("email"))
            .findFirst()
            .orElseThrow();
    assertThat(email.table()).isEqualTo("jpa_customer");
    assertThat(email.column()).isEqualTo("email");
    assertThat(email.idColumn()).isEqualTo("id");
    // what a job does: read raw values with JDBC, reseal those under an old key, write them back
    List<Object[]> rows =
        jpa.query("select " + email.idColumn() + ", " + email.column() + " from " + email.table());
    int migrated = 0;
    for (Object[] row : rows) {
      Long id = ((Number) row[0]).longValue();
      if (!email.storedKeyId(codec, row[1], null).equals("k2")) {
        byte[] resealed =
            codec.reseal(email.keyRing(), email.context(id), email.format().fromColumn(row[1]));
        jpa.update(
            "update jpa_customer set email = ? where id = ?",
            email.format().toColumn(resealed),
            id);
        migrated++;
      }
    }
    assertThat(migrated).isEqualTo(1);
    assertThat(storedKeyId(old)).isEqualTo("k2");
  }

  @Test
  void anUnknownKeyRingAtWriteTimeRollsBackEverything() {
    KEYS.set(KeyRings.of(TestKeys.standard().keyRing("default"))); // ring "pii" is gone
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.inTransaction(
                    s -> {
                      for (int i = 0; i < 4; i++) {
                        Customer c = new Customer("ok-" + i, "fine");
                        c.summary = null; // needs no key from "pii"
                        s.persist(c);
                      }
                      s.flush(); // the first four rows are written to the database now
                      s.persist(new Customer("needs pii", "secret")); // summary needs ring "pii"
                    }));
    assertThat(e.reason()).isEqualTo(EncryptionObserver.UNKNOWN_KEY);
    assertThat(e.getMessage()).contains("summary").contains("'pii'").contains("nothing is written");
    assertThat(jpa.count("jpa_customer")).isZero();
  }

  @Test
  void anUnknownPinnedKeyRollsBackAnUpdateAndLeavesTheRowAsItWas() {
    Long id = persist("before");
    Object[] before = jpa.query("select email, nickName from jpa_customer where id = ?", id).get(0);
    // nickName pins key id k1 (Context Imprint); a ring without k1 cannot write it
    KEYS.set(rings(KeyRing.of("default", "k2", SymmetricKey.fromBytes(TestKeys.K2))));
    Failures.attributeFailure(() -> jpa.inTransaction(s -> s.find(Customer.class, id)));
    KEYS.set(TestKeys.standard());
    Customer loaded = jpa.fromTransaction(s -> s.find(Customer.class, id));
    KEYS.set(rings(KeyRing.of("default", "k2", SymmetricKey.fromBytes(TestKeys.K2))));
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.inTransaction(
                    s -> {
                      Customer detached = loaded;
                      detached.email = "after";
                      s.merge(detached);
                    }));
    assertThat(e.getMessage()).contains("Customer");
    Object[] after = jpa.query("select email, nickName from jpa_customer where id = ?", id).get(0);
    assertThat((byte[]) after[0]).isEqualTo((byte[]) before[0]);
    assertThat((byte[]) after[1]).isEqualTo((byte[]) before[1]);
  }

  @Test
  void aValueThatCannotBeEncodedIsNeverWrittenInPlaintext() {
    EncryptedAttributeException e =
        Failures.attributeFailure(
            () ->
                jpa.inTransaction(
                    s -> {
                      s.persist(new Customer("fine", "fine"));
                      Customer bad = new Customer("bad", "ok");
                      bad.email = "secret-value \ud800";
                      s.persist(bad);
                    }));
    assertThat(e.reason()).isEqualTo(EncryptionObserver.ENCODE);
    assertThat(e.getMessage()).doesNotContain("secret-value");
    assertThat(jpa.count("jpa_customer")).isZero();
  }
}
