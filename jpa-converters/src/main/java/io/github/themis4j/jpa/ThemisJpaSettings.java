package io.github.themis4j.jpa;

/**
 * Hibernate configuration settings of the themis4j JPA integration. Pass them like any Hibernate
 * setting: {@code Configuration.setProperty}/{@code getProperties().put}, the map given to {@code
 * Persistence.createEntityManagerFactory}, {@code persistence.xml}, or Spring Boot's {@code
 * HibernatePropertiesCustomizer}.
 *
 * <p>The integration registers itself through Hibernate's {@code Integrator} service discovery:
 * adding the jar and setting {@link #KEY_RING_PROVIDER} is all that is needed.
 */
public final class ThemisJpaSettings {
  /**
   * The {@link io.github.themis4j.keyring.KeyRingProvider} supplying the keys: an instance, a
   * {@code Class}, or the name of a class with a public no-argument constructor. Required when any
   * entity has an {@link Encrypted} attribute; without it the session factory fails to build.
   */
  public static final String KEY_RING_PROVIDER = "themis4j.jpa.key_ring_provider";

  /**
   * Optional {@link EncryptionObserver}: an instance, a {@code Class}, or a class name. Default:
   * none.
   */
  public static final String OBSERVER = "themis4j.jpa.observer";

  /**
   * Whether to check at bootstrap that every key ring named by an {@link Encrypted} attribute (and
   * every pinned {@link Encrypted#keyId()}) is held by the provider: {@code true} (the default) or
   * {@code false} for providers whose keys only become available later.
   */
  public static final String VALIDATE_KEY_RINGS = "themis4j.jpa.validate_key_rings";

  /**
   * Prefix of the per-attribute migration state settings: {@code
   * themis4j.jpa.migration.<Entity>.<attribute>} = {@code strict} or {@code read-legacy} (JPA
   * entity name, attribute name). Overrides {@link Encrypted#migration()}. A setting naming no
   * encrypted attribute fails the bootstrap (a typo must not leave a column strict or lenient
   * unnoticed).
   */
  public static final String MIGRATION_PREFIX = "themis4j.jpa.migration.";

  /**
   * Optional {@link ForeignCells}: an instance, a {@code Class} or a class name, describing cells
   * written by another Themis application. Each attribute it names must be in {@link
   * MigrationState#READ_LEGACY}.
   */
  public static final String FOREIGN_CELLS = "themis4j.jpa.foreign_cells";

  /**
   * Whether an attribute whose key ring was crypto-shredded ({@link
   * io.github.themis4j.keyring.envelope.KeyShreddedException}) loads as {@code null} instead of
   * failing the load with an {@link EncryptedAttributeException} of reason {@link
   * EncryptionObserver#SHREDDED}: {@code false} (the default) or {@code true}. The observer is told
   * either way. A null loaded this way is written back as SQL NULL if the entity is updated.
   */
  public static final String SHREDDED_AS_NULL = "themis4j.jpa.shredded_as_null";

  private ThemisJpaSettings() {}
}
