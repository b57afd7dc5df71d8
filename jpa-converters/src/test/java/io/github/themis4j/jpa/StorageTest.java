package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is in the columns, read with plain JDBC: never plaintext; NULL stays NULL; empty stays
 * empty.
 */
class StorageTest {
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

  private static Object[] row(Long id) {
    return jpa.query(
            "select email, email_text, ssn, ssn_token, ssn_text, ssn_text_token, nickName,"
                + " nick_name_text, notes_summary, name from jpa_customer where id = ?",
            id)
        .get(0);
  }

  private static byte[] bytes(Object column) {
    return column instanceof String ? Base64.getDecoder().decode((String) column) : (byte[]) column;
  }

  private static int le32(byte[] b, int offset) {
    return (b[offset] & 0xff)
        | (b[offset + 1] & 0xff) << 8
        | (b[offset + 2] & 0xff) << 16
        | (b[offset + 3] & 0xff) << 24;
  }

  /** Themis Seal (key) header: alg, IV length 12, tag length 16, message length. */
  private static void assertSealContainer(byte[] cell, int plaintextLength) {
    assertThat(cell).hasSize(44 + plaintextLength);
    assertThat(le32(cell, 4)).isEqualTo(12);
    assertThat(le32(cell, 8)).isEqualTo(16);
    assertThat(le32(cell, 12)).isEqualTo(plaintextLength);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void columnsHoldThemisContainersNeverThePlaintext() {
    String secret = "top-secret-value-0123456789";
    byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
    Long id =
        jpa.fromTransaction(
            s -> {
              Customer c = new Customer("Visible Name", secret);
              s.persist(c);
              return c.id;
            });
    Object[] row = row(id);
    assertThat(row[9]).isEqualTo("Visible Name"); // the unencrypted attribute, for contrast
    for (int i = 0; i < 9; i++) {
      byte[] stored = bytes(row[i]);
      assertThat(contains(stored, plain)).as("column %d holds the plaintext", i).isFalse();
      if (row[i] instanceof String) {
        assertThat((String) row[i]).doesNotContain(secret).matches("[A-Za-z0-9+/]*={0,2}");
      }
    }
    // Seal: envelope 01 | kind 00 | 2 | "k1", then a Seal container for the 27-byte plaintext
    for (int i : new int[] {0, 1}) {
      byte[] stored = bytes(row[i]);
      assertThat(stored).startsWith(1, 0, 2, 'k', '1');
      assertSealContainer(java.util.Arrays.copyOfRange(stored, 5, stored.length), plain.length);
    }
    byte[] summary = bytes(row[8]);
    assertThat(summary).startsWith(1, 0, 2, 'p', '1'); // ring "pii", key p1
    // Token Protect: data exactly as long as the plaintext, token = envelope + 44-byte Themis token
    assertThat(bytes(row[2])).hasSize(plain.length);
    assertThat(bytes(row[3])).hasSize(5 + 44).startsWith(1, 0, 2, 'k', '1');
    assertThat(le32(bytes(row[3]), 5 + 12)).isEqualTo(plain.length);
    assertThat(bytes(row[4])).hasSize(plain.length);
    assertThat(bytes(row[5])).hasSize(5 + 44);
    // Context Imprint: exactly as long as the plaintext, nothing else
    assertThat(bytes(row[6])).hasSize(plain.length);
    assertThat(bytes(row[7])).hasSize(plain.length);
  }

  @Test
  void encryptionIsRandomizedExceptForContextImprint() {
    Long id =
        jpa.fromTransaction(
            s -> {
              Customer c = new Customer("twice", "same");
              s.persist(c);
              return c.id;
            });
    Object[] before = row(id);
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.name = "changed"; // forces an UPDATE that writes every column again, with the same
          // plaintexts
        });
    Object[] after = row(id);
    assertThat(bytes(after[0])).isNotEqualTo(bytes(before[0]));
    assertThat(bytes(after[2])).isNotEqualTo(bytes(before[2]));
    assertThat(bytes(after[3])).isNotEqualTo(bytes(before[3]));
    assertThat(bytes(after[6])).isEqualTo(bytes(before[6])); // deterministic per (key, context)
  }

  @Test
  void nullIsSqlNullEverywhere() {
    Long id =
        jpa.fromTransaction(
            s -> {
              Customer c = new Customer("nobody", null);
              s.persist(c);
              return c.id;
            });
    Object[] row = row(id);
    for (int i = 0; i < 9; i++) {
      assertThat(row[i]).as("column %d", i).isNull();
    }
    Customer c = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(c.email).isNull();
    assertThat(c.ssn).isNull();
    assertThat(c.ssnToken).isNull();
    assertThat(c.nickName).isNull();
    // IS NULL queries keep working
    List<Long> ids =
        jpa.fromTransaction(
            s ->
                s.createQuery(
                        "select c.id from Customer c where c.email is null and c.id = :id",
                        Long.class)
                    .setParameter("id", id)
                    .getResultList());
    assertThat(ids).containsExactly(id);
  }

  @Test
  void emptyValuesRoundTripAsEmptyAndAreStillEncrypted() {
    Long id =
        jpa.fromTransaction(
            s -> {
              Customer c = new Customer("empty", "");
              s.persist(c);
              return c.id;
            });
    Object[] row = row(id);
    // Seal: kind 01 (empty), a Seal of the one-byte marker
    assertThat(bytes(row[0])).startsWith(1, 1, 2, 'k', '1').hasSize(5 + 44 + 1);
    assertThat(bytes(row[3])).startsWith(1, 1, 2, 'k', '1');
    assertThat(bytes(row[2])).hasSize(1);
    // Context Imprint: empty stays empty
    assertThat(bytes(row[6])).isEmpty();
    assertThat((String) row[7]).isEmpty();
    Customer c = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(c.email).isEmpty();
    assertThat(c.emailText).isEmpty();
    assertThat(c.ssn).isEmpty();
    assertThat(c.ssnText).isEmpty();
    assertThat(c.nickName).isEmpty();
    assertThat(c.nickNameText).isEmpty();

    Typed t = new Typed("empty-bytes");
    t.bBytes = new byte[0];
    t.tBytes = new byte[0];
    jpa.inTransaction(s -> s.persist(t));
    Typed loaded = jpa.fromTransaction(s -> s.find(Typed.class, "empty-bytes"));
    assertThat(loaded.bBytes).isEmpty();
    assertThat(loaded.tBytes).isEmpty();
    assertThat(loaded.bString).isNull();
  }

  @Test
  void everyTypeRoundTripsInBothFormats() throws Exception {
    for (int variant = 0; variant < 3; variant++) {
      Typed t = TypedValues.sample("rt-" + variant, variant);
      jpa.inTransaction(s -> s.persist(t));
      Typed loaded = jpa.fromTransaction(s -> s.find(Typed.class, t.id));
      for (java.lang.reflect.Field f : DocumentedFormatInteropTest.encryptedFields()) {
        assertThat(f.get(loaded))
            .as(f.getName() + " variant " + variant)
            .isEqualTo(DocumentedFormatInteropTest.readBack(f.get(t)));
      }
    }
  }

  @Test
  void inPlaceChangesOfAnEncryptedByteArrayAreDetected() {
    Typed t = new Typed("mutable");
    t.bBytes = new byte[] {1, 2, 3};
    jpa.inTransaction(s -> s.persist(t));
    jpa.inTransaction(s -> s.find(Typed.class, "mutable").bBytes[0] = 9);
    assertThat(jpa.fromTransaction(s -> s.find(Typed.class, "mutable")).bBytes)
        .containsExactly(9, 2, 3);
  }
}
