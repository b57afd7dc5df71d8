package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.AuthenticationFailedException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each value is bound to its row, column and table: a ciphertext copied elsewhere with SQL fails to
 * decrypt, with an error naming entity, identifier and attribute and never the value.
 */
class ContextBindingTest {
  private static final String SECRET_A = "alice-secret-111";
  private static final String SECRET_B = "bob-secret-22222";
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa = JpaFixture.of(TestKeys.standard(), Customer.class, Note.class, Typed.class);
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static Long persist(String name, String secret) {
    return jpa.fromTransaction(
        s -> {
          Customer c = new Customer(name, secret);
          s.persist(c);
          return c.id;
        });
  }

  private static Object column(String sql, Object id) {
    return jpa.query(sql, id).get(0)[0];
  }

  private static void assertNamesRowNotValue(
      EncryptedAttributeException e, String entity, Object id, String attribute) {
    assertThat(e.entity()).isEqualTo(entity);
    assertThat(e.identifier()).isEqualTo(String.valueOf(id));
    assertThat(e.attribute()).isEqualTo(attribute);
    assertThat(e.getMessage())
        .contains(entity)
        .contains(String.valueOf(id))
        .contains("'" + attribute + "'")
        .doesNotContain(SECRET_A)
        .doesNotContain(SECRET_B);
    for (Throwable c = e; c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET_A).doesNotContain(SECRET_B);
    }
  }

  @Test
  void sealValueCopiedToAnotherRowFails() {
    Long a = persist("alice", SECRET_A);
    Long b = persist("bob", SECRET_B);
    for (String col : new String[] {"email", "email_text"}) {
      Object fromA = column("select " + col + " from jpa_customer where id = ?", a);
      jpa.update("update jpa_customer set " + col + " = ? where id = ?", fromA, b);
    }
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, b)));
    assertNamesRowNotValue(e, "Customer", b, "email");
    assertThat(e.reason()).isEqualTo(EncryptionObserver.AUTHENTICATION);
    assertThat(e.getCause()).isInstanceOf(AuthenticationFailedException.class);
    // the source row is intact
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, a)).email).isEqualTo(SECRET_A);
  }

  @Test
  void tokenProtectValueCopiedToAnotherRowFails() {
    Long a = persist("alice", SECRET_A);
    Long b = persist("bob", SECRET_B);
    Object[] fromA = jpa.query("select ssn, ssn_token from jpa_customer where id = ?", a).get(0);
    jpa.update(
        "update jpa_customer set ssn = ?, ssn_token = ? where id = ?", fromA[0], fromA[1], b);
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, b)));
    assertNamesRowNotValue(e, "Customer", b, "ssn");
  }

  @Test
  void sealValueCopiedToAnotherColumnOfTheSameRowFails() {
    Typed t = new Typed("columns");
    t.bString = SECRET_A;
    t.bBytes = new byte[] {1};
    t.tString = SECRET_A;
    t.tBytes = new byte[] {1};
    jpa.inTransaction(s -> s.persist(t));
    Object bString = column("select b_string from jpa_typed where id = ?", "columns");
    jpa.update("update jpa_typed set b_bytes = ? where id = ?", bString, "columns");
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Typed.class, "columns")));
    assertNamesRowNotValue(e, "Typed", "columns", "bBytes");

    jpa.update("update jpa_typed set b_bytes = null, t_bytes = t_string where id = ?", "columns");
    e = Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Typed.class, "columns")));
    assertNamesRowNotValue(e, "Typed", "columns", "tBytes");
  }

  @Test
  void sealValueCopiedToAnotherTableFails() {
    Long a = persist("alice", SECRET_A);
    UUID noteId =
        jpa.fromTransaction(
            s -> {
              Customer c = s.find(Customer.class, a);
              Note n = c.addNote(1, SECRET_B);
              return n.id;
            });
    // both columns are base64 Seal columns with ring "default": only the table (and column) differ
    Object fromCustomer = column("select email_text from jpa_customer where id = ?", a);
    jpa.update("update jpa_note set body = ? where id = ?", fromCustomer, noteId);
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Note.class, noteId)));
    assertNamesRowNotValue(e, "Note", noteId, "text");
  }

  @Test
  void tamperingWithAnyPartOfTheStoredValueFails() {
    Long a = persist("alice", SECRET_A);
    byte[] original = (byte[]) column("select email from jpa_customer where id = ?", a);
    // 0: version, 1: kind, 3-4: key id, then the Seal header, IV, tag and ciphertext
    int[] positions = {0, 1, 2, 3, 4, 5, 17, 25, 40, original.length - 1};
    for (int pos : positions) {
      byte[] tampered = original.clone();
      tampered[pos] ^=
          (pos == 3 || pos == 4) ? 0x03 : 0x01; // 'k1' -> 'h2'-like ids stay valid characters
      jpa.update("update jpa_customer set email = ? where id = ?", tampered, a);
      EncryptedAttributeException e =
          Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, a)));
      assertNamesRowNotValue(e, "Customer", a, "email");
    }
    // a swapped key id that the ring does hold is still caught: the key id is authenticated
    byte[] otherKey = original.clone();
    otherKey[4] = '2'; // "k1" -> "k2", both in ring "default"
    jpa.update("update jpa_customer set email = ? where id = ?", otherKey, a);
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, a)));
    assertThat(e.reason()).isEqualTo(EncryptionObserver.AUTHENTICATION);
    // truncation and garbage
    jpa.update("update jpa_customer set email = ? where id = ?", new byte[] {1, 0}, a);
    e = Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, a)));
    assertThat(e.reason()).isEqualTo(EncryptionObserver.MALFORMED);
    jpa.update(
        "update jpa_customer set email = ?, email_text = 'not base64!' where id = ?", original, a);
    e = Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, a)));
    assertThat(e.attribute()).isEqualTo("emailText");
    assertThat(e.reason()).isEqualTo(EncryptionObserver.MALFORMED);
  }

  @Test
  void plaintextWrittenBehindTheApplicationsBackIsRejected() {
    Long a = persist("alice", SECRET_A);
    jpa.update(
        "update jpa_customer set email_text = ? where id = ?",
        Base64.getEncoder()
            .encodeToString(SECRET_B.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        a);
    EncryptedAttributeException e =
        Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, a)));
    assertNamesRowNotValue(e, "Customer", a, "emailText");
  }

  @Test
  void contextImprintCopiedToAnotherRowDoesNotDecryptToTheOriginal() {
    Long a = persist("alice", SECRET_A);
    Long b = persist("bob", SECRET_B);
    Object fromA = column("select nickName from jpa_customer where id = ?", a);
    jpa.update("update jpa_customer set nickName = ? where id = ?", fromA, b);
    // unauthenticated: either garbage that is not valid UTF-8 (an error) or a different string
    try {
      Customer c = jpa.fromTransaction(s -> s.find(Customer.class, b));
      assertThat(c.nickName).isNotEqualTo(SECRET_A);
    } catch (RuntimeException ex) {
      EncryptedAttributeException e = Failures.find(ex, EncryptedAttributeException.class);
      assertNamesRowNotValue(e, "Customer", b, "nickName");
    }
  }
}
