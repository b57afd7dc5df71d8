package io.github.themis4j.demo.patient;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one encrypted attribute of {@link Patient} is stored, read from its {@link Encrypted} and
 * {@link Column} annotations, so that what the page explains is exactly what the mapping does.
 *
 * @param attribute the entity attribute
 * @param column the database column
 * @param mode the Secure Cell mode
 * @param format binary or base64 column
 * @param keyRing the key ring
 * @param pinnedKeyId the key id fixed in the mapping, or null (the ring's active key at write time)
 * @param tokenColumn the token column (Token Protect), or null
 * @param indexColumn the column of the attribute's blind index, or null
 */
public record EncryptedColumn(
    String attribute,
    String column,
    CellMode mode,
    ColumnFormat format,
    String keyRing,
    String pinnedKeyId,
    String tokenColumn,
    String indexColumn) {

  /** The encrypted attributes of {@link Patient}, in declaration order. */
  public static final List<EncryptedColumn> PATIENT = of(Patient.class);

  /**
   * The mode as docs/FORMAT.md names it: {@code seal}, {@code token-protect}, {@code
   * context-imprint}.
   */
  public String modeName() {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static List<EncryptedColumn> of(Class<?> entity) {
    List<EncryptedColumn> columns = new ArrayList<>();
    for (Field f : entity.getDeclaredFields()) {
      Encrypted e = f.getAnnotation(Encrypted.class);
      if (e == null) {
        continue;
      }
      String tokenColumn = null;
      if (!e.tokenAttribute().isEmpty()) {
        tokenColumn = columnName(field(entity, e.tokenAttribute()));
      }
      columns.add(
          new EncryptedColumn(
              f.getName(),
              columnName(f),
              e.mode(),
              e.format(),
              e.keyRing(),
              e.keyId().isEmpty() ? null : e.keyId(),
              tokenColumn,
              indexColumn(entity, f.getName())));
    }
    return List.copyOf(columns);
  }

  private static String indexColumn(Class<?> entity, String attribute) {
    for (Field f : entity.getDeclaredFields()) {
      io.github.themis4j.jpa.index.BlindIndex b =
          f.getAnnotation(io.github.themis4j.jpa.index.BlindIndex.class);
      if (b != null && b.of().equals(attribute)) {
        return columnName(f);
      }
    }
    return null;
  }

  private static Field field(Class<?> entity, String name) {
    try {
      return entity.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(entity.getSimpleName() + " has no attribute " + name, e);
    }
  }

  private static String columnName(Field f) {
    Column c = f.getAnnotation(Column.class);
    if (c == null || c.name().isEmpty()) {
      throw new IllegalStateException(f.getName() + " must name its column explicitly");
    }
    return c.name();
  }
}
