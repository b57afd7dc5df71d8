package io.github.themis4j.jpa.hibernate.query;

import io.github.themis4j.jpa.EncryptedAttributeException;
import java.util.List;
import org.hibernate.query.sqm.spi.BaseSemanticQueryWalker;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.domain.SqmBasicValuedSimplePath;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmLiteralNull;
import org.hibernate.query.sqm.tree.insert.SqmConflictClause;
import org.hibernate.query.sqm.tree.insert.SqmInsertSelectStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertValuesStatement;
import org.hibernate.query.sqm.tree.insert.SqmValues;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmNullnessPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmWhereClause;
import org.hibernate.query.sqm.tree.select.SqmOrderByClause;
import org.hibernate.query.sqm.tree.select.SqmSelectClause;
import org.hibernate.query.sqm.tree.update.SqmAssignment;

/**
 * The one place that decides which HQL / Criteria statements may touch {@link
 * io.github.themis4j.jpa.Encrypted} attributes. Every statement is checked on its SQM tree before
 * Hibernate translates it to SQL (see {@link GuardedSqmTranslatorFactory} and {@link
 * GuardedMutationStrategies}), so a refused statement never reaches the database.
 *
 * <p>An encrypted column holds randomized ciphertext bound to its row, which the database can
 * neither produce nor compare. Allowed, therefore, are only:
 *
 * <ul>
 *   <li>{@code e.attr is null} and {@code e.attr is not null};
 *   <li>{@code update ... set e.attr = null} and {@code insert ... (attr) values (null)};
 *   <li>comparisons {@link #isServable judged servable} (none by default; blind indexes will serve
 *       equality).
 * </ul>
 *
 * Everything else that names an encrypted attribute is refused with an {@link
 * EncryptedAttributeException} of reason {@value #REASON} naming the attribute: assigning it in a
 * bulk update or insert (any literal, parameter, path or function would be written as plaintext, or
 * a ciphertext copied from another row or column), comparing it (with a literal, parameter, path,
 * or inside a function), selecting it in a projection or a {@code select new} (the value can only
 * be decrypted with its row in a load), ordering, grouping or {@code distinct} by it. Native SQL is
 * not parsed and cannot be checked.
 *
 * <p>Stateless; thread-safe. Subclasses may widen {@link #isServable}; the rest is fixed.
 */
public class EncryptedQueryGuard {
  /** The {@link EncryptedAttributeException#reason()} of a refused statement. */
  public static final String REASON = "refused-query";

  /** The guard installed by default: no comparison of an encrypted attribute is servable. */
  public static EncryptedQueryGuard standard() {
    return STANDARD;
  }

  private static final EncryptedQueryGuard STANDARD = new EncryptedQueryGuard();

  /** For subclasses; use {@link #standard()}. */
  protected EncryptedQueryGuard() {}

  /**
   * Checks {@code statement}; returns normally if it may run, throws {@link
   * EncryptedAttributeException} (reason {@value #REASON}) if it names an encrypted attribute where
   * the database would compute with ciphertext or write plaintext.
   */
  public final void check(SqmStatement<?> statement) {
    if (statement != null) {
      statement.accept(new Walker());
    }
  }

  /**
   * The single decision point for comparisons: whether {@code comparison} (an {@link
   * SqmComparisonPredicate} in which {@code attribute} is one side, the other side being a literal,
   * parameter or any other expression; or an {@link SqmInListPredicate} testing {@code attribute}),
   * can be served correctly. Served comparisons are left to run (their other side is still checked); the
   * server must then make sure the comparison works on what is stored (e.g. by rewriting it to a
   * blind index). This implementation serves none.
   */
  protected boolean isServable(EncryptedPath attribute, SqmPredicate comparison) {
    return false;
  }

  private static EncryptedAttributeException refuse(EncryptedPath a, String what, String advice) {
    return new EncryptedAttributeException(
        a.entityName(),
        null,
        a.attributeName(),
        REASON,
        "refusing a query on encrypted attribute "
            + a.where()
            + ": it "
            + what
            + ". "
            + advice
            + " (only 'is null' / 'is not null' tests and assigning null are possible in queries)",
        null);
  }

  /** Walks the whole tree; {@code clause} says where the walk is, for messages. */
  private final class Walker extends BaseSemanticQueryWalker {
    private static final String SELECT = "the select list";
    private String clause = "an expression";

    private Object in(String name, Runnable visit) {
      String outer = clause;
      clause = name;
      try {
        visit.run();
      } finally {
        clause = outer;
      }
      return null;
    }

    @Override
    public Object visitBasicValuedPath(SqmBasicValuedSimplePath<?> path) {
      EncryptedPath a = EncryptedPath.of(path);
      if (a != null && clause.equals(SELECT)) {
        throw refuse(
            a,
            "is selected (a projection, select new or distinct); its value can only be decrypted"
                + " when its entity is loaded, with the entity's identifier",
            "Select the entity instead");
      } else if (a != null) {
        throw refuse(
            a,
            "is used in " + clause + ", where the database would only see randomized ciphertext",
            "Load the entities and work with the attribute values in Java instead");
      }
      return super.visitBasicValuedPath(path);
    }

    @Override
    public Object visitSelectClause(SqmSelectClause selectClause) {
      return in(SELECT, () -> super.visitSelectClause(selectClause));
    }

