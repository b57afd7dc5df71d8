package io.github.themis4j.jpa.hibernate.query;

import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.select.SelectStatement;

/**
 * Hibernate's SQM-to-SQL translator factory with the {@link EncryptedQueryGuard} in front: every
 * select (HQL, Criteria, named, Spring Data derived) and every single-table insert, update and
 * delete is checked before it is translated. Installed as the setting {@code
 * hibernate.query.sqm.translator} by {@link QueryGuardContributor}; delegates to the factory
 * configured there before (moved to {@value #WRAPPED}), or the dialect's, or Hibernate's standard
 * one.
 */
public final class GuardedSqmTranslatorFactory implements SqmTranslatorFactory {
  /** The setting holding the translator factory configured by the application, if any. */
  public static final String WRAPPED = "themis4j.query.wrapped-sqm-translator";

  private final EncryptedQueryGuard guard = EncryptedQueryGuard.standard();
  private volatile EncryptedQueryGuard resolvedGuard;
  private volatile SqmTranslatorFactory delegate;

  /** For Hibernate (the setting takes a class name). */
  public GuardedSqmTranslatorFactory() {}

  /** The guard checking every statement (the standard one until the first query). */
  public EncryptedQueryGuard guard() {
    EncryptedQueryGuard g = resolvedGuard;
    return g == null ? guard : g;
  }

  /** The standard guard, widened to the comparisons the factory's blind indexes serve. */
  private EncryptedQueryGuard guard(SqlAstCreationContext context) {
    EncryptedQueryGuard g = resolvedGuard;
    if (g == null) {
      @SuppressWarnings("deprecation")
      SessionFactoryImplementor factory = context.getSessionFactory();
      io.github.themis4j.jpa.index.BlindIndexes indexes =
          io.github.themis4j.jpa.index.BlindIndexes.of(factory);
      resolvedGuard =
          g =
              indexes.all().isEmpty()
                  ? guard
                  : new io.github.themis4j.jpa.hibernate.BlindIndexQueryGuard(indexes);
    }
    return g;
  }

  private SqmTranslatorFactory delegate(SqlAstCreationContext context) {
    SqmTranslatorFactory d = delegate;
    if (d == null) {
      SessionFactoryImplementor factory = context.getSessionFactory();
      Object wrapped =
          factory
              .getServiceRegistry()
              .requireService(ConfigurationService.class)
              .getSettings()
              .get(WRAPPED);
      if (wrapped != null) {
        d =
            factory
                .getServiceRegistry()
                .requireService(StrategySelector.class)
                .resolveStrategy(SqmTranslatorFactory.class, wrapped);
      }
      if (d == null) {
        d = context.getDialect().getSqmTranslatorFactory();
      }
      delegate = d = d != null ? d : DEFAULT;
    }
    return d;
  }

  /**
   * Hibernate's standard translation, plus the rewriting of equality comparisons served by blind
   * indexes (identical to the standard one where there is no blind index).
   */
  private static final SqmTranslatorFactory DEFAULT =
      new io.github.themis4j.jpa.hibernate.BlindIndexSqmTranslatorFactory();

  @Override
  public SqmTranslator<SelectStatement> createSelectTranslator(
      SqmSelectStatement<?> sqmSelectStatement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    guard(creationContext).check(sqmSelectStatement);
    return delegate(creationContext)
        .createSelectTranslator(
            sqmSelectStatement,
            queryOptions,
            domainParameterXref,
            domainParameterBindings,
            loadQueryInfluencers,
            creationContext,
            deduplicateSelectionItems);
  }

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(
      SqmDmlStatement<?> sqmDmlStatement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext) {
    guard(creationContext).check(sqmDmlStatement);
    return delegate(creationContext)
        .createMutationTranslator(
            sqmDmlStatement,
            queryOptions,
            domainParameterXref,
            domainParameterBindings,
            loadQueryInfluencers,
            creationContext);
  }
}
