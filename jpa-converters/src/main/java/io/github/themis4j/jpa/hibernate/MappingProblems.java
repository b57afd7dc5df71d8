package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.EncryptionMappingException;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.MetaAttribute;
import org.hibernate.mapping.PersistentClass;

/**
 * Mapping mistakes found while {@code @Encrypted} is bound, reported by the integrator instead.
 * Hibernate wraps whatever an attribute binder throws in "error processing @AttributeBinderType
 * annotation ...", putting the cause at the bottom of a long stack trace; so the binder records the
 * problem on the entity's mapping (a meta attribute) and still applies the encrypted type (so nothing
 * could be stored in the clear), and {@link ThemisJpaIntegrator} throws it, unwrapped and first,
 * before the session factory starts.
 */
final class MappingProblems {
  private static final String PREFIX = "io.github.themis4j.jpa.mapping-problem.";

  private MappingProblems() {}

  /** Records the problem of one attribute of {@code entity}. */
  static void record(PersistentClass entity, String attribute, String message) {
    Map<String, MetaAttribute> all = new HashMap<>();
    if (entity.getMetaAttributes() != null) {
      all.putAll(entity.getMetaAttributes());
    }
    MetaAttribute problem = new MetaAttribute(PREFIX + attribute);
    problem.addValue(message);
    all.put(problem.getName(), problem);
    entity.setMetaAttributes(all);
  }

  /** Throws the first recorded problem, if any. */
  static void throwFirst(Metadata metadata) {
    for (PersistentClass entity : metadata.getEntityBindings()) {
      Map<String, MetaAttribute> all = entity.getMetaAttributes();
      if (all == null) {
        continue;
      }
      for (Map.Entry<String, MetaAttribute> e : all.entrySet()) {
        if (e.getKey().startsWith(PREFIX)) {
          throw new EncryptionMappingException(e.getValue().getValue());
        }
      }
    }
  }
}
