package io.github.themis4j.jpa.engine;

import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributes;
import io.github.themis4j.jpa.EncryptedValueCodec;
import java.util.List;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * What a {@link Pass} plans its walks from: the session factory, its encrypted attributes and their
 * codec, and where each attribute is stored. One per run.
 */
public final class PassContext {
  private final SessionFactoryImplementor factory;
  private final List<EncryptedAttribute> attributes;
  private final EncryptedValueCodec codec;

  PassContext(SessionFactoryImplementor factory) {
    this.factory = factory;
    this.attributes = EncryptedAttributes.of(factory);
    this.codec = attributes.isEmpty() ? null : EncryptedAttributes.codec(factory);
  }

  /** A context over {@code sessionFactory} (the engine makes one per run; for tools and tests). */
  public static PassContext of(org.hibernate.SessionFactory sessionFactory) {
    return new PassContext(sessionFactory.unwrap(SessionFactoryImplementor.class));
  }

  public SessionFactoryImplementor sessionFactory() {
    return factory;
  }

  /** Every {@code @Encrypted} attribute of the session factory. */
  public List<EncryptedAttribute> attributes() {
    return attributes;
  }

  /** The codec the attributes are encrypted with, or null if there are no encrypted attributes. */
  public EncryptedValueCodec codec() {
    return codec;
  }

  /**
   * The table holding the identifier of entity {@code entityName} (its root table), to walk by its
   * key; for passes over plain columns (a legacy plaintext column, a blind-index column).
   *
   * @throws ReencryptionException if there is no such entity or its key has several columns
   */
  public TableRef table(String entityName) {
    return MappingResolver.table(factory, entityName);
  }

  /**
   * Where the encrypted attributes of {@code entities} (JPA entity names; empty: all) are stored,
   * each table-and-column once.
   */
  public List<StoredAttribute> storedAttributes(Set<String> entities) {
    return MappingResolver.resolve(factory, attributes, entities);
  }
}
