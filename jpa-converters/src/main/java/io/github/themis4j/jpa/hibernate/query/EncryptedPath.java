package io.github.themis4j.jpa.hibernate.query;

import io.github.themis4j.jpa.hibernate.EncryptedUserType;
import org.hibernate.query.sqm.SqmPathSource;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.type.CustomType;

/**
 * A reference, in a query, to an {@link io.github.themis4j.jpa.Encrypted} attribute: the SQM path
 * node and the attribute's type (which names its entity and attribute). Immutable.
 */
public final class EncryptedPath {
  private final SqmPath<?> path;
  private final EncryptedUserType type;

  private EncryptedPath(SqmPath<?> path, EncryptedUserType type) {
    this.path = path;
    this.type = type;
  }

  /** The encrypted attribute {@code expression} refers to directly, or null if it is not one. */
  public static EncryptedPath of(SqmExpression<?> expression) {
    if (!(expression instanceof SqmPath)) {
      return null;
    }
    SqmPath<?> path = (SqmPath<?>) expression;
    EncryptedUserType t = encryptedType(path.getReferencedPathSource());
    if (t == null) {
      t = encryptedType(path.getNodeType());
    }
    return t == null ? null : new EncryptedPath(path, t);
  }

  private static EncryptedUserType encryptedType(Object type) {
    if (type instanceof SqmPathSource) {
      type = ((SqmPathSource<?>) type).getPathType();
    }
    if (type instanceof CustomType
        && ((CustomType<?>) type).getUserType() instanceof EncryptedUserType) {
      return (EncryptedUserType) ((CustomType<?>) type).getUserType();
    }
    return null;
  }

  /** The path node in the query tree. */
  public SqmPath<?> path() {
    return path;
  }

  /** The entity (JPA name) that declares the attribute. */
  public String entityName() {
    return type.entityName();
  }

  /** The attribute name. */
  public String attributeName() {
    return type.attributeName();
  }

  /** {@code Entity.attribute}, for messages. */
  public String where() {
    return entityName() + "." + attributeName();
  }

  @Override
  public String toString() {
    return "EncryptedPath[" + where() + "]";
  }
}
