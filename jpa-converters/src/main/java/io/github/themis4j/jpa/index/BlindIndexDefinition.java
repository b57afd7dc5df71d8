package io.github.themis4j.jpa.index;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.ValueEncoding;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keys.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One blind index as mapped: which attributes it hashes, how, under which key ring, and where the
 * index is stored. Computes stored index values exactly as {@code docs/FORMAT.md} defines them:
 *
 * <pre>
 * key   = HKDF-SHA-256(ikm = ring key, salt = none,
 *                      info = "themis4j/bidx/v1" ‖ lp(table) ‖ lp(column) ‖ lp(index name))
 * bytes = encoding(normalize(value))                       (one attribute)
 *       | be32(n) ‖ (0x00 | 0x01 ‖ lp(encoding(normalize(part))))*   (compound)
 * value = key id ‖ ":" ‖ base64url-no-padding(HMAC-SHA-256(key, bytes) truncated to bits)
 * </pre>
 *
 * <p>Immutable apart from a cache of derived keys; thread-safe.
 */
public final class BlindIndexDefinition {
  /** Indexes of at least this many bits are exact: collisions are negligible. */
  public static final int EXACT_BITS = 128;

  /** The largest number of keys a blind-index ring may hold (the active one and a retiring one). */
  public static final int MAX_KEYS = 2;

  private final String entityName;
  private final String indexAttribute;
  private final String indexName;
  private final String table;
  private final String column;
  private final String contextTable;
  private final String contextColumn;
  private final List<String> sources;
  private final List<ValueEncoding<?>> encodings;
  private final Normalizers normalizers;
  private final int bits;
  private final String keyRing;
  private final boolean compound;
  private final Map<String, Derived> derived = new ConcurrentHashMap<>();

