package io.github.themis4j.jpa;

import io.github.themis4j.MalformedDataException;
import java.util.Base64;

/** How stored bytes are represented in the database column. */
public enum ColumnFormat {
  /**
   * The stored bytes as they are, in a binary column ({@code VARBINARY}, {@code BYTEA}, {@code
   * BLOB}).
   */
  BINARY,

  /**
   * The stored bytes in standard base64 with padding (RFC 4648 section 4), in a text column ({@code
   * VARCHAR}, {@code TEXT}). About a third longer than {@link #BINARY}.
   */
  BASE64;

  /**
   * The column representation of {@code stored}: the same array for BINARY, a string for BASE64.
   */
  public Object toColumn(byte[] stored) {
    return this == BINARY ? stored : Base64.getEncoder().encodeToString(stored);
  }

  /**
   * The stored bytes of a column value read from the database.
   *
   * @throws MalformedDataException if the value has the wrong Java type or is not valid base64
   */
  public byte[] fromColumn(Object column) {
    if (this == BINARY) {
      if (column instanceof byte[]) {
        return (byte[]) column;
      }
      throw new MalformedDataException("a binary encrypted column holds a " + typeName(column));
    }
    if (!(column instanceof String)) {
      throw new MalformedDataException("a base64 encrypted column holds a " + typeName(column));
    }
    try {
      return Base64.getDecoder().decode((String) column);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("the column value is not valid base64");
    }
  }

  /** The Java type of column values in this format: {@code byte[]} or {@code String}. */
  public Class<?> columnJavaType() {
    return this == BINARY ? byte[].class : String.class;
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getSimpleName();
  }
}
