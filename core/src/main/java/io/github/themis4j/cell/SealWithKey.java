package io.github.themis4j.cell;

import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.CellFormat;

/**
 * Seal mode with a master key. Layout (little-endian): alg | iv_length | tag_length |
 * message_length | IV(12) | tag(16) | ciphertext(n).
 */
final class SealWithKey implements SecureCell.Seal {
  private final byte[] masterKey;

  SealWithKey(byte[] masterKey) {
    this.masterKey = masterKey;
  }

  @Override
  public byte[] encrypt(byte[] data) {
    return encrypt(data, null);
  }

  @Override
  public byte[] encrypt(byte[] data, byte[] context) {
    CellFormat.requirePlaintext(data);
    byte[] out = new byte[CellFormat.KEY_TOKEN_LENGTH + data.length];
    CellFormat.sealInto(masterKey, data, CellFormat.normalizeContext(context), out, 0);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, null);
  }

  @Override
  public byte[] decrypt(byte[] sealed, byte[] context) {
    Bytes.requireNonEmpty(sealed, "sealed data");
    return CellFormat.open(masterKey, CellFormat.normalizeContext(context), sealed, 0, sealed.length);
  }

  @Override
  public String toString() {
    return "SecureCell.Seal[key, redacted]";
  }
}
