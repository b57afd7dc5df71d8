package io.github.themis4j.jpa.index;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} attribute as the blind index of an {@link
 * io.github.themis4j.jpa.Encrypted} attribute of the same entity: a keyed hash (HMAC-SHA-256) of
 * the normalized plaintext, kept up to date by the integration on every insert and on every update
 * that changes the source, so that equality queries on the encrypted attribute keep working.
 *
 * <pre>{@code
 * @Encrypted @Column(length = 400)
 * String email;
 *
 * @BlindIndex(of = "email", normalize = {Normalizers.TRIM, Normalizers.LOWER_CASE})
 * @Column(name = "email_bidx", length = 80, unique = true)
 * String emailIndex;
 *
 * // unchanged: where c.email = :e, findByEmail(e), existsByEmail(e), findByEmailIn(list), ...
 * }</pre>
 *
 * <p>What it leaks: equal (normalized) values have equal indexes in every row, so whoever reads the
 * table sees which rows share a value and how often each value occurs. A truncated index ({@link
 * #bits()} below 256) leaks less because unrelated values share index values; queries then return
 * candidates that the integration filters after decryption. The index key comes from a key ring of
 * its own ({@link #keyRing()}), never one that encrypts attributes; the stored value is defined in
 * {@code docs/FORMAT.md}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface BlindIndex {
  /** The key ring used when none is named. */
  String DEFAULT_KEY_RING = "blind-index";

  /** The name of the {@code @Encrypted} attribute of the same entity that this attribute indexes. */
  String of();

  /**
   * The index name, part of the key derivation; empty (the default) means the name of the
   * annotated attribute. Set it to the old name after renaming the attribute.
   */
  String name() default "";

  /**
   * Normalizers applied in order before hashing ({@code String} attributes only), from {@link
   * Normalizers}: {@code "trim"}, {@code "lowercase"}, {@code "nfkc"}, {@code "digits"}, {@code
   * "last-N"}.
   */
  String[] normalize() default {};

  /**
   * Index length in bits, 1 to 256. 256 (the default) is an exact index: finders are served by the
   * database alone and a {@code UNIQUE} constraint works. Fewer bits make a truncated index, which
   * gives false positives by design; pick the length with {@link BlindIndexPlanner}.
   */
  int bits() default 256;

  /**
   * The key ring holding the index keys; it must not be a ring that encrypts attributes. Its active
   * key computes new index values; during a rotation of the index key the ring holds two keys and
   * queries look up both.
   */
  String keyRing() default DEFAULT_KEY_RING;

  /**
   * The table name used in the key derivation instead of the mapped one (after renaming a table).
   */
  String contextTable() default "";

  /**
   * The column name used in the key derivation instead of the index column's mapped name (after
   * renaming the column).
   */
  String contextColumn() default "";
}
