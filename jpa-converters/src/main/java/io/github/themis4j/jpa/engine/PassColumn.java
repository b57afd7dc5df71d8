package io.github.themis4j.jpa.engine;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.EncryptedAttribute;

/**
 * A column a pass reads (and may write): its SQL name, the Java type it is read and written as
 * ({@code byte[]} or {@code String} for encrypted and most other columns; any type Hibernate can
 * read as a native-query scalar), and, for an encrypted column, the attribute it stores. Plain
 * columns (a legacy plaintext column, a blind-index column) have no attribute. Immutable.
 *
 * <p>Every column a pass reads is compared in the compare-and-set update of a rewritten row, so a
 * pass only writes a row that is still exactly as it saw it.
 */
public final class PassColumn {
  private final String name;
  private final Class<?> javaType;
  private final EncryptedAttribute attribute;

  private PassColumn(String name, Class<?> javaType, EncryptedAttribute attribute) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\"|`[^`]+`")) {
      throw new InvalidArgumentException("column must be a plain SQL name, not " + name);
    }
    if (javaType == null) {
      throw new InvalidArgumentException("the Java type of column " + name + " must not be null");
    }
    this.name = name;
    this.javaType = javaType;
    this.attribute = attribute;
  }

  /** The stored column of an encrypted attribute, read as the attribute's column type. */
  public static PassColumn encrypted(String column, EncryptedAttribute attribute) {
    if (attribute == null) {
      throw new InvalidArgumentException("attribute must not be null");
    }
    return new PassColumn(column, attribute.format().columnJavaType(), attribute);
  }

  /** The token column of a Token Protect attribute (same column type as the value). */
  public static PassColumn token(String column, EncryptedAttribute attribute) {
    return encrypted(column, attribute);
  }

  /** A column holding no encrypted value (plaintext, blind index, flag...). */
  public static PassColumn plain(String column, Class<?> javaType) {
    return new PassColumn(column, javaType, null);
  }

  /** The SQL name. */
  public String name() {
    return name;
  }

  /** The Java type the column is read and written as. */
  public Class<?> javaType() {
    return javaType;
  }

  /** The encrypted attribute stored in this column, or null for a plain column. */
  public EncryptedAttribute attribute() {
    return attribute;
  }

  @Override
  public String toString() {
    return name
        + (attribute == null
            ? ""
            : " (" + attribute.entityName() + "." + attribute.attributeName() + ")");
  }
}
