package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.envelope.JdbcWrappedKeyStore;
import io.github.themis4j.jpa.envelope.TenantKeyRings;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyResolver;
import io.github.themis4j.keyring.envelope.KeyShreddedException;
import io.github.themis4j.keyring.envelope.Pkcs12KeyEncryptionKey;
import io.github.themis4j.keyring.envelope.WrappedKeyRing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.Session;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-tenant envelope keys with Hibernate discriminator multi-tenancy, wrapped data keys in the
 * database (the shipped migration), and crypto-shredding of one tenant. H2 by default, PostgreSQL
 * with {@code -Ppostgresql}, MariaDB with {@code -Pmariadb}.
 */
class EnvelopeTenantKeysTest {
  private static final char[] PW = "kek-store-pw".toCharArray();
  private static final int ROWS = 6;

  /** The application's tenant resolver: a thread-local current clinic. */
  static final class Clinics implements CurrentTenantIdentifierResolver<String> {
    final ThreadLocal<String> current = new ThreadLocal<>();

    @Override
    public String resolveCurrentTenantIdentifier() {
      String t = current.get();
      return t == null ? "none" : t;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
      return false;
    }
  }

  @TempDir Path dir;
  private final Clinics clinics = new Clinics();
  private TestDatabase db;
  private JdbcWrappedKeyStore store;
  private KeyEncryptionKeyResolver keks;
  private final List<JpaFixture> fixtures = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create();
    EnvelopeFixtures.applyShippedMigration(db);
    store = new JdbcWrappedKeyStore(EnvelopeFixtures.dataSource(db));
    keks = Pkcs12KeyEncryptionKey.resolver(EnvelopeFixtures.keystore(dir, PW, "kek-1"), PW);
  }

  @AfterEach
  void tearDown() {
    fixtures.forEach(JpaFixture::close);
    db.close();
  }

  private TenantKeyRings tenantKeys() {
    EnvelopeKeyRings envelope =
        EnvelopeKeyRings.builder(store, keks, keks.resolve("pkcs12:alias=kek-1")).build();
    return TenantKeyRings.of(envelope, clinics, Set.of("pii"), null);
  }

  private JpaFixture fixture(TenantKeyRings keys, boolean shreddedAsNull) {
    JpaFixture.Builder b =
        JpaFixture.builder(ClinicNote.class)
            .keys(keys)
            .set(ThemisJpaSettings.VALIDATE_KEY_RINGS, "false")
            .set("hibernate.tenant_identifier_resolver", clinics)
            .set(ThemisJpaSettings.SHREDDED_AS_NULL, Boolean.toString(shreddedAsNull));
    if (!fixtures.isEmpty()) {
      b.sharing(fixtures.get(0));
    } else {
      b.sharingDatabase(db);
    }
    JpaFixture f = b.build();
    fixtures.add(f);
    return f;
  }

  private <R> R as(String clinic, java.util.function.Supplier<R> work) {
    clinics.current.set(clinic);
    try {
      return work.get();
    } finally {
      clinics.current.remove();
    }
  }

  private static long idOf(String clinic, int i) {
    return (clinic.equals("clinic-a") ? 1000 : 2000) + i;
  }

  private void writeRows(JpaFixture f, String clinic) {
    as(
        clinic,
        () -> {
          f.inTransaction(
              s -> {
                for (int i = 0; i < ROWS; i++) {
                  s.persist(new ClinicNote(idOf(clinic, i), clinic + " diagnosis " + i));
                }
              });
          return null;
        });
  }

  private Map<Long, String> readAll(JpaFixture f, String clinic) {
    return as(
        clinic,
        () ->
            f.fromTransaction(
                s -> {
                  Map<Long, String> m = new TreeMap<>();
                  for (ClinicNote n :
                      s.createQuery("from ClinicNote", ClinicNote.class).getResultList()) {
                    m.put(n.id, n.diagnosis);
                  }
                  return m;
                }));
  }

  private Map<Long, byte[]> rawColumns() throws Exception {
    Map<Long, byte[]> m = new TreeMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id, diagnosis from env_clinic_note")) {
      while (r.next()) {
        m.put(r.getLong(1), r.getBytes(2));
      }
    }
    return m;
  }

  @Test
  void eachTenantsRowsReadOnlyUnderItsOwnKeyAndShreddingOneLeavesTheOther() throws Exception {
    TenantKeyRings keys = tenantKeys();
    JpaFixture f = fixture(keys, false);
    writeRows(f, "clinic-a");
    writeRows(f, "clinic-b");

    // Each clinic reads its own rows (the tenant discriminator filters the others).
    Map<Long, String> a = readAll(f, "clinic-a");
    assertThat(a).hasSize(ROWS).containsEntry(1000L, "clinic-a diagnosis 0");
    assertThat(readAll(f, "clinic-b")).hasSize(ROWS).containsEntry(2005L, "clinic-b diagnosis 5");

    // One data key per tenant, stored wrapped in the database; different keys.
    assertThat(store.ringNames()).containsExactly("pii.clinic-a", "pii.clinic-b");
    String keyA = as("clinic-a", () -> keys.keyRing("pii").activeKeyId());
    String keyB = as("clinic-b", () -> keys.keyRing("pii").activeKeyId());
    assertThat(keyA).isNotEqualTo(keyB);
    Map<Long, byte[]> raw = rawColumns();
    for (int i = 0; i < ROWS; i++) {
      assertThat(EncryptedValueCodec.storedKeyId(raw.get(idOf("clinic-a", i)))).isEqualTo(keyA);
      assertThat(EncryptedValueCodec.storedKeyId(raw.get(idOf("clinic-b", i)))).isEqualTo(keyB);
    }

    // A's rows are not readable under B's key: a session for clinic A while the key selector says
    // B.
    assertThatThrownBy(
            () -> as("clinic-b", () -> f.fromTransaction(s -> withTenant(f, "clinic-a"))))
        .isInstanceOfSatisfying(
            EncryptedAttributeException.class,
            e -> assertThat(e.reason()).isEqualTo(EncryptionObserver.UNKNOWN_KEY))
        .hasMessageContaining("pii.clinic-b");
    // The same straight through the codec, for every row of A.
    EncryptedValueCodec codec = new EncryptedValueCodec(keys);
    for (int i = 0; i < ROWS; i++) {
      long id = idOf("clinic-a", i);
      CellContext ctx = CellContext.of("env_clinic_note", "diagnosis", id);
      assertThatThrownBy(() -> as("clinic-b", () -> codec.unseal("pii", ctx, raw.get(id))))
          .isInstanceOf(UnknownKeyException.class);
      assertThat(
              new String(
                  as("clinic-a", () -> codec.unseal("pii", ctx, raw.get(id))),
                  java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("clinic-a diagnosis " + i);
    }

    // Crypto-shred clinic A.
    assertThat(keys.shredTenant("clinic-a")).containsExactly("pii.clinic-a");
    assertThat(store.load("pii.clinic-a")).get().matches(WrappedKeyRing::isShredded);
    assertThat(countDataKeyRows("pii.clinic-a")).isZero();

    for (EnvelopeKeyRings.RingStatus st : keys.envelope().status()) {
      assertThat(st.shredded()).isEqualTo(st.name().equals("pii.clinic-a"));
    }
    // A fresh process too (nothing cached): B fully readable, every row of A failing as documented.
    TenantKeyRings restarted = tenantKeys();
    for (TenantKeyRings k : List.of(keys, restarted)) {
      JpaFixture g = k == keys ? f : fixture(k, false);
      assertThat(readAll(g, "clinic-b"))
          .hasSize(ROWS)
          .allSatisfy((id, d) -> assertThat(d).startsWith("clinic-b diagnosis"));
      for (int i = 0; i < ROWS; i++) {
        long id = idOf("clinic-a", i);
        assertThatThrownBy(
                () -> as("clinic-a", () -> g.fromTransaction(s -> s.find(ClinicNote.class, id))))
            .isInstanceOfSatisfying(
                EncryptedAttributeException.class,
                e -> {
                  assertThat(e.reason()).isEqualTo(EncryptionObserver.SHREDDED);
                  assertThat(e.getCause()).isInstanceOf(KeyShreddedException.class);
                })
            .hasMessageContaining("were shredded");
      }
      // Nothing new can be written for A; the transaction rolls back.
      assertThatThrownBy(() -> writeRows(g, "clinic-a"))
          .hasRootCauseInstanceOf(KeyShreddedException.class);
    }
    assertThat(rawColumns()).hasSize(2 * ROWS);

    // Configured to load shredded values as null.
    JpaFixture nulls = fixture(tenantKeys(), true);
    Map<Long, String> shredded = readAll(nulls, "clinic-a");
    assertThat(shredded).hasSize(ROWS).allSatisfy((id, d) -> assertThat(d).isNull());
    assertThat(readAll(nulls, "clinic-b")).hasSize(ROWS).doesNotContainValue(null);
  }

  @Test
  void concurrentFirstUseByTwoProcessesYieldsOneDataKey() throws Exception {
    TenantKeyRings p1 = tenantKeys();
    TenantKeyRings p2 = tenantKeys();
    java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var f1 = ex.submit(() -> as("clinic-c", () -> p1.keyRing("pii")));
      var f2 = ex.submit(() -> as("clinic-c", () -> p2.keyRing("pii")));
      assertThat(f1.get()).isEqualTo(f2.get());
    } finally {
      ex.shutdown();
    }
    assertThat(store.load("pii.clinic-c").orElseThrow().keys()).hasSize(1);
    TenantKeyRings noTenant =
        TenantKeyRings.of(p1.envelope(), clinics.current::get, Set.of("pii"), null);
    assertThatThrownBy(() -> noTenant.keyRing("pii"))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("no current tenant");
    assertThatThrownBy(() -> as("../etc", () -> noTenant.keyRing("pii")))
        .isInstanceOf(io.github.themis4j.InvalidArgumentException.class);
  }

  private static ClinicNote withTenant(JpaFixture f, String tenant) {
    try (Session s =
        f.sessionFactory.withOptions().tenantIdentifier((Object) tenant).openSession()) {
      return s.find(ClinicNote.class, 1000L);
    }
  }

  private int countDataKeyRows(String ring) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("select count(*) from themis4j_data_key where ring = '" + ring + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
