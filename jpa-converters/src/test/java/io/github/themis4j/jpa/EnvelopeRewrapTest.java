package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.envelope.JdbcWrappedKeyStore;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyResolver;
import io.github.themis4j.keyring.envelope.Pkcs11KeyEncryptionKey;
import io.github.themis4j.keyring.envelope.Pkcs11Token;
import io.github.themis4j.testing.SoftHsm;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * KEK rotation under a real SoftHSM2 token: rewrapping every data key under a new KEK changes no
 * row, and every row still reads in a fresh process that only knows the new KEK.
 */
class EnvelopeRewrapTest {
  private static final int ROWS = 25;

  @Test
  void rewrapUnderANewHsmKekTouchesNoRowAndEveryRowStillReads() throws Exception {
    SoftHsm hsm = SoftHsm.get();
    Pkcs11Token token =
        Pkcs11Token.open(SoftHsm.LIBRARY, Pkcs11Token.Slot.id(hsm.slot("jpa")), SoftHsm.pin());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Pkcs11KeyEncryptionKey kek1 = token.generateKek("kek-old-" + suffix);
    try (TestDatabase db = TestDatabase.create()) {
      EnvelopeFixtures.applyShippedMigration(db);
      JdbcWrappedKeyStore store = new JdbcWrappedKeyStore(EnvelopeFixtures.dataSource(db));
      EnvelopeKeyRings rings = EnvelopeKeyRings.builder(store, token, kek1).build();
      rings.createRing("records");
      try (JpaFixture f =
          JpaFixture.builder(EnvelopeRecord.class).keys(rings).sharingDatabase(db).build()) {
        f.inTransaction(
            s -> {
              for (int i = 0; i < ROWS; i++) {
                s.persist(new EnvelopeRecord(i, "secret " + i));
              }
            });
        // a second data key, active for the second half of the rows
        rings.activate("records", rings.addDataKey("records"));
        f.inTransaction(
            s -> {
              for (int i = ROWS; i < 2 * ROWS; i++) {
                s.persist(new EnvelopeRecord(i, "secret " + i));
              }
            });
      }
      Map<Long, String> before = raw(db);
      long unwrapsBefore = rings.unwrapCount();

      Pkcs11KeyEncryptionKey kek2 = token.generateKek("kek-new-" + suffix);
      EnvelopeKeyRings.RewrapResult r = rings.rewrap(kek2);
      assertThat(r.dataKeys()).isEqualTo(2);
      assertThat(raw(db)).isEqualTo(before); // not a single row touched
      assertThat(store.load("records").orElseThrow().keys())
          .allMatch(k -> k.kekUri().equals(kek2.uri()));

      // A fresh process that can reach only the new KEK reads every row.
      EnvelopeKeyRings fresh =
          EnvelopeKeyRings.builder(store, KeyEncryptionKeyResolver.of(kek2), kek2).build();
      assertThat(fresh.unwrapAll()).isEqualTo(1);
      try (JpaFixture g =
          JpaFixture.builder(EnvelopeRecord.class)
              .keys(fresh)
              .sharingDatabase(db)
              .set("hibernate.hbm2ddl.auto", "none")
              .build()) {
        for (int i = 0; i < 2 * ROWS; i++) {
          long id = i;
          String secret = g.fromTransaction(s -> s.find(EnvelopeRecord.class, id).secret);
          assertThat(secret).isEqualTo("secret " + i);
        }
      }
      assertThat(fresh.unwrapCount()).isEqualTo(2); // once per data key, not per row
      assertThat(rings.unwrapCount() - unwrapsBefore).isEqualTo(2); // the rewrap itself

      // Crypto-shredding the ring: the rotation inventory reports it instead of failing.
      try (JpaFixture g =
          JpaFixture.builder(EnvelopeRecord.class)
              .keys(fresh)
              .sharingDatabase(db)
              .set("hibernate.hbm2ddl.auto", "none")
              .build()) {
        RotationReport live = KeyRotationJob.builder(g.sessionFactory).build().inventory();
        assertThat(live.attributes())
            .singleElement()
            .satisfies(a -> assertThat(a.status()).isEqualTo(RotationReport.Status.INCOMPLETE));
        assertThat(fresh.shred("records")).isTrue();
        RotationReport report = KeyRotationJob.builder(g.sessionFactory).build().inventory();
        assertThat(report.attributes())
            .singleElement()
            .satisfies(
                a -> {
                  assertThat(a.status()).isEqualTo(RotationReport.Status.SHREDDED);
                  assertThat(a.note()).contains("'records' were shredded");
                });
        assertThat(report.isComplete()).isTrue();
        assertThat(raw(db)).isEqualTo(before);
      }

      // A ring still under a KEK the process cannot resolve fails startup closed.
      EnvelopeKeyRings stale =
          EnvelopeKeyRings.builder(store, KeyEncryptionKeyResolver.of(kek1), kek1).build();
      stale.createRing("other");
      EnvelopeKeyRings onlyNew =
          EnvelopeKeyRings.builder(store, KeyEncryptionKeyResolver.of(kek2), kek2).build();
      assertThatThrownBy(onlyNew::unwrapAll)
          .isInstanceOfSatisfying(
              KeyEncryptionKeyException.class,
              e ->
                  assertThat(e.reason()).isEqualTo(KeyEncryptionKeyException.Reason.KEY_NOT_FOUND));
    }
  }

  private static Map<Long, String> raw(TestDatabase db) throws Exception {
    Map<Long, String> m = new TreeMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id, secret from env_record")) {
      while (r.next()) {
        m.put(r.getLong(1), r.getString(2));
      }
    }
    return m;
  }
}
