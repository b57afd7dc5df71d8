package io.github.themis4j.spring.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps themis4j key material out of Actuator's {@code env}, {@code configprops} and {@code info}
 * endpoints (see {@link ThemisSanitizingFunction} and {@link SanitizingInfoContributor}). Active whenever Actuator is on the class path; it does not
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

  /** Every {@link InfoContributor} bean's output through the sanitizing function (see {@link SanitizingInfoContributor}). */
  @Bean
  static BeanPostProcessor themisInfoContributorSanitizer(ObjectProvider<ThemisSanitizingFunction> function) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof InfoContributor contributor && !(bean instanceof SanitizingInfoContributor)) {
          return new SanitizingInfoContributor(contributor, function);
        }
        return bean;
      }
    };
  }
}
