/**
 * Encrypted JPA entity attributes with Themis Secure Cell, bound to their row and column.
 *
 * <p>Annotate a basic attribute with {@link io.github.themis4j.jpa.Encrypted}, put this jar on the
 * class path of a Hibernate 7 application and set {@link
 * io.github.themis4j.jpa.ThemisJpaSettings#KEY_RING_PROVIDER}: values are stored as Secure Cells
 * whose context names the table, the column and the entity identifier, in the format specified in
 * {@code docs/FORMAT.md} (readable from any language with Themis 0.15).
 *
 * <p>Public API: {@link io.github.themis4j.jpa.Encrypted}, {@link io.github.themis4j.jpa.CellMode},
 * {@link io.github.themis4j.jpa.ColumnFormat}, {@link io.github.themis4j.jpa.ThemisJpaSettings},
 * {@link io.github.themis4j.jpa.EncryptionObserver}, the exceptions, the per-value layer for jobs
 * ({@link io.github.themis4j.jpa.EncryptedValueCodec}, {@link io.github.themis4j.jpa.CellContext},
 * {@link io.github.themis4j.jpa.ValueEncoding}, {@link io.github.themis4j.jpa.EncryptedAttribute},
 * {@link io.github.themis4j.jpa.EncryptedAttributes}) and the portable converters for other JPA
 * providers ({@link io.github.themis4j.jpa.SealConverter} and its siblings).
 */
package io.github.themis4j.jpa;
