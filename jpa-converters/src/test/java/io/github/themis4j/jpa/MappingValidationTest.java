package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.OptimisticLockType;
import org.hibernate.annotations.OptimisticLocking;
import org.junit.jupiter.api.Test;

/**
 * Mappings and configurations that cannot work are rejected while the session factory is built,
 * with a message that says what and where, and how to fix it.
 */
class MappingValidationTest {
  private static EncryptionMappingException rejected(Object provider, Class<?>... entities) {
    return Failures.mappingFailure(
        () -> JpaFixture.builder(entities).keys(provider).build().close());
  }

  private static EncryptionMappingException rejected(Class<?>... entities) {
    return rejected(TestKeys.standard(), entities);
  }

  @Entity(name = "IdentityThing")
  @Table(name = "jpa_v_identity")
  public static class IdentityThing {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Encrypted
    @Column(length = 200)
    String secret;
  }

  @Test
  void identityColumnsAreRejectedWithTheAlternatives() {
    EncryptionMappingException e = rejected(IdentityThing.class);
    assertThat(e.getMessage())
        .contains("IdentityThing")
        .contains("[secret]")
        .contains("IDENTITY")
        .contains("GenerationType.SEQUENCE")
        .contains("UUID")
        .contains("assigned identifier")
        .contains("bindToId = false");
  }

  public static class PairId implements Serializable {
    private static final long serialVersionUID = 1L;
    Long a;
    Long b;

    @Override
    public boolean equals(Object o) {
      return o instanceof PairId
          && java.util.Objects.equals(a, ((PairId) o).a)
          && java.util.Objects.equals(b, ((PairId) o).b);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(a, b);
    }
  }

  @Entity(name = "CompositeThing")
  @Table(name = "jpa_v_composite")
  @IdClass(PairId.class)
  public static class CompositeThing {
    @Id Long a;
    @Id Long b;

    @Encrypted
    @Column(length = 200)
    String secret;
  }

  @Test
  void compositeIdentifiersAreRejected() {
    assertThat(rejected(CompositeThing.class).getMessage())
        .contains("CompositeThing.secret")
        .contains("composite identifier")
        .contains("bindToId = false");
  }

  @Entity(name = "DateThing")
  @Table(name = "jpa_v_date")
  public static class DateThing {
    @Id Long id;

    @Encrypted
    @Column(length = 200)
    Date when;
  }

  @Test
  void unsupportedTypesAreRejectedWithTheSupportedList() {
    assertThat(rejected(DateThing.class).getMessage())
        .contains("DateThing.when")
        .contains("java.util.Date")
        .contains("LocalDateTime");
  }

