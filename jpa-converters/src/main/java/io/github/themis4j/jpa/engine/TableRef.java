package io.github.themis4j.jpa.engine;

import java.util.Objects;
import org.hibernate.metamodel.mapping.JdbcMapping;

/**
 * A table the engine walks by a single-column key: the entity it belongs to (the most general
 * entity when several share it), its SQL name, its key column, and the identifier's Java type and
 * JDBC mapping (used to bind identifiers exactly as Hibernate does). Immutable.
 */
public final class TableRef {
  private final String entity;
  private final String name;
  private final String keyColumn;
  private final Class<?> idType;
  private final JdbcMapping idMapping;

  public TableRef(
      String entity, String name, String keyColumn, Class<?> idType, JdbcMapping idMapping) {
    this.entity = Objects.requireNonNull(entity, "entity");
    this.name = Objects.requireNonNull(name, "name");
    this.keyColumn = Objects.requireNonNull(keyColumn, "keyColumn");
    this.idType = Objects.requireNonNull(idType, "idType");
    this.idMapping = Objects.requireNonNull(idMapping, "idMapping");
  }

  /** The JPA entity name. */
  public String entity() {
    return entity;
  }

  /** The table, as written in SQL. */
  public String name() {
    return name;
  }

  /** The single key column the table is walked by. */
  public String keyColumn() {
    return keyColumn;
  }

  /** The identifier's Java type ({@code Long}, {@code String}, {@code UUID}...). */
  public Class<?> idType() {
    return idType;
  }

  /** Hibernate's JDBC mapping of the identifier. */
  public JdbcMapping idMapping() {
    return idMapping;
  }

  @Override
  public String toString() {
    return entity + " (" + name + "." + keyColumn + ")";
  }
}
