package io.github.themis4j.cell;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;

/**
 * Seal mode with a master key. Layout (little-endian): alg | iv_length | tag_length |
 * message_length | IV(12) | tag(16) | ciphertext(n).
 *
 * <p>Decryption follows Themis's {@code themis_secure_cell_decrypt_seal}: the last message_length
 * bytes are the ciphertext and everything before them is the token, so bytes between the tag and
 * the ciphertext are ignored; IVs and tags longer than 12 and 16 bytes are accepted and only their
 * first 12 and 16 bytes used. Immutable and thread-safe.
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
    byte[] ctx = CellFormat.normalizeContext(context);
    int n = data.length;
    byte[] out = new byte[CellFormat.KEY_TOKEN_LENGTH + n];
    CellFormat.writeKeyHeader(out, 0, CellFormat.ALG_GCM_256, n);
    Rng.fill(out, CellFormat.KEY_HEADER_LENGTH, CellFormat.IV_LENGTH);
    byte[] k = CellFormat.messageKey(masterKey, 32, n, ctx);
    CellFormat.gcmEncrypt(
        k,
        out,
        CellFormat.KEY_HEADER_LENGTH,
        ctx,
        data,
        out,
        CellFormat.KEY_TOKEN_LENGTH,
        out,
        CellFormat.KEY_HEADER_LENGTH + CellFormat.IV_LENGTH);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, null);
  }

  @Override
  public byte[] decrypt(byte[] sealed, byte[] context) {
    Bytes.requireNonEmpty(sealed, "sealed data");
    if (sealed.length < CellFormat.KEY_HEADER_LENGTH) {
      throw new MalformedDataException(
          "data is too short to be a Secure Cell (" + sealed.length + " bytes)");
    }
    long n = Bytes.readLe32Unsigned(sealed, 12);
    if (n == 0 || n > sealed.length) {
      throw new MalformedDataException(
          "Secure Cell message length field is inconsistent with the data length");
    }
    int tokenLength = sealed.length - (int) n;
    CellFormat.KeyToken t = CellFormat.parseKeyToken(sealed, tokenLength);
    int keyBytes = CellFormat.gcmKeyBytes(t.alg, CellFormat.KDF_SOTER);
    byte[] ctx = CellFormat.normalizeContext(context);
    byte[] k = CellFormat.messageKey(masterKey, keyBytes, (int) n, ctx);
    return CellFormat.gcmDecrypt(
        k, sealed, t.ivOffset, ctx, sealed, tokenLength, (int) n, sealed, t.tagOffset);
  }

  @Override
  public String toString() {
    return "SecureCell.Seal[key, redacted]";
  }
}
