package io.github.themis4j.jpa.migration;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.StoredShape;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;

/**
 * Checks, before a migration writes anything, that an attribute's column can hold the encrypted
 * value of every value it holds now: the column's type and length come from JDBC {@link
 * DatabaseMetaData}, the length each value will need from the value itself (its plaintext encoding,
 * the envelope with the key id writes use, base64 for text columns: {@code docs/FORMAT.md},
 * section 6). A column that is too short or of the wrong type fails with a {@link
 * ColumnTooNarrowException} carrying the {@code ALTER TABLE} statement for the database at hand
 * (PostgreSQL, MariaDB/MySQL, H2; a generic one otherwise).
 */
public final class ColumnWidthCheck {
  /** Seal overhead without the key id: envelope (3) and Secure Cell header, IV and tag (44). */
  private static final int SEAL_OVERHEAD = 47;

  private ColumnWidthCheck() {}

  /** What was found. */
  public static final class Result {
    private final int required;
    private final long columnSize;
    private final String typeName;

    Result(int required, long columnSize, String typeName) {
      this.required = required;
      this.columnSize = columnSize;
      this.typeName = typeName;
    }

    /** The length the longest encrypted value needs (bytes, or characters for base64). */
    public int required() {
      return required;
    }

    /** The column's declared size as the driver reports it. */
    public long columnSize() {
      return columnSize;
    }

    /** The column's type name as the driver reports it. */
    public String typeName() {
      return typeName;
    }

    @Override
    public String toString() {
      return "column " + typeName + "(" + columnSize + "), needs " + required;
    }
  }

  /**
   * Scans the attribute's column and checks it against the database's metadata.
   *
   * @throws ColumnTooNarrowException if the column is of the wrong type or too short
   * @throws ThemisException if the column cannot be found or read
   */
  public static Result verify(Connection c, EncryptedAttribute a, EncryptedValueCodec codec) {
    if (c == null || a == null || codec == null) {
      throw new InvalidArgumentException("connection, attribute and codec must not be null");
    }
    try {
      ColumnInfo info = ColumnInfo.find(c.getMetaData(), c, a.table(), a.column());
      int required = longestEncrypted(c, a, codec);
      boolean binary = a.format() == ColumnFormat.BINARY;
      boolean typeOk = binary ? info.isBinary() : info.isText();
      if (!typeOk || (required > 0 && info.size < required)) {
        int width = Math.max(Math.max(required, 1), encryptedSize(a, codec, capacity(a, info)));
        String alter = alterStatement(c.getMetaData(), a, info, width);
        throw new ColumnTooNarrowException(
            "column "
                + a.table()
                + "."
                + a.column()
                + " of "
                + a.entityName()
                + "."
                + a.attributeName()
                + " is "
                + info.typeName
                + "("
                + info.size
                + ") but its encrypted values need "
                + (binary ? "a binary column of at least " : "a text column of at least ")
                + Math.max(required, 1)
                + (binary ? " bytes" : " characters")
                + " for the values stored now, and "
                + width
                + " for the longest value the column holds today (docs/FORMAT.md, section 6);"
                + " nothing was written. Run: "
                + alter,
            alter);
      }
      return new Result(required, info.size, info.typeName);
    } catch (SQLException e) {
      throw new ThemisException(
          "cannot check column " + a.table() + "." + a.column() + ": " + e.getMessage(), e);
    }
  }

