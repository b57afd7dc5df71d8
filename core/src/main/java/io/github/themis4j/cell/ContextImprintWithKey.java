package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;

import io.github.themis4j.internal.Aes;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.SoterKdf;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Context Imprint mode:
 *
 * <pre>
 * K  = SoterKDF(master, "Themis secure cell message key", [LE32(n)], 32)   (no context here)
 * IV = SoterKDF(K, "Themis secure cell message iv", [context], 16)
 * C  = AES-256-CTR(K, IV, data)    (128-bit big-endian counter)
 * </pre>
 *
 * <p>Deterministic and unauthenticated: decryption is the same operation and never fails on a wrong
 * key or context.
 */
final class ContextImprintWithKey implements SecureCell.ContextImprint {
  private final byte[] masterKey;

  ContextImprintWithKey(byte[] masterKey) {
    this.masterKey = masterKey;
  }

  @Override
  public byte[] encrypt(byte[] data, byte[] context) {
    return apply(data, context);
  }

  @Override
  public byte[] decrypt(byte[] data, byte[] context) {
    return apply(data, context);
  }

  private byte[] apply(byte[] data, byte[] context) {
    Bytes.requireNonEmpty(data, "data");
    Bytes.requireNonEmpty(context, "context (Context Imprint requires one)");
    byte[] k =
        SoterKdf.derive(masterKey, CellFormat.MESSAGE_KEY_LABEL, 32, Bytes.le32(data.length));
    byte[] iv = SoterKdf.derive(k, CellFormat.IMPRINT_IV_LABEL, 16, context);
    Cipher c = Aes.ctr();
    try {
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    } finally {
      Arrays.fill(k, (byte) 0);
      Arrays.fill(iv, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SecureCell.ContextImprint[key, redacted]";
  }
}
