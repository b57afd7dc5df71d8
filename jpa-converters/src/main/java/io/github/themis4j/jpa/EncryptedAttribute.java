package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import java.util.Objects;

/**
 * One {@link Encrypted} attribute of one entity, as mapped: where its values are stored and how
 * they are encrypted. Converts between attribute values and column values with an {@link
 * EncryptedValueCodec}, which is what a key-rotation or migration job needs to re-encrypt values
 * read over JDBC. Obtain the attributes of a session factory with {@link EncryptedAttributes}.
 *
 * <p>Immutable and thread-safe.
 */
public final class EncryptedAttribute {
  private final String entityName;
  private final String attributeName;
  private final ValueEncoding<?> encoding;
  private final CellMode mode;
  private final String keyRing;
  private final String keyId;
  private final ColumnFormat format;
  private final String table;
  private final String column;
  private final String contextTable;
  private final String contextColumn;
  private final boolean boundToId;
  private final String tokenAttribute;
  private final String tokenColumn;
  private final String idAttribute;
  private final String idColumn;
  private final MigrationState migration;
  private final ForeignCellFormat foreignFormat;

  private EncryptedAttribute(Builder b) {
    this.entityName = require(b.entityName, "entity name");
    this.attributeName = require(b.attributeName, "attribute name");
    if (b.javaType == null) {
      throw new InvalidArgumentException("java type must be set");
    }
    this.encoding = ValueEncoding.forType(b.javaType);
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.keyRing = KeyRing.checkId(b.keyRing, "key ring name");
    this.keyId = b.keyId == null || b.keyId.isEmpty() ? null : KeyRing.checkId(b.keyId, "key id");
    this.format = Objects.requireNonNull(b.format, "format");
    this.table = require(b.table, "table");
    this.column = require(b.column, "column");
    this.contextTable =
        b.contextTable == null || b.contextTable.isEmpty()
            ? CellContext.canonicalName(table)
            : b.contextTable;
    this.contextColumn =
        b.contextColumn == null || b.contextColumn.isEmpty()
            ? CellContext.canonicalName(column)
            : b.contextColumn;
    this.boundToId = b.boundToId;
    if (mode == CellMode.TOKEN_PROTECT) {
      this.tokenAttribute = require(b.tokenAttribute, "token attribute");
      this.tokenColumn = require(b.tokenColumn, "token column");
    } else {
      this.tokenAttribute = null;
      this.tokenColumn = null;
    }
    this.idAttribute = b.idAttribute;
    this.idColumn = b.idColumn;
    this.migration = b.migration == null ? MigrationState.STRICT : b.migration;
    this.foreignFormat = b.foreignFormat;
    if (migration != MigrationState.STRICT && mode != CellMode.SEAL) {
      throw new InvalidArgumentException(
          "migration state " + migration.settingValue() + " needs mode SEAL, not " + mode);
    }
    if (foreignFormat != null && migration != MigrationState.READ_LEGACY) {
      throw new InvalidArgumentException(
          "a foreign cell format is registered but the migration state is " + migration.settingValue()
              + " (foreign cells are read in read-legacy only)");
    }
  }

  /**
   * This attribute with another migration state and foreign cell format (null: none).
   *
   * @throws InvalidArgumentException if the mode is not SEAL (for read-legacy), or a foreign
   *     format is given in strict mode
   */
  public EncryptedAttribute withMigration(MigrationState state, ForeignCellFormat foreign) {
    Builder b = builder();
    b.entityName = entityName;
    b.attributeName = attributeName;
    b.javaType = encoding.javaType();
    b.mode = mode;
    b.keyRing = keyRing;
    b.keyId = keyId;
    b.format = format;
    b.table = table;
    b.column = column;
    b.contextTable = contextTable;
    b.contextColumn = contextColumn;
    b.boundToId = boundToId;
    b.tokenAttribute = tokenAttribute;
    b.tokenColumn = tokenColumn;
    b.idAttribute = idAttribute;
    b.idColumn = idColumn;
    b.migration = state;
    b.foreignFormat = foreign;
    return b.build();
  }

  /** The migration state (strict unless configured otherwise). */
  public MigrationState migration() {
    return migration;
  }

  /** The format of cells written by another Themis application, or null. */
  public ForeignCellFormat foreignFormat() {
    return foreignFormat;
  }

