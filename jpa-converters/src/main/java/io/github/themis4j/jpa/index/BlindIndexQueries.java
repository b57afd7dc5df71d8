package io.github.themis4j.jpa.index;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Lookups that return exactly the matching rows for every kind of blind index, including truncated
 * ones (which return false positives by design): the database finds the candidates by index, then
 * the candidates whose decrypted value differs are dropped.
 *
 * <pre>{@code
 * List<Patient> p = BlindIndexQueries.findAll(em, Patient.class, "nationalId", "756.1234.5678.97");
 * List<Patient> q = BlindIndexQueries.findAll(em, Patient.class, "nameYearIndex", "smith", 1980);
 * }</pre>
 *
 * <p>Equality queries on an attribute with a truncated index ({@code where p.nationalId = :id})
 * are refused outside {@link #filtering(Supplier)}, because they would return rows that do not
 * match; exact indexes need none of this (plain JPQL, Criteria and Spring Data finders work).
 */
public final class BlindIndexQueries {
  private static final ThreadLocal<int[]> FILTERING = ThreadLocal.withInitial(() -> new int[1]);

  private BlindIndexQueries() {}

  /**
   * Whether the current thread runs inside {@link #filtering}: queries on truncated indexes are
   * allowed because the caller filters their results.
   */
  public static boolean isFiltering() {
    return FILTERING.get()[0] > 0;
  }

  /**
   * Runs {@code work}, whose caller promises to filter the candidates that truncated indexes
   * return (as {@link #findAll} and the Spring Data integration do).
   */
  public static <R> R filtering(Supplier<R> work) {
    int[] depth = FILTERING.get();
    depth[0]++;
    try {
      return work.get();
    } finally {
      depth[0]--;
      if (depth[0] == 0) {
        FILTERING.remove();
      }
    }
  }

  /**
   * The entities whose indexed value equals {@code values}: for a single-attribute index name the
   * indexed attribute (or the index attribute) and give one value; for a compound index name the
   * index attribute and give one value per part, in order.
   *
   * @throws BlindIndexException if the attribute has no blind index
   */
  public static <T> List<T> findAll(
      EntityManager em, Class<T> type, String attribute, Object... values) {
    Session session = em.unwrap(Session.class);
    EntityPersister persister =
        session.getSessionFactory().unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
            .getMappingMetamodel()
            .getEntityDescriptor(type);
    BlindIndexes indexes = BlindIndexes.of(session.getSessionFactory());
    BlindIndexDefinition d = find(indexes, persister, attribute);
    if (d == null) {
      throw new BlindIndexException(
          type.getSimpleName() + "." + attribute,
          "attribute "
              + type.getSimpleName()
              + "."
              + attribute
              + " has no blind index: add a @BlindIndex(of = \""
              + attribute
              + "\") (or @CompoundBlindIndex) String attribute and its column");
    }
    List<String> lookup = indexes.lookupValues(d, values);
    if (lookup.isEmpty()) {
      return new ArrayList<>();
    }
    String jpql =
        "select e from "
            + em.getMetamodel().entity(type).getName()
            + " e where e."
            + d.indexAttribute()
            + " in :h";
    List<T> candidates =
        filtering(() -> em.createQuery(jpql, type).setParameter("h", lookup).getResultList());
    List<T> out = new ArrayList<>(candidates.size());
    for (T c : candidates) {
      Object[] actual = new Object[d.sources().size()];
      for (int i = 0; i < actual.length; i++) {
        actual[i] = persister.getPropertyValue(c, d.sources().get(i));
      }
      if (d.sameIndexedValue(actual, values)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The number of entities {@link #findAll} returns. */
  public static long count(EntityManager em, Class<?> type, String attribute, Object... values) {
    return findAll(em, type, attribute, values).size();
  }

  private static BlindIndexDefinition find(
      BlindIndexes indexes, EntityPersister persister, String attribute) {
    for (EntityPersister p = persister; p != null; ) {
      BlindIndexDefinition d = indexes.forSource(p.getEntityName(), attribute);
      if (d == null) {
        d = indexes.byIndexAttribute(p.getEntityName(), attribute);
      }
      if (d != null) {
        return d;
      }
      p =
          p.getSuperMappingType() == null
              ? null
              : p.getSuperMappingType().getEntityPersister();
    }
    return null;
  }
}