  private BlindIndexDefinition(Builder b) {
    this.entityName = require(b.entityName, "entity name");
    this.indexAttribute = require(b.indexAttribute, "index attribute");
    this.indexName = b.indexName == null || b.indexName.isEmpty() ? indexAttribute : b.indexName;
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
    if (b.sources.isEmpty()) {
      throw new InvalidArgumentException("a blind index needs at least one source attribute");
    }
    this.sources = List.copyOf(b.sources);
    List<ValueEncoding<?>> enc = new ArrayList<>();
    for (Class<?> t : b.types) {
      if (!ValueEncoding.isSupported(t)) {
        throw new InvalidArgumentException(
            "type " + t.getName() + " cannot be indexed; supported: " + ValueEncoding.supportedTypes());
      }
      enc.add(ValueEncoding.forType(t));
    }
    this.encodings = List.copyOf(enc);
    this.normalizers = Normalizers.of(b.normalize.toArray(new String[0]));
    if (!normalizers.isEmpty()) {
      for (int i = 0; i < encodings.size(); i++) {
        if (encodings.get(i).javaType() != String.class && !b.compound) {
          throw new InvalidArgumentException(
              "normalizers apply to String attributes only, and "
                  + sources.get(i)
                  + " is a "
                  + encodings.get(i).javaType().getSimpleName());
        }
      }
    }
    if (b.bits < 1 || b.bits > 256) {
      throw new InvalidArgumentException("bits must be from 1 to 256, not " + b.bits);
    }
    this.bits = b.bits;
    this.keyRing = KeyRing.checkId(b.keyRing, "key ring name");
    this.compound = b.compound;
    if (compound && sources.size() < 2) {
      throw new InvalidArgumentException("a compound blind index needs two or more attributes");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JPA entity name. */
  public String entityName() {
    return entityName;
  }

  /** The attribute holding the index. */
  public String indexAttribute() {
    return indexAttribute;
  }

  /** The index name used in the key derivation. */
  public String indexName() {
    return indexName;
  }

  /** The mapped table. */
  public String table() {
    return table;
  }

  /** The mapped index column. */
  public String column() {
    return column;
  }

  /** The table name used in the key derivation. */
  public String contextTable() {
    return contextTable;
  }

  /** The column name used in the key derivation. */
  public String contextColumn() {
    return contextColumn;
  }

  /** The indexed attributes, in hashing order. */
  public List<String> sources() {
    return sources;
  }

  /** The Java types of the indexed attributes. */
  public List<Class<?>> sourceTypes() {
    List<Class<?>> t = new ArrayList<>();
    for (ValueEncoding<?> e : encodings) {
      t.add(e.javaType());
    }
    return t;
  }

  public Normalizers normalizers() {
    return normalizers;
  }

  public int bits() {
    return bits;
  }

  /** Whether the index is exact ({@value #EXACT_BITS} bits or more): no false positives to filter. */
  public boolean isExact() {
    return bits >= EXACT_BITS;
  }

  public String keyRing() {
    return keyRing;
  }

  public boolean isCompound() {
    return compound;
  }

  /** {@code Entity.indexAttribute}, for messages. */
  public String where() {
    return entityName + "." + indexAttribute;
  }

  // ---- computation ----------------------------------------------------------------------------

  /**
   * The bytes that are hashed for these source values (in {@link #sources()} order), or null when
   * no index is stored (the single source is null, or every part of a compound is null).
   */
  public byte[] canonicalBytes(Object... values) {
    if (values.length != sources.size()) {
      throw new InvalidArgumentException(
          "blind index "
              + where()
              + " hashes "
              + sources.size()
              + " attribute(s) "
              + sources
              + ", not "
              + values.length);
    }
    if (!compound) {
      return values[0] == null ? null : part(0, values[0]);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int n = values.length;
    b.write(n >>> 24);
    b.write(n >>> 16);
    b.write(n >>> 8);
    b.write(n);
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (values[i] == null) {
        b.write(0);
      } else {
        any = true;
        b.write(1);
        IndexKeyDerivation.lengthPrefixed(b, part(i, values[i]));
      }
    }
    return any ? b.toByteArray() : null;
  }

  private byte[] part(int i, Object value) {
    ValueEncoding<?> e = encodings.get(i);
    Object v = value;
    if (v instanceof String && !normalizers.isEmpty()) {
      v = normalizers.apply((String) v);
    }
    if (!e.javaType().isInstance(v)) {
      throw new InvalidArgumentException(
          "blind index "
              + where()
              + ": attribute "
              + sources.get(i)
              + " is a "
              + e.javaType().getSimpleName()
              + ", not a "
              + v.getClass().getSimpleName());
    }
    return e.encodeObject(v);
  }

  /** The stored index value under {@code ring}'s active key, or null for a null source. */
  public String compute(KeyRing ring, Object... values) {
    byte[] bytes = canonicalBytes(values);
    return bytes == null ? null : hashWith(ring, ring.activeKeyId(), bytes);
  }

  /**
   * The values to look up for these source values: one per key of {@code ring} (the active key
   * first), so that rows written before and after a rotation of the index key are found; empty for
   * a null source.
   */
  public List<String> lookupValues(KeyRing ring, Object... values) {
    byte[] bytes = canonicalBytes(values);
    if (bytes == null) {
      return List.of();
    }
    checkKeyCount(ring);
    List<String> out = new ArrayList<>(MAX_KEYS);
    out.add(hashWith(ring, ring.activeKeyId(), bytes));
    for (String id : ring.keyIds()) {
      if (!id.equals(ring.activeKeyId())) {
        out.add(hashWith(ring, id, bytes));
      }
    }
    return out;
  }

  /** Refuses rings with more keys than a lookup covers. */
  public void checkKeyCount(KeyRing ring) {
    if (ring.keyIds().size() > MAX_KEYS) {
      throw new InvalidArgumentException(
          "blind index "
              + where()
              + ": key ring '"
              + keyRing
              + "' holds "
              + ring.keyIds().size()
              + " keys, but a blind-index ring may hold at most "
              + MAX_KEYS
              + " (the active key and the one a rotation retires); remove the retired keys");
    }
  }

  /** The stored value of {@code canonical} bytes under the ring's key {@code keyId}. */
  public String hashWith(KeyRing ring, String keyId, byte[] canonical) {
    byte[] key = derivedKey(ring, keyId);
    byte[] h = IndexKeyDerivation.hash(key, canonical, bits);
    return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(h);
  }

  /** The key id of a stored index value, or null if it has none. */
  public static String keyIdOf(String stored) {
    if (stored == null) {
      return null;
    }
    int colon = stored.indexOf(':');
    return colon <= 0 ? null : stored.substring(0, colon);
  }

  /**
   * Whether two source values (or tuples, for compounds) have the same normalized bytes: what a
   * truncated index's candidates are filtered by. Constant-time in the bytes compared.
   */
  public boolean sameIndexedValue(Object[] a, Object[] b) {
    byte[] x = canonicalBytes(a);
    byte[] y = canonicalBytes(b);
    if (x == null || y == null) {
      return x == y;
    }
    return MessageDigest.isEqual(x, y);
  }

  private byte[] derivedKey(KeyRing ring, String keyId) {
    SymmetricKey k = ring.key(keyId);
    Derived d = derived.get(keyId);
    if (d == null || !d.ringKey.equals(k)) {
      byte[] raw = k.toByteArray();
      try {
        d = new Derived(k, IndexKeyDerivation.deriveKey(raw, contextTable, contextColumn, indexName));
      } finally {
        java.util.Arrays.fill(raw, (byte) 0);
      }
      derived.put(keyId, d);
    }
    return d.key;
  }

  private static final class Derived {
    final SymmetricKey ringKey;
    final byte[] key;

    Derived(SymmetricKey ringKey, byte[] key) {
      this.ringKey = ringKey;
      this.key = key;
    }
  }

  private static String require(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new InvalidArgumentException(what + " must be set");
    }
    return s;
  }

  @Override
  public String toString() {
    return "BlindIndex["
        + where()
        + " of "
        + sources
        + ", "
        + bits
        + " bits, ring "
        + keyRing
        + (normalizers.isEmpty() ? "" : ", " + normalizers.names())
        + "]";
  }

  /** Builds a {@link BlindIndexDefinition}. Not thread-safe. */
  public static final class Builder {
    private String entityName;
    private String indexAttribute;
    private String indexName;
    private String table;
    private String column;
    private String contextTable;
    private String contextColumn;
    private final List<String> sources = new ArrayList<>();
    private final List<Class<?>> types = new ArrayList<>();
    private final List<String> normalize = new ArrayList<>();
    private int bits = 256;
    private String keyRing = BlindIndex.DEFAULT_KEY_RING;
    private boolean compound;

    private Builder() {}

    public Builder entity(String entityName) {
      this.entityName = entityName;
      return this;
    }

    /** The attribute holding the index, and the index name (empty: the attribute name). */
    public Builder index(String attribute, String name) {
      this.indexAttribute = attribute;
      this.indexName = name;
      return this;
    }

    public Builder column(String table, String column) {
      this.table = table;
      this.column = column;
      return this;
    }

    public Builder contextNames(String table, String column) {
      this.contextTable = table;
      this.contextColumn = column;
      return this;
    }

    /** Adds an indexed attribute. */
    public Builder source(String attribute, Class<?> type) {
      sources.add(Objects.requireNonNull(attribute, "attribute"));
      types.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    public Builder normalize(String... names) {
      normalize.addAll(List.of(names));
      return this;
    }

    public Builder bits(int bits) {
      this.bits = bits;
      return this;
    }

    public Builder keyRing(String keyRing) {
      this.keyRing = keyRing;
      return this;
    }

    public Builder compound(boolean compound) {
      this.compound = compound;
      return this;
    }

    public BlindIndexDefinition build() {
      return new BlindIndexDefinition(this);
    }
  }
}
