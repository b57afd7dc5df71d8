package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/** Keys, the expected value of every attribute of row number {@code n}, and bulk inserts. */
final class RotationData {
  static final byte[] K1 = key(1);
  static final byte[] K2 = key(2);
  static final byte[] K0 = key(0);
  static final byte[] P1 = key(11);
  static final byte[] P2 = key(12);

  private RotationData() {}

  static byte[] key(int seed) {
    byte[] b = new byte[32];
    new Random(9_100 + seed).nextBytes(b);
    return b;
  }

  /** Before the rotation: default ring k1 active, pii ring p1 active. */
  static KeyRings before() {
    return KeyRings.of(
        KeyRing.of("default", "k1", SymmetricKey.fromBytes(K1)),
        KeyRing.of("pii", "p1", SymmetricKey.fromBytes(P1)));
  }

  /** During the rotation: the new keys added and active, the old ones still held. */
  static KeyRings during() {
    return KeyRings.of(
        KeyRing.builder("default")
            .add("k1", SymmetricKey.fromBytes(K1))
            .add("k2", SymmetricKey.fromBytes(K2))
            .active("k2")
            .build(),
        KeyRing.builder("pii")
            .add("p1", SymmetricKey.fromBytes(P1))
            .add("p2", SymmetricKey.fromBytes(P2))
            .active("p2")
            .build());
  }

  /** After the rotation: the old keys removed. */
  static KeyRings after() {
    return KeyRings.of(
        KeyRing.of("default", "k2", SymmetricKey.fromBytes(K2)),
        KeyRing.of("pii", "p2", SymmetricKey.fromBytes(P2)));
  }

  static String email(int n) {
    return n % 7 == 3 ? null : "user" + n + "@example.com";
  }

  static String phone(int n) {
    return "+44 20 7946 " + String.format("%04d", n % 10_000) + " ext. " + n;
  }

  static String ssn(int n) {
    return n % 11 == 5 ? "" : String.format("%03d-%02d-%04d", n % 1000, n % 100, n);
  }

  static String code(int n) {
    return n % 13 == 4
        ? ""
        : n % 17 == 2 ? null : "C" + Integer.toString(n * 7919, 36).toUpperCase();
  }

  static Long balance(int n) {
    return n * 1_000L - 5;
  }

  static String body(int n) {
    return "document " + n + " \u00e9\u00e8 " + "x".repeat(n % 50);
  }

  static Account account(int n) {
    Account a = new Account();
    a.number = n;
    a.email = email(n);
    a.phone = phone(n);
    a.ssn = ssn(n);
    a.code = code(n);
    a.balance = balance(n);
    return a;
  }

  static Document document(int n) {
    Document d = new Document();
    d.id = UUID.nameUUIDFromBytes(("doc" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.number = n;
    d.body = body(n);
    return d;
  }

  /** Inserts accounts numbered {@code 0 .. count-1} in transactions of 1000. */
  static void insertAccounts(SessionFactory sf, int count) {
    for (int from = 0; from < count; from += 1000) {
      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        for (int n = from; n < Math.min(count, from + 1000); n++) {
          s.persist(account(n));
          if (n % 100 == 99) {
            s.flush();
            s.clear();
          }
        }
        tx.commit();
      }
    }
  }

  static void insertDocuments(SessionFactory sf, int count) {
    try (Session s = sf.openSession()) {
      Transaction tx = s.beginTransaction();
      for (int n = 0; n < count; n++) {
        s.persist(document(n));
      }
      tx.commit();
    }
  }

  /**
   * Loads every account through Hibernate and checks every attribute against its expected value.
   */
  static void assertAccounts(SessionFactory sf, int count) {
    try (Session s = sf.openSession()) {
      List<Account> all =
          s.createQuery("from RotAccount order by number", Account.class).getResultList();
      assertThat(all).hasSize(count);
      for (int n = 0; n < count; n++) {
        assertAccount(all.get(n), n);
      }
    }
  }

  static void assertAccount(Account a, int n) {
    assertThat(a.number).isEqualTo(n);
    assertThat(a.email).as("email of %d", n).isEqualTo(email(n));
    assertThat(a.phone).as("phone of %d", n).isEqualTo(phone(n));
    assertThat(a.ssn).as("ssn of %d", n).isEqualTo(ssn(n));
    assertThat(a.code).as("code of %d", n).isEqualTo(code(n));
    assertThat(a.balance).as("balance of %d", n).isEqualTo(balance(n));
  }

  static void assertDocuments(SessionFactory sf, int count) {
    try (Session s = sf.openSession()) {
      List<Document> all =
          s.createQuery("from RotDocument order by number", Document.class).getResultList();
      assertThat(all).hasSize(count);
      for (int n = 0; n < count; n++) {
        assertThat(all.get(n).body).isEqualTo(body(n));
      }
    }
  }

  /**
   * The key ids recorded in every non-null Seal/Token Protect column of the account table, read
   * over JDBC.
   */
  static java.util.Map<String, Long> accountKeyIds(RotationDb db) {
    return keyIds(db, "rot_account", "email", "phone", "ssn_token", "balance");
  }

  /**
   * The key ids recorded in the non-null values of these columns (binary, or base64 text), read
   * over JDBC.
   */
  static java.util.Map<String, Long> keyIds(RotationDb db, String table, String... columns) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (Object[] row : db.query("select " + String.join(", ", columns) + " from " + table)) {
      for (Object v : row) {
        if (v == null) {
          continue;
        }
        String key;
        try {
          byte[] stored =
              v instanceof String ? java.util.Base64.getDecoder().decode((String) v) : (byte[]) v;
          key = EncryptedValueCodec.storedKeyId(stored);
        } catch (RuntimeException e) {
          key = "(not a stored value)";
        }
        out.merge(key, 1L, Long::sum);
      }
    }
    return out;
  }
}
