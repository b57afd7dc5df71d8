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
   * Whether an attribute whose key ring was crypto-shredded ({@link
   * io.github.themis4j.keyring.envelope.KeyShreddedException}) loads as {@code null} instead of
   * failing the load with an {@link EncryptedAttributeException} of reason {@link
   * EncryptionObserver#SHREDDED}: {@code false} (the default) or {@code true}. The observer is told
   * either way. A null loaded this way is written back as SQL NULL if the entity is updated.
   */
  public static final String SHREDDED_AS_NULL = "themis4j.jpa.shredded_as_null";

  private ThemisJpaSettings() {}
}
