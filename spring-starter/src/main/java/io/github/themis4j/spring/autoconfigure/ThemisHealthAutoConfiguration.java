package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.spring.PeerPublicKeys;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Registers {@link ThemisHealthIndicator} as health contributor {@code themis4j} when Spring Boot's
 * health support is present. Disable with {@code management.health.themis4j.enabled=false}. With
 * JPA, it also checks the key ring providers of persistence units whose Hibernate uses another
 * provider than the application's {@code KeyRingProvider} bean.
 */
@AutoConfiguration(
    after = ThemisAutoConfiguration.class,
    beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnBean(KeyRingProvider.class)
@ConditionalOnEnabledHealthIndicator("themis4j")
public final class ThemisHealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "themis4jHealthIndicator")
  ThemisHealthIndicator themis4jHealthIndicator(ObjectProvider<ThemisProperties> bound, Environment environment,
      KeyRingProvider provider, ObjectProvider<KeyPair> keyPair, ObjectProvider<PeerPublicKeys> peers,
      ListableBeanFactory beanFactory) {
    ThemisProperties properties = ThemisAutoConfiguration.properties(bound, environment);
    Supplier<Map<String, ThemisHealthIndicator.UnitKeyRings>> units = Map::of;
    if (PersistenceUnitKeyRings.available(getClass().getClassLoader())) {
      // Looked up on first use: entity manager factories may be created after this indicator.
      units = SingletonSupplier.of(() -> PersistenceUnitKeyRings.find(beanFactory, provider));
    }
    return new ThemisHealthIndicator(provider, properties.getKeyRings().keySet(), keyPair.getIfUnique(),
        peers.getIfUnique(), properties.getDevMode().isEnabled(), units);
  }
}
