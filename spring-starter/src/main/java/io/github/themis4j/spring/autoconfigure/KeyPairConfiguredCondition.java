package io.github.themis4j.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when any {@code themis4j.key-pair} property is set (a half-configured pair then fails at
 * startup with a precise message) or development mode is on.
 */
class KeyPairConfiguredCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    boolean configured = binder
        .bind("themis4j.key-pair", ThemisProperties.KeyPairProperties.class)
        .map(ThemisProperties.KeyPairProperties::isConfigured)
        .orElse(false);
    if (configured) {
      return ConditionOutcome.match("themis4j.key-pair is configured");
    }
    boolean dev = binder.bind("themis4j.dev-mode.enabled", Boolean.class).orElse(false);
    if (dev) {
      return ConditionOutcome.match("themis4j.dev-mode.enabled is true");
    }
    return ConditionOutcome.noMatch("neither themis4j.key-pair nor themis4j.dev-mode.enabled is set");
  }
}