  /** The longest stored value the column will hold once every value is encrypted. */
  private static int longestEncrypted(Connection c, EncryptedAttribute a, EncryptedValueCodec codec)
      throws SQLException {
    int keyIdLength = a.writeKeyId(codec).length();
    String idColumn = a.idColumn();
    String sql =
        "select "
            + (idColumn == null ? "" : idColumn + ", ")
            + a.column()
            + " from "
            + a.table()
            + " where "
            + a.column()
            + " is not null";
    int longest = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery(sql)) {
        int col = idColumn == null ? 1 : 2;
        while (rs.next()) {
          Object v = a.format() == ColumnFormat.BINARY ? rs.getBytes(col) : rs.getString(col);
          Object id = idColumn == null ? null : rs.getObject(1);
          longest = Math.max(longest, encryptedLength(a, codec, v, id, keyIdLength));
        }
      }
    }
    return longest;
  }

  private static int encryptedLength(
      EncryptedAttribute a, EncryptedValueCodec codec, Object column, Object id, int keyIdLength) {
    int bytes;
    if (a.shape(column) == StoredShape.ENVELOPE) {
      bytes = a.format().fromColumn(column).length;
    } else {
      Object value;
      try {
        value = a.decrypt(codec, column, null, id);
      } catch (ThemisException e) {
        return 0; // unreadable: the pass reports it, it will not be written
      }
      int n = a.encoding().encodeObject(value).length;
      bytes = Math.max(n, 1) + SEAL_OVERHEAD + keyIdLength;
    }
    return a.format() == ColumnFormat.BINARY ? bytes : 4 * ((bytes + 2) / 3);
  }

  /** The stored size of an encrypted plaintext encoding of {@code n} bytes (0: none). */
  private static int encryptedSize(EncryptedAttribute a, EncryptedValueCodec codec, long n) {
    if (n <= 0) {
      return 0;
    }
    long bytes = Math.max(n, 1) + SEAL_OVERHEAD + a.writeKeyId(codec).length();
    long size = a.format() == ColumnFormat.BINARY ? bytes : 4 * ((bytes + 2) / 3);
    return (int) Math.min(size, Integer.MAX_VALUE);
  }

  /**
   * The longest plaintext encoding a value the column can hold today may have: the fixed width of
   * the attribute's encoding, else from the column's declared size (4 UTF-8 bytes per character,
   * or digits, sign and point of a decimal).
   */
  private static long capacity(EncryptedAttribute a, ColumnInfo info) {
    Class<?> t = a.javaType();
    if (t == Boolean.class || t == Byte.class) {
      return 1;
    } else if (t == Short.class) {
      return 2;
    } else if (t == Integer.class || t == Float.class) {
      return 4;
    } else if (t == Long.class || t == Double.class || t == java.time.LocalDate.class
        || t == java.time.LocalTime.class) {
      return 8;
    } else if (t == java.time.LocalDateTime.class || t == java.time.Instant.class) {
      return 12;
    } else if (t == java.util.UUID.class) {
      return 16;
    }
    if (info.size <= 0 || info.size > 1_000_000) {
      return 0; // unbounded (text, bytea): nothing to go by
    }
    if (info.isText()) {
      return 4 * info.size;
    }
    if (info.dataType == Types.DECIMAL || info.dataType == Types.NUMERIC) {
      return info.size + 2;
    }
    return info.size;
  }

  /** The statement that gives the column the type and width the attribute needs. */
  static String alterStatement(
      DatabaseMetaData md, EncryptedAttribute a, ColumnInfo info, int width) throws SQLException {
    String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
    boolean binary = a.format() == ColumnFormat.BINARY;
    String t = a.table();
    String col = a.column();
    if (product.contains("postgres")) {
      if (binary) {
        String using =
            info.isBinary() ? "" : " USING convert_to(" + col + "::text, 'UTF8')";
        return "ALTER TABLE " + t + " ALTER COLUMN " + col + " TYPE bytea" + using;
      }
      return "ALTER TABLE "
          + t
          + " ALTER COLUMN "
          + col
          + " TYPE varchar("
          + width
          + ")"
          + (info.isText() ? "" : " USING " + col + "::text");
    }
    String type = (binary ? "VARBINARY(" : "VARCHAR(") + width + ")";
    if (product.contains("mariadb") || product.contains("mysql")) {
      return "ALTER TABLE " + t + " MODIFY " + col + " " + type + (info.nullable ? " NULL" : " NOT NULL");
    }
    return "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DATA TYPE " + type;
  }

  /** A column as {@link DatabaseMetaData#getColumns} describes it. */
  static final class ColumnInfo {
    final int dataType;
    final String typeName;
    final long size;
    final boolean nullable;

    private ColumnInfo(int dataType, String typeName, long size, boolean nullable) {
      this.dataType = dataType;
      this.typeName = typeName;
      this.size = size;
      this.nullable = nullable;
    }

    boolean isBinary() {
      return dataType == Types.VARBINARY
          || dataType == Types.LONGVARBINARY
          || dataType == Types.BLOB
          || dataType == Types.BINARY && typeName.toLowerCase(Locale.ROOT).contains("bytea");
    }

    boolean isText() {
      return dataType == Types.VARCHAR
          || dataType == Types.LONGVARCHAR
          || dataType == Types.NVARCHAR
          || dataType == Types.LONGNVARCHAR
          || dataType == Types.CLOB
          || dataType == Types.NCLOB;
    }

    static ColumnInfo find(DatabaseMetaData md, Connection c, String table, String column)
        throws SQLException {
      String[] tables = {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)};
      String[] columns = {column, column.toUpperCase(Locale.ROOT), column.toLowerCase(Locale.ROOT)};
      for (String[] schemaAndCatalog : new String[][] {{c.getSchema(), c.getCatalog()}, {null, c.getCatalog()}}) {
        for (String tn : tables) {
          for (String cn : columns) {
            try (ResultSet rs = md.getColumns(schemaAndCatalog[1], schemaAndCatalog[0], tn, cn)) {
              if (rs.next()) {
                return new ColumnInfo(
                    rs.getInt("DATA_TYPE"),
                    rs.getString("TYPE_NAME"),
                    rs.getLong("COLUMN_SIZE"),
                    rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
              }
            }
          }
        }
      }
      throw new ThemisException(
          "column " + table + "." + column + " not found in the database's metadata");
    }
  }
}
