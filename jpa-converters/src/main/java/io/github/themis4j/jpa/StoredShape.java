package io.github.themis4j.jpa;

/**
 * What a non-null column value of a Seal attribute looks like, decided from its bytes alone without
 * decrypting (see {@code docs/FORMAT.md}, section 10, and {@link EncryptedValueCodec#shapeOf}).
 */
public enum StoredShape {
  /**
   * Starts like a themis4j envelope, or carries a Secure Cell header where an envelope puts it.
   * Every value themis4j writes has this shape; a damaged one keeps it. It must decrypt: a value of
   * this shape that does not is an error, never a plaintext.
   */
  ENVELOPE,

  /**
   * A bare Themis Secure Cell (Seal, master key or passphrase) without a themis4j envelope: a cell
   * written by another Themis application. Readable only with a {@link ForeignCellFormat}.
   */
  FOREIGN_CELL,

  /** Neither: under {@link MigrationState#READ_LEGACY}, a plaintext written before encryption. */
  PLAINTEXT
}
