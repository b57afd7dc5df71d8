package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;
import java.util.Arrays;

/**
 * Token Protect mode: the Seal header, IV and tag as a separate token; ciphertext as long as the
 * data. As in Themis, bytes after the IV and tag inside the token are ignored. Immutable and
 * thread-safe.
 */
final class TokenProtectWithKey implements SecureCell.TokenProtect {
  private final byte[] masterKey;

  TokenProtectWithKey(byte[] masterKey) {
    this.masterKey = masterKey;
  }

  @Override
  public TokenProtectedData encrypt(byte[] data, byte[] context) {
    CellFormat.requirePlaintext(data);
    byte[] ctx = CellFormat.normalizeContext(context);
    int n = data.length;
    byte[] token = new byte[CellFormat.KEY_TOKEN_LENGTH];
    byte[] ciphertext = new byte[n];
    CellFormat.writeKeyHeader(token, 0, CellFormat.ALG_GCM_256, n);
    Rng.fill(token, CellFormat.KEY_HEADER_LENGTH, CellFormat.IV_LENGTH);
    byte[] k = CellFormat.messageKey(masterKey, 32, n, ctx);
    try {
      CellFormat.gcmEncrypt(
          k,
          token,
          CellFormat.KEY_HEADER_LENGTH,
          ctx,
          data,
          ciphertext,
          0,
          token,
          CellFormat.KEY_HEADER_LENGTH + CellFormat.IV_LENGTH);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
    return TokenProtectedData.wrap(ciphertext, token);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] token, byte[] context) {
    Bytes.requireNonEmpty(ciphertext, "ciphertext");
    Bytes.requireNonEmpty(token, "token");
    CellFormat.KeyToken t = CellFormat.parseKeyToken(token, token.length);
    if (t.messageLength != ciphertext.length) {
      throw new MalformedDataException("Secure Cell token does not match the ciphertext length");
    }
    int keyBytes = CellFormat.gcmKeyBytes(t.alg, CellFormat.KDF_SOTER);
    byte[] ctx = CellFormat.normalizeContext(context);
    byte[] k = CellFormat.messageKey(masterKey, keyBytes, ciphertext.length, ctx);
    try {
      return CellFormat.gcmDecrypt(
          k, token, t.ivOffset, ctx, ciphertext, 0, ciphertext.length, token, t.tagOffset);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SecureCell.TokenProtect[key, redacted]";
  }
}
