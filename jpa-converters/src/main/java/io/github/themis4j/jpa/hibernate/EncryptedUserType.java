package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttributeException;
import io.github.themis4j.jpa.EncryptionMappingException;
import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.usertype.ParameterizedType;
import org.hibernate.usertype.UserType;

/**
 * The Hibernate type of an {@link io.github.themis4j.jpa.Encrypted} attribute. Set by {@link
 * EncryptedAttributeBinder}; not meant to be named in mappings directly.
 *
 * <p>It moves column values only: encryption needs the row's identifier, which a type never sees,
 * so the integration's event listeners encrypt in the pre-insert/pre-update events and decrypt in
 * the pre-load event. This type binds what those listeners prepared, and refuses to bind anything
 * else: a plaintext reaching it (a query parameter compared with an encrypted column, a bulk update
 * assigning one, a write path without the listeners) is an error, never written.
 *
 * <p>Values compare by plaintext, so loading and flushing an unchanged entity issues no update.
 * Thread-safe once configured.
 */
public final class EncryptedUserType implements UserType<Object>, ParameterizedType {
  /** The type parameter carrying the binding-time spec (an internal object). */
  static final String SPEC_PARAMETER = "io.github.themis4j.jpa.hibernate.spec";

  private AttributeSpec spec;

  /** For Hibernate; configured by {@link #setParameterValues}. */
  public EncryptedUserType() {}

  @Override
  public void setParameterValues(Properties parameters) {
    Object s = parameters == null ? null : parameters.get(SPEC_PARAMETER);
    if (!(s instanceof AttributeSpec)) {
      throw new EncryptionMappingException(
          "EncryptedUserType is applied by @Encrypted and cannot be named in a mapping directly");
    }
    this.spec = (AttributeSpec) s;
  }

  AttributeSpec spec() {
    return spec;
  }

  /** The JPA name of the entity declaring the attribute (for query checks and messages). */
  public String entityName() {
    return spec.owner;
  }

  /** The attribute name (for query checks and messages). */
  public String attributeName() {
    return spec.attribute;
  }

  @Override
  public int getSqlType() {
    return spec.format == ColumnFormat.BINARY ? Types.VARBINARY : Types.VARCHAR;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Object> returnedClass() {
    return (Class<Object>) spec.encoding.javaType();
  }

  @Override
  public boolean equals(Object x, Object y) {
    return Objects.deepEquals(plain(x), plain(y));
  }

  @Override
  public int hashCode(Object x) {
    return Arrays.deepHashCode(new Object[] {plain(x)});
  }

  private static Object plain(Object v) {
    if (v instanceof PendingWrite) {
      return ((PendingWrite) v).plaintext;
    }
    if (v instanceof StoredColumn) {
      return new ColumnKey(((StoredColumn) v).column);
    }
    return v;
  }

  @Override
  public Object nullSafeGet(ResultSet rs, int position, WrapperOptions options)
      throws SQLException {
    Object column =
        spec.format == ColumnFormat.BINARY ? rs.getBytes(position) : rs.getString(position);
    if (column == null) {
      return null;
    }
    if (!fromEventSource(options)) {
      throw new EncryptedAttributeException(
          spec.owner,
          null,
          spec.attribute,
          "unsupported",
          "cannot load encrypted attribute "
              + spec.where()
              + " in a StatelessSession: decryption "
              + "needs the load events of a regular Session (or EntityManager)",
          null);
    }
    return new StoredColumn(column, spec);
  }

  private static boolean fromEventSource(WrapperOptions options) {
    try {
      SharedSessionContractImplementor s = options.getSession();
      return s == null || s.isEventSource();
    } catch (UnsupportedOperationException e) {
      return true; // no session at all: not a stateless read
    }
  }

  @Override
  public void nullSafeSet(PreparedStatement st, Object value, int index, WrapperOptions options)
      throws SQLException {
    if (value == null) {
      st.setNull(index, getSqlType());
    } else if (value instanceof PendingWrite) {
      Object column = ((PendingWrite) value).column;
      if (column instanceof byte[]) {
        st.setBytes(index, (byte[]) column);
      } else {
        st.setString(index, (String) column);
      }
    } else {
      throw new EncryptedAttributeException(
          spec.owner,
          null,
          spec.attribute,
          "plaintext-parameter",
          "refusing to bind a plaintext value to encrypted column "
              + spec.where()
              + ": encrypted attributes cannot be compared in queries or assigned by bulk updates"
              + " (each row has its own randomized ciphertext); load and change the entities"
              + " instead",
          null);
    }
  }

  /**
   * Copies a mutable value (a {@code byte[]}, the only mutable supported type), also inside a
   * pending write: Hibernate snapshots the state array after an update while the slot still holds
   * the {@link PendingWrite}, and the snapshot must not share the entity's array (or an in-place
   * change of it after the flush would go unnoticed).
   */
  @Override
  public Object deepCopy(Object value) {
    if (value instanceof byte[]) {
      return ((byte[]) value).clone();
    }
    if (value instanceof PendingWrite) {
      PendingWrite w = (PendingWrite) value;
      return w.plaintext instanceof byte[] ? w.withPlaintext(deepCopy(w.plaintext)) : w;
    }
    return value;
  }

  @Override
  public boolean isMutable() {
    return spec.encoding.javaType() == byte[].class;
  }

  @Override
  public Serializable disassemble(Object value) {
    Object p = value instanceof PendingWrite ? ((PendingWrite) value).plaintext : value;
    if (p instanceof StoredColumn) {
      throw new IllegalStateException(
          "an undecrypted value of " + spec.where() + " cannot be cached");
    }
    return (Serializable) deepCopy(p);
  }

  @Override
  public Object assemble(Serializable cached, Object owner) {
    return deepCopy(cached);
  }

  @Override
  public Object replace(Object detached, Object managed, Object owner) {
    Object p = detached instanceof PendingWrite ? ((PendingWrite) detached).plaintext : detached;
    return deepCopy(p);
  }

  @Override
  public String toString() {
    return "EncryptedUserType[" + spec + "]";
  }

  /** Compares raw column values by content (only needed before a load event ran). */
  private static final class ColumnKey {
    private final Object column;

    ColumnKey(Object column) {
      this.column = column;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ColumnKey && Objects.deepEquals(column, ((ColumnKey) o).column);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(new Object[] {column});
    }
  }
}
