package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keys.SymmetricKey;

/**
 * How another Themis application (JavaThemis, pythemis, GoThemis, wasm-themis, ...) made the cells
 * already stored in a column: Secure Cell Seal with a master key or a passphrase, and the context
 * it used per row. With {@link MigrationState#READ_LEGACY} and this format registered through
 * {@link ForeignCells}, such cells (bare Seal output, no themis4j envelope, in a binary column or
 * base64 in a text column) load, and the migration pass rewrites them in themis4j's format.
 *
 * <p>The decrypted bytes are read like a legacy plaintext of a binary column: UTF-8 text for a
 * {@code String} (and the text forms for other types), the bytes themselves for {@code byte[]}
 * ({@code docs/FORMAT.md}, section 10). Immutable and thread-safe; {@link #toString()} reveals no
 * key material.
 */
public final class ForeignCellFormat {
  private final SecureCell.Seal cell;
  private final ForeignContext context;
  private final String kind;

  private ForeignCellFormat(SecureCell.Seal cell, ForeignContext context, String kind) {
    if (context == null) {
      throw new InvalidArgumentException("foreign context must not be null (use none())");
    }
    this.cell = cell;
    this.context = context;
    this.kind = kind;
  }

  /** Secure Cell Seal with a master key. */
  public static ForeignCellFormat sealWithKey(SymmetricKey key, ForeignContext context) {
    return new ForeignCellFormat(SecureCell.sealWithKey(key), context, "seal with key");
  }

  /** Secure Cell Seal with a passphrase (UTF-8, as Themis encodes it by default). */
  public static ForeignCellFormat sealWithPassphrase(String passphrase, ForeignContext context) {
    return new ForeignCellFormat(
        SecureCell.sealWithPassphrase(passphrase), context, "seal with passphrase");
  }

  /**
   * Decrypts a foreign cell of the row with identifier {@code id}.
   *
   * @throws io.github.themis4j.AuthenticationFailedException wrong key or context, or tampering
   */
  public byte[] decrypt(byte[] cellBytes, Object id) {
    return cell.decrypt(cellBytes, context.contextFor(id));
  }

  /** Encrypts as the foreign application did (for tests and for a rollback to the old format). */
  public byte[] encrypt(byte[] plaintext, Object id) {
    return cell.encrypt(plaintext, context.contextFor(id));
  }

  @Override
  public String toString() {
    return "ForeignCellFormat[" + kind + "]";
  }
}