  /**
   * The shape of a non-null column value: always {@link StoredShape#ENVELOPE} in strict mode (any
   * value must then be a themis4j value), else decided from the bytes ({@link
   * EncryptedValueCodec#shapeOf}).
   */
  public StoredShape shape(Object columnValue) {
    if (migration == MigrationState.STRICT) {
      return StoredShape.ENVELOPE;
    }
    return EncryptedValueCodec.shapeOf(format, columnValue);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JPA entity name ({@code @Entity(name)}, by default the unqualified class name). */
  public String entityName() {
    return entityName;
  }

  public String attributeName() {
    return attributeName;
  }

  /** The attribute's Java type (a wrapper for primitives). */
  public Class<?> javaType() {
    return encoding.javaType();
  }

  public ValueEncoding<?> encoding() {
    return encoding;
  }

  public CellMode mode() {
    return mode;
  }

  public String keyRing() {
    return keyRing;
  }

  /** The pinned key id, or null when writes use the ring's active key. */
  public String keyId() {
    return keyId;
  }

  public ColumnFormat format() {
    return format;
  }

  /** The mapped (physical) table name, as Hibernate renders it. */
  public String table() {
    return table;
  }

  /** The mapped (physical) column name. */
  public String column() {
    return column;
  }

  /** The table name used in the encryption context. */
  public String contextTable() {
    return contextTable;
  }

  /** The column name used in the encryption context. */
  public String contextColumn() {
    return contextColumn;
  }

  /** Whether the entity identifier is part of the encryption context. */
  public boolean isBoundToId() {
    return boundToId;
  }

  /** Token Protect: the attribute holding the token, else null. */
  public String tokenAttribute() {
    return tokenAttribute;
  }

  /** Token Protect: the token column, else null. */
  public String tokenColumn() {
    return tokenColumn;
  }

  /** The identifier attribute name, or null if unknown. */
  public String idAttribute() {
    return idAttribute;
  }

  /** The identifier column name, or null if unknown. */
  public String idColumn() {
    return idColumn;
  }

  /**
   * The encryption context of this attribute's value in the row with identifier {@code id}
   * (ignored, and may be null, when the attribute is not bound to the identifier).
   */
  public CellContext context(Object id) {
    if (!boundToId) {
      return CellContext.unbound(contextTable, contextColumn);
    }
    if (id == null) {
      throw new InvalidArgumentException(
          "the identifier of "
              + entityName
              + " is not known yet, but "
              + attributeName
              + " is bound to it");
    }
    return CellContext.of(contextTable, contextColumn, id);
  }

  /** The key id a write would use now: the pinned one, else the ring's active key. */
  public String writeKeyId(EncryptedValueCodec codec) {
    return keyId != null ? keyId : codec.keyRingProvider().keyRing(keyRing).activeKeyId();
  }

  /**
   * Encrypts an attribute value of the row with identifier {@code id}.
   *
   * @param value a non-null value of {@link #javaType()}
   * @return the column values to store
   */
  public Columns encrypt(EncryptedValueCodec codec, Object value, Object id) {
    if (value == null) {
      throw new InvalidArgumentException("value must not be null (null is stored as SQL NULL)");
    }
    byte[] plain = encoding.encodeObject(value);
    CellContext ctx = context(id);
    String kid = writeKeyId(codec);
    switch (mode) {
      case SEAL:
        return new Columns(format.toColumn(codec.seal(keyRing, kid, ctx, plain)), null, kid);
      case TOKEN_PROTECT:
        TokenProtectedValue t = codec.tokenProtect(keyRing, kid, ctx, plain);
        return new Columns(format.toColumn(t.data()), format.toColumn(t.token()), kid);
      default:
        return new Columns(format.toColumn(codec.imprint(keyRing, kid, ctx, plain)), null, kid);
    }
  }

  /**
   * Decrypts the column values of the row with identifier {@code id}.
   *
   * @param columnValue the attribute's column ({@code byte[]} or base64 {@code String}); null gives
   *     null
   * @param tokenValue Token Protect: the token column, else ignored
   * @return the attribute value
   */
  public Object decrypt(
      EncryptedValueCodec codec, Object columnValue, Object tokenValue, Object id) {
    if (columnValue == null) {
      return null;
    }
    switch (shape(columnValue)) {
      case PLAINTEXT:
        return LegacyPlaintext.read(encoding, format, columnValue);
      case FOREIGN_CELL:
        if (foreignFormat == null) {
          throw new io.github.themis4j.MalformedDataException(
              "the stored value is a Themis Secure Cell without a themis4j envelope (written by"
                  + " another Themis application?) and no foreign cell format is registered for"
                  + " it");
        }
        return LegacyPlaintext.readForeign(
            encoding, foreignFormat.decrypt(format.fromColumn(columnValue), id));
      default:
        break;
    }
    byte[] stored = format.fromColumn(columnValue);
    CellContext ctx = context(id);
    byte[] plain;
    switch (mode) {
      case SEAL:
        plain = codec.unseal(keyRing, ctx, stored);
        break;
      case TOKEN_PROTECT:
        plain =
            codec.untokenProtect(
                keyRing, ctx, stored, tokenValue == null ? null : format.fromColumn(tokenValue));
        break;
      default:
        plain = codec.unimprint(keyRing, keyId, ctx, stored);
        break;
    }
    return plain.length == 0 && encoding.canBeEmpty() ? encoding.emptyValue() : decode(plain);
  }

  private Object decode(byte[] plain) {
    if (plain.length == 0) {
      throw new io.github.themis4j.MalformedDataException(
          "stored value is empty, which a " + encoding.name() + " value cannot be");
    }
    return encoding.decode(plain);
  }

  /**
   * The key id recorded with a stored value (Seal: in the column, Token Protect: in the token), or
   * for Context Imprint the key id reads use now. Does not decrypt.
   */
  public String storedKeyId(EncryptedValueCodec codec, Object columnValue, Object tokenValue) {
    if (columnValue != null && shape(columnValue) != StoredShape.ENVELOPE) {
      return null; // a legacy value: no key id
    }
    switch (mode) {
      case SEAL:
        return EncryptedValueCodec.storedKeyId(format.fromColumn(columnValue));
      case TOKEN_PROTECT:
        return EncryptedValueCodec.storedKeyId(format.fromColumn(tokenValue));
      default:
        return writeKeyId(codec);
    }
  }

  @Override
  public String toString() {
    return "EncryptedAttribute["
        + entityName
        + "."
        + attributeName
        + ", "
        + mode
        + ", ring "
        + keyRing
        + ", "
        + format
        + ", "
        + table
        + "."
        + column
        + (boundToId ? ", bound to id" : "")
        + (migration == MigrationState.STRICT ? "" : ", " + migration.settingValue())
        + "]";
  }

  private static String require(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new InvalidArgumentException(what + " must be set");
    }
    return s;
  }

