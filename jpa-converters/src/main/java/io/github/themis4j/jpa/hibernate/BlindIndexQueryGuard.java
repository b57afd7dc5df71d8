package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.hibernate.query.EncryptedPath;
import io.github.themis4j.jpa.hibernate.query.EncryptedQueryGuard;
import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexes;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmLiteral;
import org.hibernate.query.sqm.tree.expression.SqmParameter;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;

/**
 * The query guard of a session factory with blind indexes: equality ({@code =}, {@code <>}) and
 * {@code in} / {@code not in} comparisons of an encrypted attribute with parameters or literals are
 * servable when the attribute has a blind index ({@link BlindIndexSqmTranslator} then rewrites them
 * onto the index column). Everything else stays refused by {@link EncryptedQueryGuard}.
 */
public final class BlindIndexQueryGuard extends EncryptedQueryGuard {
  private final BlindIndexes indexes;

  /** A guard serving the comparisons {@code indexes} can answer. */
  public BlindIndexQueryGuard(BlindIndexes indexes) {
    this.indexes = indexes;
  }

  @Override
  protected boolean isServable(EncryptedPath attribute, SqmPredicate comparison) {
    if (index(attribute) == null) {
      return false;
    }
    if (comparison instanceof SqmComparisonPredicate) {
      SqmComparisonPredicate c = (SqmComparisonPredicate) comparison;
      ComparisonOperator op = c.getSqmOperator();
      if (op != ComparisonOperator.EQUAL && op != ComparisonOperator.NOT_EQUAL) {
        return false;
      }
      SqmExpression<?> other =
          c.getLeftHandExpression() == attribute.path()
              ? c.getRightHandExpression()
              : c.getLeftHandExpression();
      return isValue(other);
    }
    if (comparison instanceof SqmInListPredicate) {
      for (SqmExpression<?> e : ((SqmInListPredicate<?>) comparison).getListExpressions()) {
        if (!isValue(e)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private BlindIndexDefinition index(EncryptedPath attribute) {
    for (BlindIndexDefinition d : indexes.all()) {
      if (!d.isCompound()
          && d.sources().get(0).equals(attribute.attributeName())
          && d.entityName().equals(attribute.entityName())) {
        return d;
      }
    }
    return null;
  }

  private static boolean isValue(SqmExpression<?> e) {
    return e instanceof SqmParameter || e instanceof SqmLiteral;
  }
}
