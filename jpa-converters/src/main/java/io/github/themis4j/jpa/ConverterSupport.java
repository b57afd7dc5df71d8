package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRingProvider;

/**
 * The shared logic of the portable converters: an {@link EncryptedAttribute} with a fixed context.
 */
final class ConverterSupport<T> {
  private final EncryptedAttribute attribute;
  private final EncryptedValueCodec codec;
  private final Class<T> type;

  ConverterSupport(
      String converter,
      Class<T> type,
      KeyRingProvider keys,
      String keyRing,
      String keyId,
      String table,
      String column,
      CellMode mode,
      ColumnFormat format) {
    if (keys == null) {
      throw new InvalidArgumentException("key ring provider must not be null");
    }
    this.type = type;
    this.codec = new EncryptedValueCodec(keys);
    this.attribute =
        EncryptedAttribute.builder()
            .entity(converter)
            .attribute(column == null ? "value" : column, type)
            .mode(mode)
            .key(keyRing, keyId)
            .format(format)
            .column(table, column)
            .boundToId(false)
            .build();
  }

  Object toColumn(T value) {
    return value == null ? null : attribute.encrypt(codec, value, null).value();
  }

  T fromColumn(Object column) {
    return column == null ? null : type.cast(attribute.decrypt(codec, column, null, null));
  }

  static <T> Class<T> boxed(Class<T> type) {
    if (type == null) {
      throw new InvalidArgumentException("type must not be null");
    }
    return ValueEncoding.forType(type).javaType();
  }

  @Override
  public String toString() {
    return attribute.contextTable()
        + "."
        + attribute.contextColumn()
        + " ("
        + attribute.mode()
        + ", ring "
        + attribute.keyRing()
        + ")";
  }
}