    @Override
    public Object visitWhereClause(SqmWhereClause whereClause) {
      return in("a where clause", () -> super.visitWhereClause(whereClause));
    }

    @Override
    public Object visitHavingClause(SqmPredicate predicate) {
      return in("a having clause", () -> super.visitHavingClause(predicate));
    }

    @Override
    public Object visitOrderByClause(SqmOrderByClause orderByClause) {
      return in("an order by clause", () -> super.visitOrderByClause(orderByClause));
    }

    @Override
    public Object visitGroupByClause(List<SqmExpression<?>> groupByClauseExpressions) {
      return in("a group by clause", () -> super.visitGroupByClause(groupByClauseExpressions));
    }

    @Override
    public Object visitIsNullPredicate(SqmNullnessPredicate predicate) {
      if (EncryptedPath.of(predicate.getExpression()) != null) {
        return null; // a null column is stored as SQL NULL: served exactly
      }
      return super.visitIsNullPredicate(predicate);
    }

    @Override
    public Object visitComparisonPredicate(SqmComparisonPredicate predicate) {
      EncryptedPath left = EncryptedPath.of(predicate.getLeftHandExpression());
      EncryptedPath right = EncryptedPath.of(predicate.getRightHandExpression());
      if (left == null && right == null) {
        return super.visitComparisonPredicate(predicate);
      }
      EncryptedPath a = left != null ? left : right;
      if (left != null && right != null || !isServable(a, predicate)) {
        throw refuse(
            a,
            "is compared ("
                + predicate.getSqmOperator().sqlText()
                + ") in "
                + clause
                + "; every row stores its own randomized ciphertext, so the comparison cannot"
                + " match (and a literal would put the plaintext into the SQL text)",
            "Find the rows by another attribute, or load them and compare in Java; for equality"
                + " lookups give the attribute a blind index (a String attribute annotated"
                + " @BlindIndex(of = \""
                + a.attributeName()
                + "\") and its column)");
      }
      (left != null ? predicate.getRightHandExpression() : predicate.getLeftHandExpression())
          .accept(this);
      return null;
    }

    @Override
    public Object visitInListPredicate(SqmInListPredicate<?> predicate) {
      EncryptedPath a = EncryptedPath.of(predicate.getTestExpression());
      if (a == null) {
        return super.visitInListPredicate(predicate);
      }
      if (!isServable(a, predicate)) {
        throw refuse(
            a,
            "is compared (in) in "
                + clause
                + "; every row stores its own randomized ciphertext, so the comparison cannot"
                + " match",
            "Find the rows by another attribute, or load them and compare in Java; for equality"
                + " lookups give the attribute a blind index (a String attribute annotated"
                + " @BlindIndex(of = \""
                + a.attributeName()
                + "\") and its column)");
      }
      for (SqmExpression<?> e : predicate.getListExpressions()) {
        e.accept(this);
      }
      return null;
    }

    @Override
    public Object visitAssignment(SqmAssignment<?> assignment) {
      EncryptedPath a = EncryptedPath.of(assignment.getTargetPath());
      if (a == null) {
        return in("an update assignment", () -> super.visitAssignment(assignment));
      }
      if (!(assignment.getValue() instanceof SqmLiteralNull)) {
        throw refuse(
            a,
            "is assigned by a bulk update; the database would store the value as it is (plaintext,"
                + " or a ciphertext copied from another row or column that no longer decrypts)",
            "Load the entities and change the attribute, so that it is encrypted for its row");
      }
      return null;
    }

    @Override
    public Object visitInsertValuesStatement(SqmInsertValuesStatement<?> statement) {
      List<SqmPath<?>> targets = statement.getInsertionTargetPaths();
      for (int i = 0; i < targets.size(); i++) {
        EncryptedPath a = EncryptedPath.of(targets.get(i));
        if (a == null) {
          continue;
        }
        for (SqmValues values : statement.getValuesList()) {
          if (!(values.getExpressions().get(i) instanceof SqmLiteralNull)) {
            throw refusedInsert(a);
          }
        }
      }
      in(
          "an inserted value",
          () -> {
            for (SqmValues values : statement.getValuesList()) {
              for (SqmExpression<?> e : values.getExpressions()) {
                e.accept(this);
              }
            }
          });
      visitConflict(statement);
      return null;
    }

    @Override
    public Object visitInsertSelectStatement(SqmInsertSelectStatement<?> statement) {
      for (SqmPath<?> target : statement.getInsertionTargetPaths()) {
        EncryptedPath a = EncryptedPath.of(target);
        if (a != null) {
          throw refusedInsert(a);
        }
      }
      statement.getSelectQueryPart().accept(this);
      visitConflict(statement);
      return null;
    }

    private void visitConflict(SqmInsertStatement<?> statement) {
      SqmConflictClause<?> conflict = statement.getConflictClause();
      if (conflict != null) {
        visitConflictClause(conflict);
      }
    }

    private EncryptedAttributeException refusedInsert(EncryptedPath a) {
      return refuse(
          a,
          "is a column of a bulk insert; the database would store the value as it is (plaintext,"
              + " or a ciphertext copied from another row or column that no longer decrypts)",
          "Persist the entities instead, so that the value is encrypted for its row");
    }
  }
}
