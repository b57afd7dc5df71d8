package io.github.themis4j.jpa.hibernate;

import org.hibernate.engine.spi.LoadQueryInfluencers;
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
 * Makes Hibernate translate queries with {@link BlindIndexSqmTranslator}, which serves equality
 * comparisons of encrypted attributes through their blind indexes. Install it with the Hibernate
 * setting {@code hibernate.query.sqm.translator} (the Spring starter does); the integration refuses
 * to start when an entity has a blind index and another translator is configured.
 */
public final class BlindIndexSqmTranslatorFactory implements SqmTranslatorFactory {
  /** For Hibernate. */
  public BlindIndexSqmTranslatorFactory() {}

  @Override
  public SqmTranslator<SelectStatement> createSelectTranslator(
      SqmSelectStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    return new BlindIndexSqmTranslator<>(
        statement,
        queryOptions,
        domainParameterXref,
        domainParameterBindings,
        loadQueryInfluencers,
        creationContext,
        deduplicateSelectionItems);
  }

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(
      SqmDmlStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext) {
    return new BlindIndexSqmTranslator<>(
        statement,
        queryOptions,
        domainParameterXref,
        domainParameterBindings,
        loadQueryInfluencers,
        creationContext,
        false);
  }
}
