package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributes;
import io.github.themis4j.keyring.KeyRingProvider;
import jakarta.persistence.EntityManagerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.SessionFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The key ring providers that Hibernate really uses, per persistence unit, when they are not the
 * application's {@link KeyRingProvider} bean (for example a class named by {@code
 * spring.jpa.properties.themis4j.jpa.key_ring_provider}): the health indicator checks them too.
 * Loaded only when Hibernate and themis4j-jpa are on the class path; its signatures name neither.
 */
final class PersistenceUnitKeyRings {
  private PersistenceUnitKeyRings() {}

  /** Hibernate and the JPA integration are on the class path. */
  static boolean available(ClassLoader classLoader) {
    return org.springframework.util.ClassUtils.isPresent("org.hibernate.SessionFactory", classLoader)
        && org.springframework.util.ClassUtils.isPresent("io.github.themis4j.jpa.EncryptedAttributes", classLoader)
        && org.springframework.util.ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", classLoader);
  }

  /**
   * Per unit (entity manager factory bean name) whose provider is not {@code bean}: the provider
   * and the ring names its {@code @Encrypted} attributes use.
   */
  static Map<String, ThemisHealthIndicator.UnitKeyRings> find(ListableBeanFactory beans, KeyRingProvider bean) {
    Map<String, ThemisHealthIndicator.UnitKeyRings> out = new LinkedHashMap<>();
    beans.getBeansOfType(EntityManagerFactory.class, false, false).forEach((name, emf) -> {
      SessionFactory sessionFactory;
      try {
        sessionFactory = emf.unwrap(SessionFactory.class);
      } catch (RuntimeException e) {
        return; // not Hibernate: nothing themis4j configured
      }
      var attributes = EncryptedAttributes.of(sessionFactory);
      if (attributes.isEmpty()) {
        return;
      }
      KeyRingProvider used = EncryptedAttributes.codec(sessionFactory).keyRingProvider();
      if (used == bean) {
        return;
      }
      Set<String> rings = new TreeSet<>();
      for (EncryptedAttribute a : attributes) {
        rings.add(a.keyRing());
      }
      out.put(name, new ThemisHealthIndicator.UnitKeyRings(used, rings));
    });
    return out;
  }
}
