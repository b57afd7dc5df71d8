package io.github.themis4j.jpa;

import java.util.Locale;

/**
 * How an {@link Encrypted} attribute treats stored values that are not themis4j values, while an
 * existing column is being taken over (see {@code docs/ADOPTING.md}). Set it with {@link
 * Encrypted#migration()} or, without a code change, with the Hibernate setting {@link
 * ThemisJpaSettings#MIGRATION_PREFIX}{@code <Entity>.<attribute>} ({@code strict} or {@code
 * read-legacy}); the setting wins over the annotation.
 */
public enum MigrationState {
  /**
   * The default: every non-null stored value must be a themis4j value of the attribute; anything
   * else fails to load.
   */
  STRICT,

  /**
   * Transition state: a stored value of shape {@link StoredShape#PLAINTEXT} loads as the plaintext
   * it is (section 10 of {@code docs/FORMAT.md} says how it is parsed), a {@link
   * StoredShape#FOREIGN_CELL} loads through the attribute's {@link ForeignCellFormat} if one is
   * registered, and a themis4j value is decrypted as in {@link #STRICT} (a damaged one is an error,
   * never a plaintext). Writes always encrypt. Seal attributes only. Switch back to {@link #STRICT}
   * once the migration pass reports no legacy values left.
   */
  READ_LEGACY;

  /** The setting value of this state: {@code strict} or {@code read-legacy}. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a setting value: {@code strict} or {@code read-legacy} (case-insensitive, {@code _}
   * accepted for {@code -}).
   *
   * @throws EncryptionMappingException for anything else
   */
  public static MigrationState parse(String value, String setting) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (MigrationState s : values()) {
      if (s.settingValue().equals(v)) {
        return s;
      }
    }
    throw new EncryptionMappingException(
        "setting '" + setting + "' must be 'strict' or 'read-legacy', not '" + value + "'");
  }
}
