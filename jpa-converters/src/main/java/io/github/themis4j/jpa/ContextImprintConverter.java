package io.github.themis4j.jpa;

import io.github.themis4j.keyring.KeyRingProvider;
import jakarta.persistence.AttributeConverter;

/**
 * A portable JPA {@link AttributeConverter} storing an attribute in Context Imprint (deterministic,
 * length-preserving, <b>unauthenticated</b>) mode in a binary column, for JPA providers other than
 * Hibernate or where the {@link Encrypted} integration is not wanted.
 *
 * <p><b>Difference from {@link Encrypted}:</b> a converter sees only the value, never the row, so
 * the encryption context is fixed: the given table and column names and no identifier, exactly the
 * context of {@code @Encrypted(bindToId = false)} with the same names (see {@code docs/FORMAT.md}).
 * A value copied to another row of the same column therefore decrypts there. Values are
 * interchangeable with {@code @Encrypted(bindToId = false)} columns of the same mode and format.
 *
 * <p>Subclass it with a no-argument constructor and annotate the subclass with {@code @Converter}:
 *
 * <pre>{@code
 * @Converter
 * public class EmailConverter extends ContextImprintConverter<String> {
 *   public EmailConverter() {
 *     super(String.class, MyKeys.provider(), "default", "2026-01", "customer", "email");
 *   }
 * }
 * }</pre>
 *
 * <p>Where the provider comes from is up to the application: a constructor parameter filled by the
 * container (Spring's Hibernate bean container, CDI), or a static holder of its own. {@code null}
 * maps to SQL {@code NULL}; empty strings and arrays round-trip. Immutable and thread-safe.
 *
 * @param <T> the attribute type (see {@link ValueEncoding} for the supported types)
 */
public abstract class ContextImprintConverter<T> implements AttributeConverter<T, byte[]> {
  private final ConverterSupport<T> support;

  /**
   * @param type the attribute type
   * @param keys the key ring provider
   * @param keyRing the key ring
   * @param keyId the key to use for writing and reading (null: the ring's active key at the time,
   *     which makes a rotation of the ring unreadable for existing values; pin a key id)
   * @param table the table name for the context (canonicalized like mapped names)
   * @param column the column name for the context (canonicalized like mapped names)
   */
  protected ContextImprintConverter(
      Class<T> type,
      KeyRingProvider keys,
      String keyRing,
      String keyId,
      String table,
      String column) {
    this.support =
        new ConverterSupport<>(
            getClass().getName(),
            ConverterSupport.boxed(type),
            keys,
            keyRing,
            keyId,
            table,
            column,
            CellMode.CONTEXT_IMPRINT,
            ColumnFormat.BINARY);
  }

  @Override
  public byte[] convertToDatabaseColumn(T attribute) {
    return (byte[]) support.toColumn(attribute);
  }

  @Override
  public T convertToEntityAttribute(byte[] column) {
    return support.fromColumn(column);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + support + "]";
  }
}
