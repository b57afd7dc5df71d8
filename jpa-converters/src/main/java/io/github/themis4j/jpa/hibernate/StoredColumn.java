package io.github.themis4j.jpa.hibernate;

/**
 * An encrypted column value as read from the database, before the pre-load event decrypts it with
 * the row's identifier. Only seen by application code that selects an encrypted attribute on its
 * own (a scalar projection), which cannot be decrypted: select the entity instead.
 */
final class StoredColumn {
  final Object column;
  final AttributeSpec spec;

  StoredColumn(Object column, AttributeSpec spec) {
    this.column = column;
    this.spec = spec;
  }

  @Override
  public String toString() {
    return "[encrypted value of "
        + spec.where()
        + ": cannot be decrypted in a projection, select the entity instead]";
  }
}
