package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
    } else if (!isValidKeyId(keyId)) {
      KeyRing.checkId(keyId, "key id"); // throws the key ring's own exception
    }
    // One array of the exact size, written in place: the constant first three fields come
    // precomputed, the others are copied char by char when they are ASCII (the usual case).
    byte[] prefix = PREFIXES[mode.ordinal() * 2 + (empty ? 1 : 0)];
    int keyIdLength = utf8Length(keyId);
    int tableLength = utf8Length(table);
    int columnLength = utf8Length(column);
    int idTypeLength = utf8Length(idType);
    int idTextLength = utf8Length(idText);
    byte[] out =
        new byte
            [prefix.length
                + 5 * 4
                + keyIdLength
                + tableLength
                + columnLength
                + idTypeLength
                + idTextLength];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    int pos = prefix.length;
    pos = field(out, pos, keyId, keyIdLength);
    pos = field(out, pos, table, tableLength);
    pos = field(out, pos, column, columnLength);
    pos = field(out, pos, idType, idTypeLength);
    field(out, pos, idText, idTextLength);
    return out;
  }

  /** LP(LABEL) || LP(mode) || LP(kind) for each mode (by ordinal) and kind (value, empty). */
  private static final byte[][] PREFIXES = prefixes();

  private static byte[][] prefixes() {
    CellMode[] modes = CellMode.values();
    byte[][] p = new byte[modes.length * 2][];
    for (CellMode m : modes) {
      for (int kind = 0; kind < 2; kind++) {
        String[] fields = {LABEL, m.contextName(), kind == 1 ? "empty" : "value"};
        int n = 0;
        for (String f : fields) {
          n += 4 + utf8Length(f);
        }
        byte[] b = new byte[n];
        int pos = 0;
        for (String f : fields) {
          pos = field(b, pos, f, utf8Length(f));
        }
        p[m.ordinal() * 2 + kind] = b;
      }
    }
    return p;
  }

  /** Writes LP(s) at {@code pos}, given the UTF-8 length of {@code s}; returns the new position. */
  private static int field(byte[] out, int pos, String s, int utf8Length) {
    out[pos] = (byte) (utf8Length >>> 24);
    out[pos + 1] = (byte) (utf8Length >>> 16);
    out[pos + 2] = (byte) (utf8Length >>> 8);
    out[pos + 3] = (byte) utf8Length;
    pos += 4;
    int n = s.length();
    if (utf8Length == n) { // ASCII: one byte per char
      for (int i = 0; i < n; i++) {
        out[pos + i] = (byte) s.charAt(i);
      }
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8); // well-formed: checked by utf8Length
      System.arraycopy(b, 0, out, pos, b.length);
    }
    return pos + utf8Length;
  }

  /**
   * The length of the UTF-8 encoding of {@code s}.
   *
   * @throws InvalidArgumentException if {@code s} has an unpaired surrogate
   */
  private static int utf8Length(String s) {
    int n = s.length();
    int len = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          len += 1;
        } else if (!Character.isSurrogate(c)) {
          len += 2;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          len += 2; // 4 bytes for the pair's two chars
          i++;
        } else {
          throw new InvalidArgumentException(
              "context field is not valid Unicode (unpaired surrogate)");
        }
      }
    }
    return len;
  }

  /** The rule of {@link KeyRing#checkId}, [A-Za-z0-9._-]{1,64}, without a regular expression. */
  private static boolean isValidKeyId(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String name(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new InvalidArgumentException(what + " name must not be null or empty");
    }
    ValueEncoding.requireWellFormed(s, what + " name"); // reject unpaired surrogates early
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