  @Entity(name = "TokenlessThing")
  @Table(name = "jpa_v_tokenless")
  public static class TokenlessThing {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT)
    @Column(length = 200)
    String secret;
  }

  @Entity(name = "WrongTokenThing")
  @Table(name = "jpa_v_wrongtoken")
  public static class WrongTokenThing {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "token")
    @Column(length = 200)
    String secret;

    @Column(length = 200)
    String token; // must be byte[] for a BINARY column
  }

  @Entity(name = "MissingTokenThing")
  @Table(name = "jpa_v_missingtoken")
  public static class MissingTokenThing {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "nope")
    @Column(length = 200)
    String secret;
  }

  @Entity(name = "DynamicTokenThing")
  @Table(name = "jpa_v_dyntoken")
  @DynamicUpdate
  public static class DynamicTokenThing {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "token")
    @Column(length = 200)
    String secret;

    @Column(length = 200)
    byte[] token;
  }

  @Test
  void tokenProtectNeedsAWellFormedTokenAttribute() {
    assertThat(rejected(TokenlessThing.class).getMessage())
        .contains("TokenlessThing.secret")
        .contains("tokenAttribute");
    assertThat(rejected(WrongTokenThing.class).getMessage()).contains("'token'").contains("byte[]");
    assertThat(rejected(MissingTokenThing.class).getMessage()).contains("'nope'");
    assertThat(rejected(DynamicTokenThing.class).getMessage()).contains("@DynamicUpdate");
  }

  @Embeddable
  public static class Address {
    @Encrypted
    @Column(length = 200)
    String street;
  }

  @Entity(name = "EmbeddingThing")
  @Table(name = "jpa_v_embedding")
  public static class EmbeddingThing {
    @Id Long id;
    @Embedded Address address;
  }

  @Entity(name = "CollectionThing")
  @Table(name = "jpa_v_collection")
  public static class CollectionThing {
    @Id Long id;
    @Encrypted @ElementCollection List<String> values = new ArrayList<>();
  }

  @Test
  void embeddablesAndElementCollectionsAreRejected() {
    assertThat(rejected(EmbeddingThing.class, Address.class).getMessage())
        .contains("street")
        .contains("embeddables");
    assertThat(rejected(CollectionThing.class).getMessage())
        .contains("CollectionThing.values")
        .contains("basic attributes");
  }

  @Entity(name = "NaturalThing")
  @Table(name = "jpa_v_natural")
  public static class NaturalThing {
    @Id Long id;

    @NaturalId
    @Encrypted
    @Column(length = 200)
    String code;
  }

  @Entity(name = "LockAllThing")
  @Table(name = "jpa_v_lockall")
  @OptimisticLocking(type = OptimisticLockType.ALL)
  @DynamicUpdate
  public static class LockAllThing {
    @Id Long id;

    @Encrypted
    @Column(length = 200)
    String secret;
  }

  @Entity(name = "LazyThing")
  @Table(name = "jpa_v_lazy")
  public static class LazyThing {
    @Id Long id;

    @Encrypted
    @Basic(fetch = FetchType.LAZY)
    @Column(length = 200)
    String secret;
  }

  @Entity(name = "EncryptedIdThing")
  @Table(name = "jpa_v_encid")
  public static class EncryptedIdThing {
    @Id
    @Encrypted
    @Column(length = 200)
    String id;
  }

  @Test
  void attributesThatAreComparedByValueAreRejected() {
    assertThat(rejected(NaturalThing.class).getMessage())
        .contains("NaturalThing.code")
        .contains("natural id");
    assertThat(rejected(LockAllThing.class).getMessage())
        .contains("LockAllThing.secret")
        .contains("ALL")
        .contains("@Version");
    assertThat(rejected(LazyThing.class).getMessage())
        .contains("LazyThing.secret")
        .contains("LAZY");
    assertThat(rejected(EncryptedIdThing.class).getMessage())
        .contains("EncryptedIdThing.id")
        .contains("identifiers");
  }

  @Entity(name = "BadRingThing")
  @Table(name = "jpa_v_badring")
  public static class BadRingThing {
    @Id Long id;

    @Encrypted(keyRing = "no spaces allowed")
    @Column(length = 200)
    String secret;
  }

  @Entity(name = "PiiThing")
  @Table(name = "jpa_v_pii")
  public static class PiiThing {
    @Id Long id;

    @Encrypted(keyRing = "pii")
    @Column(length = 200)
    String secret;

    @Encrypted(keyId = "k2")
    @Column(length = 200)
    String pinned;
  }

  @Test
  void keyRingsAreCheckedAtBootstrap() {
    assertThat(rejected(BadRingThing.class).getMessage())
        .contains("BadRingThing.secret")
        .contains("key ring name");

    KeyRings noPii = KeyRings.of(TestKeys.standard().keyRing("default"));
    assertThat(rejected(noPii, PiiThing.class).getMessage())
        .contains("PiiThing.secret")
        .contains("'pii'")
        .contains(ThemisJpaSettings.VALIDATE_KEY_RINGS);
    KeyRings noK2 =
        KeyRings.of(
            KeyRing.of("default", "k1", SymmetricKey.fromBytes(TestKeys.K1)),
            TestKeys.standard().keyRing("pii"));
    assertThat(rejected(noK2, PiiThing.class).getMessage())
        .contains("PiiThing.pinned")
        .contains("'k2'");

    // with validation off the factory builds; the missing ring only fails the write that needs it
    try (JpaFixture jpa =
        JpaFixture.builder(PiiThing.class)
            .keys(noPii)
            .set(ThemisJpaSettings.VALIDATE_KEY_RINGS, "false")
            .build()) {
      EncryptedAttributeException e =
          Failures.attributeFailure(
              () ->
                  jpa.inTransaction(
                      s -> {
                        PiiThing t = new PiiThing();
                        t.id = 1L;
                        t.secret = "needs pii";
                        s.persist(t);
                      }));
      assertThat(e.reason()).isEqualTo(EncryptionObserver.UNKNOWN_KEY);
      assertThat(jpa.count("jpa_v_pii")).isZero();
    }
  }

  @Test
  void theKeyRingProviderIsRequiredAndMayBeGivenByClassName() {
    EncryptionMappingException e =
        Failures.mappingFailure(() -> JpaFixture.builder(PiiThing.class).build().close());
    assertThat(e.getMessage())
        .contains(ThemisJpaSettings.KEY_RING_PROVIDER)
        .contains("PiiThing.secret");

    assertThat(rejected("com.example.NoSuchProvider", PiiThing.class).getMessage())
        .contains("com.example.NoSuchProvider");
    assertThat(rejected(String.class.getName(), PiiThing.class).getMessage())
        .contains("does not implement");

    try (JpaFixture jpa =
        JpaFixture.builder(PiiThing.class)
            .keys(TestKeys.StandardProvider.class.getName())
            .build()) {
      jpa.inTransaction(
          s -> {
            PiiThing t = new PiiThing();
            t.id = 7L;
            t.secret = "by class name";
            s.persist(t);
          });
      assertThat(jpa.fromTransaction(s -> s.find(PiiThing.class, 7L)).secret)
          .isEqualTo("by class name");
    }
  }

  @Entity(name = "PlainThing")
  @Table(name = "jpa_v_plain")
  public static class PlainThing {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(length = 200)
    String notSecret;
  }

  @Test
  void withoutEncryptedAttributesNothingIsRequired() {
    try (JpaFixture jpa = JpaFixture.builder(PlainThing.class).build()) {
      PlainThing t = new PlainThing();
      t.notSecret = "x";
      jpa.inTransaction(s -> s.persist(t));
      assertThat(EncryptedAttributes.of(jpa.sessionFactory)).isEmpty();
    }
  }

  // ---- issue 13, finding 3: columns left out of inserts or updates -----------------------------

  @Entity(name = "FrozenSeal")
  @Table(name = "jpa_v_frozen_seal")
  public static class FrozenSeal {
    @Id Long id;

    @Encrypted
    @Column(length = 200, updatable = false)
    String secret;
  }

  @Entity(name = "HiddenImprint")
  @Table(name = "jpa_v_hidden_imprint")
  public static class HiddenImprint {
    @Id Long id;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
    @Column(length = 200, insertable = false)
    String secret;
  }

  @Entity(name = "FrozenToken")
  @Table(name = "jpa_v_frozen_token")
  public static class FrozenToken {
    @Id Long id;

    @Column(length = 100)
    String name;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "token")
    @Column(length = 200, updatable = false)
    String secret;

    @Column(length = 200)
    byte[] token;
  }

  @Entity(name = "FrozenTokenColumn")
  @Table(name = "jpa_v_frozen_token_column")
  public static class FrozenTokenColumn {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "token")
    @Column(length = 200)
    String secret;

    @Column(length = 200, insertable = false)
    byte[] token;
  }

  @Test
  void encryptedColumnsLeftOutOfInsertsOrUpdatesAreRejectedInEveryMode() {
    for (Class<?> entity :
        new Class<?>[] {FrozenSeal.class, HiddenImprint.class, FrozenToken.class}) {
      EncryptionMappingException e = rejected(entity);
      assertThat(e.getMessage())
          .as(entity.getSimpleName())
          .contains("@Encrypted on " + entity.getSimpleName() + ".secret")
          .contains("insertable and updatable")
          .contains("updatable = false");
    }
    assertThat(rejected(FrozenTokenColumn.class).getMessage())
        .contains("FrozenTokenColumn.secret")
        .contains("token attribute 'token' must be insertable and updatable");
  }
}
