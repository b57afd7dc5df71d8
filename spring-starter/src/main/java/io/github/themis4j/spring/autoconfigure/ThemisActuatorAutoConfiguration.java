package io.github.themis4j.spring.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps themis4j key material out of Actuator's {@code env} and {@code configprops} endpoints (see
 * {@link ThemisSanitizingFunction}). Active whenever Actuator is on the class path; it does not
 * back off, because Actuator applies every {@link SanitizingFunction} bean in turn.
 */
@AutoConfiguration(after = ThemisAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class ThemisActuatorAutoConfiguration {
  @Bean
  ThemisSanitizingFunction themisSanitizingFunction(
      ObjectProvider<ThemisProperties> properties, ConfigurableEnvironment environment) {
    return ThemisSanitizingFunction.of(ThemisAutoConfiguration.properties(properties, environment), environment);
  }
}
