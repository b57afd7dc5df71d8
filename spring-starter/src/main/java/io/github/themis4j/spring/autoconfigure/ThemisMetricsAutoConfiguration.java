package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for the JPA integration ({@link MicrometerEncryptionObserver}) when a {@link
 * MeterRegistry} is present. The observer reaches Hibernate through {@link ThemisJpaAutoConfiguration}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    },
    before = ThemisJpaAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, EncryptionObserver.class})
@ConditionalOnBean(MeterRegistry.class)
public final class ThemisMetricsAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  MicrometerEncryptionObserver themisMicrometerEncryptionObserver(MeterRegistry registry) {
    return new MicrometerEncryptionObserver(registry);
  }
}
