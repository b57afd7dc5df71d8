package io.github.themis4j.jpa.hibernate;

import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.sql.ast.SqlAstWalker;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.InListPredicate;

/**
 * The translation of {@code encrypted = value}: a comparison (what the translator's contract
 * returns) that renders as {@code index_column in (lookup values)}.
 */
final class IndexLookupPredicate extends ComparisonPredicate {
  private final InListPredicate lookup;

  IndexLookupPredicate(InListPredicate lookup, ComparisonOperator operator) {
    super(lookup.getTestExpression(), operator, lookup.getListExpressions().get(0));
    this.lookup = lookup;
  }

  @Override
  public void accept(SqlAstWalker walker) {
    lookup.accept(walker);
  }
}
