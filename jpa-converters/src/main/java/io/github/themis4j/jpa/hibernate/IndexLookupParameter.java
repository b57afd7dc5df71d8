package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexException;
import io.github.themis4j.jpa.index.BlindIndexQueries;
import io.github.themis4j.jpa.index.BlindIndexes;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * A JDBC parameter that binds the blind index of a plaintext query argument instead of the
 * argument: {@code slot} 0 is the value under the index ring's active key, slot 1 the value under
 * the other key while a rotation of the index key runs (the active key's value again otherwise).
 * The argument is read at every execution from the binding of the query parameter it replaces, so
 * cached query plans stay correct across arguments and key rotations.
 */
final class IndexLookupParameter extends AbstractJdbcParameter {
  private final BlindIndexDefinition index;
  private final BlindIndexes indexes;
  private final Function<JdbcParameterBindings, Object> argument;
  private final int slot;

  IndexLookupParameter(
      JdbcMapping mapping,
      BlindIndexDefinition index,
      BlindIndexes indexes,
      Function<JdbcParameterBindings, Object> argument,
      int slot) {
    super(mapping);
    this.index = index;
    this.indexes = indexes;
    this.argument = argument;
    this.slot = slot;
  }

  @Override
  public void bindParameterValue(
      PreparedStatement statement,
      int startPosition,
      JdbcParameterBindings bindings,
      ExecutionContext executionContext)
      throws SQLException {
    if (!index.isExact() && !BlindIndexQueries.isFiltering()) {
      String source = index.entityName() + "." + index.sources().get(0);
      throw new BlindIndexException(
          source,
          "equality query on "
              + source
              + ": its blind index "
              + index.where()
              + " is truncated to "
              + index.bits()
              + " bits and returns false positives, so the query would return rows that do not"
              + " match; use BlindIndexQueries.findAll(em, "
              + index.entityName()
              + ".class, \""
              + index.sources().get(0)
              + "\", value), which filters the candidates after decryption (in a Spring Data"
              + " repository, as a default method), or use an exact index (bits = 256)");
    }
    Object plain = argument.apply(bindings);
    List<String> values = plain == null ? List.of() : indexes.lookupValues(index, plain);
    if (values.isEmpty()) {
      statement.setNull(startPosition, Types.VARCHAR);
    } else {
      statement.setString(startPosition, values.get(Math.min(slot, values.size() - 1)));
    }
  }

  @Override
  public String toString() {
    return "IndexLookupParameter[" + index.where() + ", slot " + slot + "]";
  }
}
