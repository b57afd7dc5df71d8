package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexException;
import io.github.themis4j.jpa.index.BlindIndexes;
import java.util.List;
import java.util.function.Function;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.internal.BasicValuedPathInterpretation;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.Statement;
import org.hibernate.sql.ast.tree.expression.ColumnReference;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.ast.tree.expression.Literal;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.InListPredicate;
import org.hibernate.sql.ast.tree.predicate.Predicate;
import org.hibernate.sql.exec.spi.JdbcParameterBinding;
import org.hibernate.type.CustomType;
import org.hibernate.metamodel.mapping.JdbcMapping;

/**
 * Translates queries as Hibernate does, except comparisons of {@code @Encrypted} attributes:
 *
 * {@code attr = v}, {@code attr <> v}, {@code attr in (...)}, {@code attr not in (...)} with
 * parameters or literals become {@code index_column in (lookup values)} (negated for {@code <>}):
 * the plaintext arguments are hashed at every execution by {@link IndexLookupParameter}, so Spring
 * Data finders, JPQL and Criteria work unchanged. Which comparisons reach this translator is
 * decided by the query guard ({@link BlindIndexQueryGuard}); everything else it refuses before
 * translation. The delegate of {@link
 * io.github.themis4j.jpa.hibernate.query.GuardedSqmTranslatorFactory} by default.
 */
final class BlindIndexSqmTranslator<T extends Statement> extends StandardSqmTranslator<T> {
  private final BlindIndexes indexes;

  @SuppressWarnings("deprecation")
  BlindIndexSqmTranslator(
      SqmStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref domainParameterXref,
      QueryParameterBindings domainParameterBindings,
      LoadQueryInfluencers influencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    super(
        statement,
        queryOptions,
        domainParameterXref,
        domainParameterBindings,
        influencers,
        creationContext,
        deduplicateSelectionItems);
    this.indexes = BlindIndexes.of(creationContext.getSessionFactory());
  }

  /** An encrypted attribute found on one side of a comparison. */
  private static final class Target {
    final String where;
    final String attribute;
    final ColumnReference column;
    final EntityMappingType owner;
    final BlindIndexDefinition index;

    Target(
        String where,
        String attribute,
        ColumnReference column,
        EntityMappingType owner,
        BlindIndexDefinition index) {
      this.where = where;
      this.attribute = attribute;
      this.column = column;
      this.owner = owner;
      this.index = index;
    }
  }

  private Target encrypted(Expression e) {
    if (!(e instanceof BasicValuedPathInterpretation)) {
      return null;
    }
    BasicValuedPathInterpretation<?> path = (BasicValuedPathInterpretation<?>) e;
    ModelPart part = path.getExpressionType();
    if (!(part instanceof AttributeMapping) || !(part instanceof BasicValuedModelPart)) {
      return null;
    }
    JdbcMapping mapping = ((BasicValuedModelPart) part).getJdbcMapping();
    if (!(mapping instanceof CustomType)
        || !(((CustomType<?>) mapping).getUserType() instanceof EncryptedUserType)) {
      return null;
    }
    AttributeMapping attribute = (AttributeMapping) part;
    String name = attribute.getAttributeName();
    EntityMappingType entity = attribute.findContainingEntityMapping();
    String where = ((EncryptedUserType) ((CustomType<?>) mapping).getUserType()).spec().where();
    for (EntityMappingType t = entity; t != null; t = t.getSuperMappingType()) {
      BlindIndexDefinition d = indexes.forSource(t.getEntityName(), name);
      if (d != null) {
        return new Target(where, name, path.getColumnReference(), t, d);
      }
    }
    return new Target(where, name, path.getColumnReference(), entity, null);
  }

  // ---- comparisons ----------------------------------------------------------------------------

  @Override
  public ComparisonPredicate visitComparisonPredicate(SqmComparisonPredicate predicate) {
    ComparisonPredicate sql = super.visitComparisonPredicate(predicate);
    Target left = encrypted(sql.getLeftHandExpression());
    Target right = encrypted(sql.getRightHandExpression());
    if (left == null && right == null) {
      return sql;
    }
    if (left != null && right != null) {
      throw refuse(
          left,
          "compares two encrypted attributes ("
              + left.where
              + ", "
              + right.where
              + "), which the database cannot do; compare their blind index attributes, if they"
              + " share an index key, or load the entities");
    }
    Target t = left != null ? left : right;
    ComparisonOperator op = sql.getOperator();
    if (op != ComparisonOperator.EQUAL && op != ComparisonOperator.NOT_EQUAL) {
      throw refuse(
          t,
          "compares encrypted attribute "
              + t.where
              + " with '"
              + op.sqlText()
              + "': a blind index serves only equality (=, <>, in); order comparisons on"
              + " encrypted values cannot be computed by the database");
    }
    if (t.index == null) {
      return sql; // refused by the query guard before translation; never reached
    }
    Expression value = left != null ? sql.getRightHandExpression() : sql.getLeftHandExpression();
    InListPredicate in = lookup(t, List.of(value), op == ComparisonOperator.NOT_EQUAL, sql);
    return new IndexLookupPredicate(in, op);
  }

  @Override
  public Predicate visitInListPredicate(SqmInListPredicate<?> predicate) {
    Predicate sql = super.visitInListPredicate(predicate);
    if (!(sql instanceof InListPredicate)) {
      return sql;
    }
    InListPredicate in = (InListPredicate) sql;
    Target t = encrypted(in.getTestExpression());
    if (t == null) {
      return sql;
    }
    if (t.index == null) {
      return sql;
    }
    return lookup(t, in.getListExpressions(), in.isNegated(), sql);
  }

  private InListPredicate lookup(
      Target t, List<Expression> values, boolean negated, Predicate original) {
    BlindIndexDefinition d = t.index;
    BasicValuedModelPart indexPart =
        (BasicValuedModelPart) t.owner.findAttributeMapping(d.indexAttribute());
    ColumnReference column = new ColumnReference(t.column.getQualifier(), indexPart);
    InListPredicate in = new InListPredicate(column, negated, original.getExpressionType());
    for (Expression v : values) {
      Function<org.hibernate.sql.exec.spi.JdbcParameterBindings, Object> argument = argument(t, v);
      for (int slot = 0; slot < BlindIndexDefinition.MAX_KEYS; slot++) {
        in.addExpression(
            new IndexLookupParameter(indexPart.getJdbcMapping(), d, indexes, argument, slot));
      }
    }
    return in;
  }

  private static Function<org.hibernate.sql.exec.spi.JdbcParameterBindings, Object> argument(
      Target t, Expression value) {
    Expression v = value;
    if (v instanceof org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation) {
      v = ((org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation) v).getResolvedExpression();
    }
    if (v instanceof JdbcParameter) {
      JdbcParameter p = (JdbcParameter) v;
      return bindings -> {
        JdbcParameterBinding b = bindings.getBinding(p);
        return b == null ? null : b.getBindValue();
      };
    }
    if (v instanceof Literal) {
      Object literal = ((Literal) v).getLiteralValue();
      return bindings -> literal;
    }
    throw refuse(
        t,
        "compares encrypted attribute "
            + t.where
            + " with an expression that is neither a parameter nor a literal; a blind index can"
            + " only look up given values");
  }

  private static BlindIndexException refuse(Target t, String message) {
    return new BlindIndexException(t.where, "query refused: " + message);
  }
}
