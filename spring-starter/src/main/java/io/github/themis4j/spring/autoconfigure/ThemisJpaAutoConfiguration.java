package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.ForeignCells;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Configures the themis4j JPA integration into Hibernate: passes the application's {@link
 * KeyRingProvider} (and its {@link EncryptionObserver} beans, such as the Micrometer one, a {@link
 * ForeignCells} bean, and the per-attribute migration states of {@code themis4j.jpa.migration.*})
 * as Hibernate settings, so that {@code @Encrypted} entity attributes work without user code.
 *
 * <p>Two ways in: a {@link HibernatePropertiesCustomizer} for the entity manager factories Spring
 * Boot builds (its own and those made with Boot's {@code EntityManagerFactoryBuilder}), and a
 * {@link BeanPostProcessor} that adds the same settings to the JPA property map of every other
 * {@link AbstractEntityManagerFactoryBean} bean (a raw {@code LocalContainerEntityManagerFactoryBean}
 * of the application's own). Entity manager factories built without a Spring factory bean (for
 * example {@code Persistence.createEntityManagerFactory} in a {@code @Bean} method) must be given
 * the {@code KeyRingProvider} bean under {@link ThemisJpaSettings#KEY_RING_PROVIDER} by the
 * application; without it their startup fails with a report that says so.
 *
 * <p>Active when Hibernate, Spring Boot's Hibernate support and {@code themis4j-jpa} are on the
 * class path and {@code themis4j.jpa.enabled} is not false. Settings the application passes itself
 * ({@code spring.jpa.properties.themis4j.jpa.*}, or in a factory bean's JPA property map) are left
 * as they are.
 */
@AutoConfiguration(
    after = ThemisAutoConfiguration.class,
    beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ThemisJpaSettings.class, HibernatePropertiesCustomizer.class})
@ConditionalOnBooleanProperty(name = "themis4j.jpa.enabled", matchIfMissing = true)
@ConditionalOnBean(KeyRingProvider.class)
public final class ThemisJpaAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "themisHibernatePropertiesCustomizer")
  HibernatePropertiesCustomizer themisHibernatePropertiesCustomizer(
      KeyRingProvider keyRings,
      ObjectProvider<EncryptionObserver> observers,
      ObjectProvider<ForeignCells> foreignCells,
      ObjectProvider<ThemisProperties> themisProperties) {
    return properties ->
        addSettings(properties, keyRings, observers, foreignCells, themisProperties);
  }

  @Bean
  static BeanPostProcessor themisEntityManagerFactoryBeanPostProcessor(
      ObjectProvider<KeyRingProvider> keyRings,
      ObjectProvider<EncryptionObserver> observers,
      ObjectProvider<ForeignCells> foreignCells,
      ObjectProvider<ThemisProperties> themisProperties) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractEntityManagerFactoryBean factory) {
          KeyRingProvider provider = keyRings.getIfUnique();
          if (provider != null) {
            addSettings(
                factory.getJpaPropertyMap(), provider, observers, foreignCells, themisProperties);
          }
        }
        return bean;
      }
    };
  }

  /** Adds the key ring provider and the observer(s), unless the map already has them. */
  static void addSettings(
      Map<String, Object> properties,
      KeyRingProvider keyRings,
      ObjectProvider<EncryptionObserver> observers,
      ObjectProvider<ForeignCells> foreignCells,
      ObjectProvider<ThemisProperties> themisProperties) {
    properties.putIfAbsent(ThemisJpaSettings.KEY_RING_PROVIDER, keyRings);
    ThemisProperties p = themisProperties.getIfAvailable();
    if (p != null) {
      p.getJpa()
          .getMigration()
          .forEach(
              (attribute, state) ->
                  properties.putIfAbsent(ThemisJpaSettings.MIGRATION_PREFIX + attribute, state));
    }
    ForeignCells foreign = foreignCells.getIfAvailable();
    if (foreign != null) {
      properties.putIfAbsent(ThemisJpaSettings.FOREIGN_CELLS, foreign);
    }
    if (!properties.containsKey(ThemisJpaSettings.OBSERVER)) {
      EncryptionObserver observer = observer(observers.orderedStream().toList());
      if (observer != null) {
        properties.put(ThemisJpaSettings.OBSERVER, observer);
      }
    }
  }

  private static @Nullable EncryptionObserver observer(List<EncryptionObserver> all) {
    if (all.isEmpty()) {
      return null;
    }
    return all.size() == 1 ? all.get(0) : new CompositeEncryptionObserver(all);
  }
}
