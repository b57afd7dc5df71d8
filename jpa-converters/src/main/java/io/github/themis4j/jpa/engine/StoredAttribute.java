package io.github.themis4j.jpa.engine;

import io.github.themis4j.jpa.EncryptedAttribute;

/**
 * Where an encrypted attribute is stored, from Hibernate's mapping model: the table (walkable by a
 * single-column key), the value column and, for Token Protect, the token column. An attribute
 * shared by several entities (single-table or joined inheritance) appears once, under the most
 * general entity; a table-per-class hierarchy once per concrete table. Attributes that cannot be
 * walked have a {@link #skipReason()}. Immutable.
 */
public final class StoredAttribute {
  private final EncryptedAttribute attribute;
  private final TableRef table;
  private final String tableName;
  private final String column;
  private final String tokenColumn;
  private final String skipReason;

  StoredAttribute(
      EncryptedAttribute attribute,
      TableRef table,
      String tableName,
      String column,
      String tokenColumn,
      String skipReason) {
    this.attribute = attribute;
    this.table = table;
    this.tableName = tableName;
    this.column = column;
    this.tokenColumn = tokenColumn;
    this.skipReason = skipReason;
  }

  public EncryptedAttribute attribute() {
    return attribute;
  }

  /** The table to walk, or null if {@link #skipReason()} is set. */
  public TableRef table() {
    return table;
  }

  /** The table's SQL name (also when it cannot be walked), or null if unknown. */
  public String tableName() {
    return tableName;
  }

  /** The SQL column holding the value. */
  public String column() {
    return column;
  }

  /** The SQL token column of a Token Protect attribute, else null. */
  public String tokenColumn() {
    return tokenColumn;
  }

  /** Why the attribute cannot be walked, or null if it can. */
  public String skipReason() {
    return skipReason;
  }

  @Override
  public String toString() {
    return attribute.entityName()
        + "."
        + attribute.attributeName()
        + " in "
        + tableName
        + "."
        + column
        + (skipReason == null ? "" : " (skipped: " + skipReason + ")");
  }
}
