package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service provider through which an application tells themis4j how the existing cells of its
 * attributes were made by another Themis application. Set an instance (or a class name) as {@link
 * ThemisJpaSettings#FOREIGN_CELLS}; the Spring starter uses a {@code ForeignCells} bean.
 *
 * <pre>{@code
 * ForeignCells foreign = ForeignCells.builder()
 *     .attribute("Customer", "email",
 *         ForeignCellFormat.sealWithKey(oldKey, ForeignContext.prefixed("user-")))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ForeignCells {
  /**
   * The format of foreign cells of {@code entity.attribute} (JPA entity name, attribute name), or
   * null if the attribute has none.
   */
  ForeignCellFormat formatFor(String entity, String attribute);

  /** A registry built attribute by attribute. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a fixed {@link ForeignCells}. Not thread-safe; the result is. */
  final class Builder {
    private final Map<String, ForeignCellFormat> formats = new LinkedHashMap<>();

    private Builder() {}

    /** Registers the format of {@code entity.attribute}. */
    public Builder attribute(String entity, String attribute, ForeignCellFormat format) {
      if (entity == null || attribute == null || format == null) {
        throw new InvalidArgumentException("entity, attribute and format must not be null");
      }
      formats.put(entity + "." + attribute, format);
      return this;
    }

    public ForeignCells build() {
      Map<String, ForeignCellFormat> copy = Map.copyOf(formats);
      return (entity, attribute) -> copy.get(entity + "." + attribute);
    }
  }
}
