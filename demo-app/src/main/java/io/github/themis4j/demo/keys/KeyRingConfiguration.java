package io.github.themis4j.demo.keys;

import io.github.themis4j.keyring.KeyRingProvider;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Makes the demo's key rings rotatable from the page: the starter's {@link KeyRingProvider} (built
 * from {@code themis4j.key-rings}) is wrapped in a {@link RotatableKeyRings}, which everything then
 * uses: Hibernate's {@code @Encrypted} attributes, the health indicator, the page.
 */
@Configuration(proxyBeanMethods = false)
class KeyRingConfiguration {
  @Bean
  static BeanPostProcessor rotatableKeyRings(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof KeyRingProvider provider && !(bean instanceof RotatableKeyRings)) {
          Path dir = Path.of(environment.getRequiredProperty("demo.data-dir"), "keys");
          return new RotatableKeyRings(provider, dir);
        }
        return bean;
      }
    };
  }
}