  /** The column values of one encrypted attribute value. */
  public static final class Columns {
    private final Object value;
    private final Object token;
    private final String keyId;

    Columns(Object value, Object token, String keyId) {
      this.value = value;
      this.token = token;
      this.keyId = keyId;
    }

    /** For the attribute's column: {@code byte[]} or base64 {@code String}. */
    public Object value() {
      return value;
    }

    /** For the token column (Token Protect), else null. */
    public Object token() {
      return token;
    }

    /** The key id used. */
    public String keyId() {
      return keyId;
    }

    @Override
    public String toString() {
      return "Columns[key " + keyId + "]";
    }
  }

  /** Builds an {@link EncryptedAttribute}. Not thread-safe. */
  public static final class Builder {
    private String entityName;
    private String attributeName;
    private Class<?> javaType;
    private CellMode mode = CellMode.SEAL;
    private String keyRing = Encrypted.DEFAULT_KEY_RING;
    private String keyId;
    private ColumnFormat format = ColumnFormat.BINARY;
    private String table;
    private String column;
    private String contextTable;
    private String contextColumn;
    private boolean boundToId = true;
    private String tokenAttribute;
    private String tokenColumn;
    private String idAttribute;
    private String idColumn;
    private MigrationState migration = MigrationState.STRICT;
    private ForeignCellFormat foreignFormat;

    private Builder() {}

    public Builder entity(String entityName) {
      this.entityName = entityName;
      return this;
    }

    public Builder attribute(String attributeName, Class<?> javaType) {
      this.attributeName = attributeName;
      this.javaType = javaType;
      return this;
    }

    public Builder mode(CellMode mode) {
      this.mode = mode;
      return this;
    }

    /** Key ring name and pinned key id (null or empty: the active key). */
    public Builder key(String keyRing, String keyId) {
      this.keyRing = keyRing;
      this.keyId = keyId;
      return this;
    }

    public Builder format(ColumnFormat format) {
      this.format = format;
      return this;
    }

    /** The mapped table and column. */
    public Builder column(String table, String column) {
      this.table = table;
      this.column = column;
      return this;
    }

    /**
     * Names for the context instead of the canonical mapped ones (null or empty: the mapped ones).
     */
    public Builder contextNames(String contextTable, String contextColumn) {
      this.contextTable = contextTable;
      this.contextColumn = contextColumn;
      return this;
    }

    public Builder boundToId(boolean boundToId) {
      this.boundToId = boundToId;
      return this;
    }

    public Builder token(String tokenAttribute, String tokenColumn) {
      this.tokenAttribute = tokenAttribute;
      this.tokenColumn = tokenColumn;
      return this;
    }

    public Builder id(String idAttribute, String idColumn) {
      this.idAttribute = idAttribute;
      this.idColumn = idColumn;
      return this;
    }

    /** The migration state, and the format of foreign cells (null: none; read-legacy only). */
    public Builder migration(MigrationState state, ForeignCellFormat foreign) {
      this.migration = state;
      this.foreignFormat = foreign;
      return this;
    }

    public EncryptedAttribute build() {
      return new EncryptedAttribute(this);
    }
  }
}
