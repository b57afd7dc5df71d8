package io.github.themis4j.cell;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;

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
    sealInto(masterKey, data, CellFormat.normalizeContext(context), out, 0);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, null);
  }

  @Override
  public byte[] decrypt(byte[] sealed, byte[] context) {
    Bytes.requireNonNull(sealed, "sealed data");
    return open(masterKey, CellFormat.normalizeContext(context), sealed, 0, sealed.length);
  }

  /**
   * Seals non-empty {@code data} into {@code out[off, off + 44 + data.length)}.
   *
   * @param ctx the normalized context (null for none)
   */
  static void sealInto(byte[] masterKey, byte[] data, byte[] ctx, byte[] out, int off) {
    int n = data.length;
    CellFormat.writeKeyHeader(out, off, CellFormat.ALG_GCM_256, n);
    int ivOffset = off + CellFormat.KEY_HEADER_LENGTH;
    Rng.fill(out, ivOffset, CellFormat.IV_LENGTH);
    byte[] k = CellFormat.messageKey(masterKey, 32, n, ctx);
    CellFormat.gcmEncrypt(
        k, out, ivOffset, ctx, data, out, off + CellFormat.KEY_TOKEN_LENGTH,
        out, ivOffset + CellFormat.IV_LENGTH);
  }

  /**
   * Opens the Seal occupying {@code in[off, off + len)}.
   *
   * @param ctx the normalized context (null for none)
   */
  static byte[] open(byte[] masterKey, byte[] ctx, byte[] in, int off, int len) {
    if (len < CellFormat.KEY_HEADER_LENGTH) {
      throw new MalformedDataException("data is too short to be a Secure Cell (" + len + " bytes)");
    }
    long n = Bytes.readLe32Unsigned(in, off + 12);
    if (n == 0 || n > len) {
      throw new MalformedDataException("Secure Cell message length field is inconsistent with the data length");
    }
    int tokenLength = len - (int) n;
    CellFormat.KeyToken t = CellFormat.parseKeyToken(in, off, tokenLength);
    int keyBytes = CellFormat.gcmKeyBytes(t.alg, CellFormat.KDF_SOTER);
    byte[] k = CellFormat.messageKey(masterKey, keyBytes, (int) n, ctx);
    return CellFormat.gcmDecrypt(k, in, t.ivOffset, ctx, in, off + tokenLength, (int) n, in, t.tagOffset);
  }

  @Override
  public String toString() {
    return "SecureCell.Seal[key, redacted]";
  }
}
