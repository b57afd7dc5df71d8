package io.github.themis4j.spring.envelope;

import io.github.themis4j.jpa.envelope.TenantKeyRings;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.spring.autoconfigure.KeyConfigurationException;
import java.util.LinkedHashSet;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.springframework.beans.factory.BeanFactory;

/** Per-tenant rings; a separate class so that Hibernate types load only when they are configured. */
final class TenantSupport {
  private TenantSupport() {}

  static KeyRingProvider provider(EnvelopeKeyRings rings, ThemisEnvelopeProperties envelope, BeanFactory beans) {
    CurrentTenantIdentifierResolver<?> resolver;
    try {
      resolver = beans.getBeanProvider(CurrentTenantIdentifierResolver.class).getIfUnique();
    } catch (NoClassDefFoundError e) {
      resolver = null;
    }
    if (resolver == null) {
      throw new KeyConfigurationException("themis4j.envelope.tenant.rings",
          "per-tenant key rings need Hibernate and a single CurrentTenantIdentifierResolver bean",
          "define the application's Hibernate CurrentTenantIdentifierResolver as a bean");
    }
    return TenantKeyRings.of(rings, resolver, new LinkedHashSet<>(envelope.getTenant().getRings()), rings);
  }
}
