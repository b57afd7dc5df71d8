package io.github.themis4j.jpa.rotation;

import static io.github.themis4j.jpa.rotation.KeyRotationJobTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.rotation.RotationReport.AttributeResult;
import io.github.themis4j.jpa.rotation.RotationReport.Status;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;

/**
 * What the job does with values it cannot read, a wrong old Context Imprint key, a pinned Context
 * Imprint attribute across two application versions, a cancelled run, and bad settings.
 */
class KeyRotationEdgeCaseTest {

  private static void members(SessionFactory sf, int count) {
    try (Session s = sf.openSession()) {
      Transaction tx = s.beginTransaction();
      for (int n = 0; n < count; n++) {
        s.persist(Member.of(n));
      }
      tx.commit();
    }
  }

  private static long id(RotationDb db, String table, int number) {
    return ((Number) db.query("select id from " + table + " where number = ?", number).get(0)[0])
        .longValue();
  }

  @Test
  void unreadableValuesAreReportedWithTheirRowsAndTheRestIsRotated() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Member.class)) {
        members(sf, 40);
      }
      long tampered = id(db, "rot_member", 0);
      long underK0 = id(db, "rot_member", 1);
      long notBase64 = id(db, "rot_member", 2);
      byte[] email =
          (byte[]) db.query("select email from rot_member where id = ?", tampered).get(0)[0];
      email[email.length - 1] ^= 1;
      db.update("update rot_member set email = ? where id = ?", email, tampered);
      EncryptedValueCodec k0 =
          new EncryptedValueCodec(
              KeyRings.of(KeyRing.of("default", "k0", SymmetricKey.fromBytes(RotationData.K0))));
      db.update(
          "update rot_member set email = ? where id = ?",
          k0.seal(
              "default",
              "k0",
              CellContext.of("rot_member", "email", underK0),
              "x".getBytes(StandardCharsets.UTF_8)),
          underK0);
      db.update("update rot_member set phone = ? where id = ?", "not base64!", notBase64);

      try (SessionFactory sf = db.sessionFactory(RotationData.during(), false, Member.class)) {
        RotationReport report = KeyRotationJob.builder(sf).batchSize(7).build().run();
        assertThat(report.isComplete()).isFalse();
        assertThat(report.failures()).isEqualTo(3);
        AttributeResult e = result(report, "RotMember", "email");
        assertThat(e.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(e.failures())
            .isEqualTo(
                Map.of(EncryptionObserver.AUTHENTICATION, 1L, EncryptionObserver.UNKNOWN_KEY, 1L));
        assertThat(e.failedIds())
            .containsExactlyInAnyOrder(String.valueOf(tampered), String.valueOf(underK0));
        assertThat(e.valuesByKeyId()).containsEntry("k0", 1L).containsEntry("k1", 1L);
        assertThat(e.note()).contains("could not be read");
        AttributeResult phone = result(report, "RotMember", "phone");
        assertThat(phone.failures()).isEqualTo(Map.of(EncryptionObserver.MALFORMED, 1L));
        assertThat(phone.valuesRotated()).isEqualTo(39);
        assertThat(result(report, "RotMember", "ssn").status()).isEqualTo(Status.DONE);
        assertThat(report.oldKeysStillNeeded()).isEqualTo(Map.of("default", Set.of("k0", "k1")));
        assertThat(report.canRetire("default", "k1")).isFalse();
        assertThat(report.canRetire("pii", "p1"))
            .isTrue(); // no attribute of this session factory uses ring pii
        assertThat(report.summary()).doesNotContain("user1@example.com");
      }
      // every readable value was rotated; the unreadable ones were left exactly as they were
      assertThat(db.query("select email from rot_member where id = ?", tampered).get(0)[0])
          .isEqualTo(email);
      long values = 3L * 40 - KeyRotationJobTest.count(40, n -> RotationData.email(n) == null);
      assertThat(RotationData.keyIds(db, "rot_member", "email", "phone", "ssn_token"))
          .isEqualTo(Map.of("k2", values - 3, "k1", 1L, "k0", 1L, "(not a stored value)", 1L));
    }
  }

  @Test
  void aWrongOldContextImprintKeyStopsTheRunBeforeWritingAnything() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        RotationData.insertAccounts(sf, 30);
      }
      List<Object[]> before = db.query("select id, code from rot_account order by id");
      KeyRings withK0 =
          KeyRings.of(
              KeyRing.builder("default")
                  .add("k0", SymmetricKey.fromBytes(RotationData.K0))
                  .add("k1", SymmetricKey.fromBytes(RotationData.K1))
                  .add("k2", SymmetricKey.fromBytes(RotationData.K2))
                  .active("k2")
                  .build(),
              KeyRing.of("pii", "p1", SymmetricKey.fromBytes(RotationData.P1)));
      try (SessionFactory sf = db.sessionFactory(withK0, false, Account.class)) {
        KeyRotationJob job =
            KeyRotationJob.builder(sf).contextImprintKeys("default", "k0", "k2").build();
        assertThatThrownBy(job::run)
            .isInstanceOf(KeyRotationException.class)
            .hasMessageContaining("RotAccount.code")
            .hasMessageContaining("does not decode as a String with key 'k0'")
            .hasMessageContaining("Nothing of this batch was written");
        assertThat(job.isRunning()).isFalse();
      }
      List<Object[]> after = db.query("select id, code from rot_account order by id");
      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i)).containsExactly(before.get(i));
      }
      assertThat(
              db.query(
                      "select rows_done, last_id from themis4j_pass_cursor where pass_name ="
                          + " 'key-rotation-imprint'")
                  .get(0))
          .containsExactly(0L, null);
    }
  }

  @Test
  void aPinnedContextImprintAttributeIsRotatedThenThePinIsChanged() {
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory v1 = db.sessionFactory(RotationData.during(), true, Pinned.V1.class)) {
        try (Session s = v1.openSession()) {
          Transaction tx = s.beginTransaction();
          for (int i = 1; i <= 120; i++) {
            s.persist(new Pinned.V1(i, "code-" + i));
          }
          tx.commit();
        }
        KeyRotationJob job =
            KeyRotationJob.builder(v1)
                .batchSize(50)
                .contextImprintKeys("default", "k1", "k2")
                .build();
        RotationReport report = job.run();
        AttributeResult code = result(report, "RotPinned", "code");
        assertThat(code.status()).isEqualTo(Status.DONE);
        assertThat(code.valuesRotated()).isEqualTo(120);
        assertThat(code.valuesByKeyId()).isEqualTo(Map.of("k2", 120L));
        // the values are under k2, but version 1 of the application still reads with k1
        assertThat(code.note()).contains("change @Encrypted(keyId) of RotPinned.code to 'k2'");
        assertThat(report.oldKeysStillNeeded()).isEqualTo(Map.of("default", Set.of("k1")));
        assertThat(report.canRetire("default", "k1")).isFalse();
        assertThat(job.run().valuesRotated()).as("a second run re-encrypts nothing").isZero();
      }
      KeyRings onlyK2 =
          KeyRings.of(KeyRing.of("default", "k2", SymmetricKey.fromBytes(RotationData.K2)));
      try (SessionFactory v2 = db.sessionFactory(onlyK2, false, Pinned.V2.class)) {
        RotationReport report =
            KeyRotationJob.builder(v2).contextImprintKeys("default", "k1", "k2").build().run();
        assertThat(report.isComplete()).as(report.summary()).isTrue();
        assertThat(report.anyOldKeyStillNeeded()).isFalse();
        assertThat(report.canRetire("default", "k1")).isTrue();
        try (Session s = v2.openSession()) {
          for (int i = 1; i <= 120; i++) {
            assertThat(s.find(Pinned.V2.class, (long) i).code).isEqualTo("code-" + i);
          }
        }
      }
    }
  }

  @Test
  void aCancelledRunResumesWithoutEncryptingAnythingTwice() {
    int rows = 900;
    try (RotationDb db = RotationDb.create(false)) {
      try (SessionFactory sf = db.sessionFactory(RotationData.before(), true, Account.class)) {
        RotationData.insertAccounts(sf, rows);
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.during(), false, Account.class)) {
        KeyRotationJob[] holder = new KeyRotationJob[1];
        List<RotationReport> reports = new java.util.ArrayList<>();
        KeyRotationJob job =
            KeyRotationJob.builder(sf)
                .batchSize(100)
                .contextImprintKeys("default", "k1", "k2")
                .listener(
                    new KeyRotationListener() {
                      @Override
                      public void onBatch(RotationProgress p) {
                        if (reports.size() == 0
                            && p.kind() == RotationProgress.Kind.RECORDED_KEY
                            && p.rowsDone() == 300) {
                          holder[0].cancel();
                        }
                        if (reports.size() == 1
                            && p.kind() == RotationProgress.Kind.CONTEXT_IMPRINT
                            && p.rowsDone() == 400) {
                          holder[0].cancel();
                        }
                      }

                      @Override
                      public void onFinish(RotationReport report) {
                        reports.add(report);
                      }
                    })
                .build();
        holder[0] = job;
        RotationReport first = job.run();
        assertThat(first.cancelled()).isTrue();
        assertThat(first.verified()).isFalse();
        assertThat(first.isComplete()).isFalse();
        assertThat(first.canRetire("default", "k1")).isFalse();
        assertThat(result(first, "RotAccount", "email").rowsScanned()).isEqualTo(300);
        assertThat(result(first, "RotAccount", "code").status()).isEqualTo(Status.INCOMPLETE);

        RotationReport second = job.run();
        assertThat(second.cancelled()).isTrue();
        assertThat(result(second, "RotAccount", "code").valuesByKeyId())
            .containsOnlyKeys("k1", "k2");

        RotationReport third = job.run();
        assertThat(third.isComplete()).as(third.summary()).isTrue();
        for (String attribute : List.of("email", "phone", "ssn", "balance", "code")) {
          long total =
              reports.stream()
                  .mapToLong(r -> result(r, "RotAccount", attribute).valuesRotated())
                  .sum();
          long expected =
              KeyRotationJobTest.count(
                  rows,
                  n -> {
                    Object v =
                        attribute.equals("email")
                            ? RotationData.email(n)
                            : attribute.equals("code") ? RotationData.code(n) : "x";
                    return v != null && !"".equals(v);
                  });
          assertThat(total)
              .as("%s re-encrypted once each over three runs", attribute)
              .isEqualTo(expected);
        }
      }
      try (SessionFactory sf = db.sessionFactory(RotationData.after(), false, Account.class)) {
        RotationData.assertAccounts(sf, rows);
      }
    }
  }

  @Test
  void inheritedAttributesAreRotatedOnceInTheTableHoldingThem() {
    Class<?>[] entities = {
      Hierarchies.Vehicle.class,
      Hierarchies.Car.class,
      Hierarchies.Animal.class,
      Hierarchies.Dog.class,
      Hierarchies.Payment.class,
      Hierarchies.CardPayment.class,
      Hierarchies.BankPayment.class
    };
    // one session factory with swappable rings: H2 2.4 ties the discriminator check constraint to
    // the connection that created it, so the table must not outlive the session factory creating it
    java.util.concurrent.atomic.AtomicReference<KeyRings> rings =
        new java.util.concurrent.atomic.AtomicReference<>(RotationData.before());
    try (RotationDb db = RotationDb.create(false);
        SessionFactory sf = db.sessionFactory(name -> rings.get().keyRing(name), true, entities)) {
      try (Session s = sf.openSession()) {
        Transaction tx = s.beginTransaction();
        for (long i = 1; i <= 30; i++) {
          Hierarchies.Vehicle v = i % 2 == 0 ? new Hierarchies.Car() : new Hierarchies.Vehicle();
          v.id = i;
          v.plate = "plate " + i;
          if (v instanceof Hierarchies.Car) {
            ((Hierarchies.Car) v).vin = "vin " + i;
          }
          s.persist(v);
          Hierarchies.Animal a = i % 3 == 0 ? new Hierarchies.Dog() : new Hierarchies.Animal();
          a.id = i;
          a.name = "animal " + i;
          if (a instanceof Hierarchies.Dog) {
            ((Hierarchies.Dog) a).chip = "chip " + i;
          }
          s.persist(a);
          Hierarchies.Payment p =
              i % 2 == 0 ? new Hierarchies.CardPayment() : new Hierarchies.BankPayment();
          p.id = i;
          p.reference = "payment " + i;
          s.persist(p);
        }
        tx.commit();
      }
      rings.set(RotationData.during());
      RotationReport report = KeyRotationJob.builder(sf).batchSize(8).build().run();
      assertThat(report.isComplete()).as(report.summary()).isTrue();
      assertThat(report.attributes())
          .extracting(a -> a.table() + "." + a.column() + "=" + a.valuesRotated())
          .containsExactlyInAnyOrder(
              "rot_vehicle.plate=30",
              "rot_vehicle.vin=15",
              "rot_animal.name=30",
              "rot_dog.chip=10",
              "rot_card_payment.reference=15",
              "rot_bank_payment.reference=15");
      // reported under the most general entity holding the column
      assertThat(report.attributes())
          .extracting(a -> a.entity() + "." + a.attribute())
          .containsExactlyInAnyOrder(
              "RotVehicle.plate",
              "RotCar.vin",
              "RotAnimal.name",
              "RotDog.chip",
              "RotCardPayment.reference",
              "RotBankPayment.reference");
      assertThat(RotationData.keyIds(db, "rot_vehicle", "plate", "vin"))
          .isEqualTo(Map.of("k2", 45L));
      assertThat(RotationData.keyIds(db, "rot_dog", "chip")).isEqualTo(Map.of("k2", 10L));
      rings.set(KeyRings.of(KeyRing.of("default", "k2", SymmetricKey.fromBytes(RotationData.K2))));
      try (Session s = sf.openSession()) {
        for (long i = 1; i <= 30; i++) {
          Hierarchies.Vehicle v = s.find(Hierarchies.Vehicle.class, i);
          assertThat(v.plate).isEqualTo("plate " + i);
          if (i % 2 == 0) {
            assertThat(((Hierarchies.Car) v).vin).isEqualTo("vin " + i);
          }
          Hierarchies.Animal a = s.find(Hierarchies.Animal.class, i);
          assertThat(a.name).isEqualTo("animal " + i);
          if (i % 3 == 0) {
            assertThat(((Hierarchies.Dog) a).chip).isEqualTo("chip " + i);
          }
          assertThat(s.find(Hierarchies.Payment.class, i).reference).isEqualTo("payment " + i);
        }
      }
    }
  }

  @Test
  void badSettingsAreRejected() {
    try (RotationDb db = RotationDb.create(false);
        SessionFactory sf = db.sessionFactory(RotationData.before(), true, Member.class)) {
      assertThatThrownBy(() -> KeyRotationJob.builder(sf).batchSize(0))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(
              () -> KeyRotationJob.builder(sf).pauseBetweenBatches(Duration.ofMillis(-1)))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> KeyRotationJob.builder(sf).contextImprintKeys("default", "k1", "k1"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("both 'k1'");
      assertThatThrownBy(() -> KeyRotationJob.builder(sf).progressTable("x; drop table y"))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> KeyRotationJob.builder(sf).entities("NoSuchEntity").build())
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("RotMember");
      assertThatThrownBy(() -> KeyRotationJob.builder(null))
          .isInstanceOf(InvalidArgumentException.class);
    }
  }
}
