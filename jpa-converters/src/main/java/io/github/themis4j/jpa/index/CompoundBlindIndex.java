package io.github.themis4j.jpa.index;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} attribute as a blind index over two or more attributes of the same entity
 * (for example last name and birth year), hashed together (see {@code docs/FORMAT.md}). Use it
 * for values that would leak too much alone (booleans, enums, small domains): only the combination
 * is revealed to be equal across rows.
 *
 * <pre>{@code
 * @CompoundBlindIndex(of = {"lastName", "birthYear"}, normalize = Normalizers.LOWER_CASE)
 * @Column(name = "name_year_bidx", length = 80)
 * String nameYearIndex;
 *
 * // queried with BlindIndexQueries.findAll(em, Patient.class, "nameYearIndex", "smith", 1980)
 * }</pre>
 *
 * <p>The parts may be encrypted or not. Kept up to date like a {@link BlindIndex}. A query {@code
 * where p.nameYearIndex = :v} compares stored index values (compute them with {@link
 * BlindIndexes}); {@link BlindIndexQueries} does it for you and filters truncated matches.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
public @interface CompoundBlindIndex {
  /** The attributes of the same entity that are hashed together, in this order (two or more). */
  String[] of();

  /** The index name, part of the key derivation; empty means the annotated attribute's name. */
  String name() default "";

  /** Normalizers applied to each {@code String} part, in order (see {@link Normalizers}). */
  String[] normalize() default {};

  /** Index length in bits, 1 to 256 (see {@link BlindIndex#bits()}). */
  int bits() default 256;

  /** The key ring holding the index keys (see {@link BlindIndex#keyRing()}). */
  String keyRing() default BlindIndex.DEFAULT_KEY_RING;

  /** See {@link BlindIndex#contextTable()}. */
  String contextTable() default "";

  /** See {@link BlindIndex#contextColumn()}. */
  String contextColumn() default "";
}
