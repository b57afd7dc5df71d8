package io.github.themis4j.jpa.hibernate.query;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Installs the {@link EncryptedQueryGuard} into every Hibernate service registry (found through
 * {@code META-INF/services/org.hibernate.service.spi.ServiceContributor}): sets {@code
 * hibernate.query.sqm.translator} to {@link GuardedSqmTranslatorFactory} (which wraps a factory
 * configured there before) and wraps the multi-table mutation strategies. {@link
 * io.github.themis4j.jpa.hibernate.ThemisJpaIntegrator} refuses to start a session factory with
 * encrypted attributes if the guard is not in place.
 */
public final class QueryGuardContributor implements ServiceContributor {
  /** For the service loader. */
  public QueryGuardContributor() {}

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    Object configured = builder.getSettings().get(QuerySettings.SEMANTIC_QUERY_TRANSLATOR);
    String guarded = GuardedSqmTranslatorFactory.class.getName();
    if (configured != null
        && !configured.toString().trim().isEmpty()
        && !guarded.equals(configured.toString().trim())) {
      builder.applySetting(GuardedSqmTranslatorFactory.WRAPPED, configured);
    }
    builder.applySetting(QuerySettings.SEMANTIC_QUERY_TRANSLATOR, guarded);
    builder.addInitiator(new GuardedMutationStrategies.Initiator(EncryptedQueryGuard.standard()));
  }

  /** Whether the translator factory in use is guarded. */
  public static boolean isGuarded(SqmTranslatorFactory factory) {
    return factory instanceof GuardedSqmTranslatorFactory;
  }
}
