package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.ForeignCells;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Configures the themis4j JPA integration into Hibernate: passes the application's {@link
 * KeyRingProvider} (and its {@link EncryptionObserver} beans, such as the Micrometer one, a {@link
 * ForeignCells} bean, and the per-attribute migration states of {@code themis4j.jpa.migration.*})
 * as Hibernate settings, so that {@code @Encrypted} entity attributes work without user code.
 *
 * <p>Active when Hibernate, Spring Boot's Hibernate support and {@code themis4j-jpa} are on the
 * class path and {@code themis4j.jpa.enabled} is not false. Settings the application passes itself
 * ({@code spring.jpa.properties.themis4j.jpa.*}) are left as they are.
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
    return properties -> {
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
      List<EncryptionObserver> all = observers.orderedStream().toList();
      if (!all.isEmpty()) {
        properties.putIfAbsent(ThemisJpaSettings.OBSERVER,
            all.size() == 1 ? all.get(0) : new CompositeEncryptionObserver(all));
      }
    };
  }
}
