package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an encrypted value lives: table, column and (optionally) entity identifier. Its {@link
 * #toBytes} form is the Secure Cell context, specified in {@code docs/FORMAT.md} ("Encryption
 * context"):
 *
 * <pre>
 * context = LP("themis4j-jpa/1") || LP(mode) || LP(kind) || LP(keyId)
 *        || LP(table) || LP(column) || LP(idType) || LP(idText)
 * LP(s)   = uint32 big-endian byte length of UTF-8(s) || UTF-8(s)
 * mode    = "seal" | "token-protect" | "context-imprint"
 * kind    = "value" | "empty"
 * keyId   = the stored key id ("" for Context Imprint)
 * idType  = "integer" (decimal text) | "string" (as is) | "uuid" (lower-case 8-4-4-4-12 hex)
 *         | "none" (idText "")
 * </pre>
 *
 * <p>Table and column are used exactly as given here; the Hibernate integration passes the mapped
 * names with ASCII letters lower-cased (see {@link #canonicalName}). Immutable and thread-safe.
 */
public final class CellContext {
  /** The first field of every context: the label and layout version. */
  public static final String LABEL = "themis4j-jpa/1";

  private final String table;
  private final String column;
  private final String idType;
  private final String idText;

  private CellContext(String table, String column, String idType, String idText) {
    this.table = table;
    this.column = column;
    this.idType = idType;
    this.idText = idText;
  }

  /**
   * A context bound to a row.
   *
   * @param id the entity identifier: {@code Long}, {@code Integer}, {@code Short}, {@code Byte},
   *     {@code BigInteger}, {@code String} or {@code UUID}
   * @throws InvalidArgumentException if a name is null or empty, or the id is null or of another
   *     type
   */
  public static CellContext of(String table, String column, Object id) {
    if (id == null) {
      throw new InvalidArgumentException("entity identifier must not be null (use unbound())");
    }
    String type = idType(id.getClass());
    if (type == null) {
      throw new InvalidArgumentException(
          "identifier type "
              + id.getClass().getName()
              + " cannot be part of an encryption context");
    }
    String text = id instanceof UUID ? id.toString().toLowerCase(Locale.ROOT) : id.toString();
    return new CellContext(name(table, "table"), name(column, "column"), type, text);
  }

  /**
   * A context bound to table and column only, as used by the converters and by {@code bindToId =
   * false}.
   */
  public static CellContext unbound(String table, String column) {
    return new CellContext(name(table, "table"), name(column, "column"), "none", "");
  }

  /**
   * The context's id type for identifiers of this class, or null if such identifiers are not
   * supported: {@code "integer"}, {@code "string"} or {@code "uuid"}.
   */
  public static String idType(Class<?> idClass) {
    if (idClass == Long.class
        || idClass == Integer.class
        || idClass == Short.class
        || idClass == Byte.class
        || idClass == BigInteger.class
        || idClass == long.class
        || idClass == int.class
        || idClass == short.class
        || idClass == byte.class) {
      return "integer";
    } else if (idClass == String.class) {
      return "string";
    } else if (idClass == UUID.class) {
      return "uuid";
    }
    return null;
  }

  /**
   * The canonical form of a mapped table or column name: surrounding quotes ({@code "}, {@code `},
   * {@code []}) removed and ASCII letters {@code A-Z} lower-cased; every other character kept.
   */
  public static String canonicalName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name;
    if (n.length() >= 2
        && ((n.startsWith("\"") && n.endsWith("\""))
            || (n.startsWith("`") && n.endsWith("`"))
            || (n.startsWith("[") && n.endsWith("]")))) {
      n = n.substring(1, n.length() - 1);
    }
    StringBuilder b = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return b.toString();
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  /** {@code "integer"}, {@code "string"}, {@code "uuid"} or {@code "none"}. */
  public String idType() {
    return idType;
  }

  /** The identifier as written into the context ({@code ""} when unbound). */
  public String idText() {
    return idText;
  }

  public boolean isBoundToId() {
    return !idType.equals("none");
  }

  /**
   * The Secure Cell context bytes for a value stored in {@code mode}.
   *
   * @param empty whether the stored value is the empty-value marker
   * @param keyId the key id recorded with the value; {@code ""} for Context Imprint
   */
  public byte[] toBytes(CellMode mode, boolean empty, String keyId) {
    Objects.requireNonNull(mode, "mode");
    if (mode == CellMode.CONTEXT_IMPRINT) {
      if (!keyId.isEmpty() || empty) {
        throw new InvalidArgumentException(
            "Context Imprint contexts have no key id and no empty kind");
      }
    } else {
      KeyRing.checkId(keyId, "key id");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + table.length() + column.length());
    field(out, LABEL);
    field(out, mode.contextName());
    field(out, empty ? "empty" : "value");
    field(out, keyId);
    field(out, table);
    field(out, column);
    field(out, idType);
    field(out, idText);
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String s) {
    byte[] b = ValueEncoding.encodeUtf8(s, "context field");
    out.write(b.length >>> 24);
    out.write(b.length >>> 16);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.write(b, 0, b.length);
  }

  private static String name(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new InvalidArgumentException(what + " name must not be null or empty");
    }
    ValueEncoding.encodeUtf8(s, what + " name"); // reject unpaired surrogates early
    return s;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CellContext)) {
      return false;
    }
    CellContext c = (CellContext) o;
    return table.equals(c.table)
        && column.equals(c.column)
        && idType.equals(c.idType)
        && idText.equals(c.idText);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, column, idType, idText);
  }

  @Override
  public String toString() {
    return "CellContext["
        + table
        + "."
        + column
        + ", "
        + idType
        + (isBoundToId() ? " " + idText : "")
        + "]";
  }
}
