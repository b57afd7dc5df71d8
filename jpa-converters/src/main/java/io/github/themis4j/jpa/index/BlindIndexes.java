package io.github.themis4j.jpa.index;

import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The blind indexes of one session factory and the key rings they use: computes stored and lookup
 * values. Obtain it with {@link #of(Object)}. Thread-safe.
 */
public final class BlindIndexes {
  private static final Map<Object, BlindIndexes> BY_FACTORY =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final BlindIndexes NONE = new BlindIndexes(Map.of(), name -> null);

  /** Definitions by Hibernate entity name (the class name unless mapped otherwise). */
  private final Map<String, List<BlindIndexDefinition>> byEntity;

  private final KeyRingProvider keys;

  /**
   * Used by the integration when it builds a session factory.
   *
   * @param byEntity definitions by Hibernate entity name
   * @param keys the key ring provider holding the index rings
   */
  public BlindIndexes(Map<String, List<BlindIndexDefinition>> byEntity, KeyRingProvider keys) {
    Map<String, List<BlindIndexDefinition>> m = new LinkedHashMap<>();
    byEntity.forEach((k, v) -> m.put(k, List.copyOf(v)));
    this.byEntity = Collections.unmodifiableMap(m);
    this.keys = keys;
  }

  /** Used by the integration: makes {@code indexes} the ones {@link #of} returns for factory. */
  public static void register(Object sessionFactory, BlindIndexes indexes) {
    BY_FACTORY.put(sessionFactory, indexes);
  }

  /**
   * The blind indexes of a Hibernate {@code SessionFactory} or JPA {@code EntityManagerFactory}
   * (an empty set when it has none).
   */
  public static BlindIndexes of(Object sessionFactory) {
    Object f = sessionFactory;
    if (f instanceof jakarta.persistence.EntityManagerFactory
        && !(f instanceof org.hibernate.SessionFactory)) {
      f = ((jakarta.persistence.EntityManagerFactory) f).unwrap(org.hibernate.SessionFactory.class);
    }
    BlindIndexes b = BY_FACTORY.get(f);
    return b == null ? NONE : b;
  }

  /** Every blind index. */
  public List<BlindIndexDefinition> all() {
    List<BlindIndexDefinition> out = new ArrayList<>();
    byEntity.values().forEach(out::addAll);
    return Collections.unmodifiableList(out);
  }

  /** The Hibernate entity names that have blind indexes. */
  public java.util.Set<String> entityNames() {
    return byEntity.keySet();
  }

  /** The blind indexes of one entity (Hibernate entity name), possibly empty. */
  public List<BlindIndexDefinition> ofEntity(String entityName) {
    return byEntity.getOrDefault(entityName, List.of());
  }

  /**
   * The single-attribute index that serves equality queries on {@code attribute}: the exact one if
   * there is one, else a truncated one; null if none.
   */
  public BlindIndexDefinition forSource(String entityName, String attribute) {
    BlindIndexDefinition found = null;
    for (BlindIndexDefinition d : ofEntity(entityName)) {
      if (!d.isCompound() && d.sources().get(0).equals(attribute)) {
        if (found == null || (d.isExact() && !found.isExact())) {
          found = d;
        }
      }
    }
    return found;
  }

  /** The index stored in {@code indexAttribute}, or null. */
  public BlindIndexDefinition byIndexAttribute(String entityName, String indexAttribute) {
    for (BlindIndexDefinition d : ofEntity(entityName)) {
      if (d.indexAttribute().equals(indexAttribute)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The key ring of an index.
   *
   * @throws BlindIndexException naming the index and the ring to configure if it is missing
   */
  public KeyRing keyRing(BlindIndexDefinition d) {
    KeyRing ring;
    try {
      ring = keys.keyRing(d.keyRing());
    } catch (ThemisException e) {
      throw missingRing(d, e);
    }
    if (ring == null) {
      throw missingRing(d, null);
    }
    return ring;
  }

  private static BlindIndexException missingRing(BlindIndexDefinition d, Throwable cause) {
    return new BlindIndexException(
        d.where(),
        "blind index "
            + d.where()
            + " of "
            + d.sources()
            + ": key ring '"
            + d.keyRing()
            + "' is not configured; add a key ring of that name to the key ring provider (with the"
            + " Spring starter: themis4j.key-rings."
            + d.keyRing()
            + ".*), separate from the rings that encrypt attributes",
        cause);
  }

  /** The value to store for these source values under the active index key (null for null). */
  public String compute(BlindIndexDefinition d, Object... values) {
    return d.compute(keyRing(d), values);
  }

  /** The values to look up for these source values, one per key of the index ring. */
  public List<String> lookupValues(BlindIndexDefinition d, Object... values) {
    KeyRing ring = keyRing(d);
    try {
      return d.lookupValues(ring, values);
    } catch (ThemisException e) {
      throw new BlindIndexException(d.where(), e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "BlindIndexes" + all();
  }
}
