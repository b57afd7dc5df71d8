package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Pbkdf2;
import io.github.themis4j.internal.SoterKdf;
import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Builds Secure Cells with arbitrary header values, for the tests that prove the format against
 * wasm-themis (cells Themis accepts but never writes: AES-128/192, other PBKDF2 iteration counts
 * and salt lengths, longer IV/tag fields, junk Themis ignores) and for the negative tests. The
 * AES-GCM step is CellFormat's, which the Wycheproof test covers; everything else (layout, key
 * derivation) is written out here from the format description.
 */
final class CellCrafter {
  static final int ALG_AES_256 = 0x40010100;
  static final int ALG_AES_192 = 0x400100C0;
  static final int ALG_AES_128 = 0x40010080;
  static final int PBKDF2 = 0x01000000;

  private final Random random;

  int alg = ALG_AES_256;

  /** Declared IV length; only the first 12 bytes are used, the rest is random filler. */
  int ivLength = 12;

  /** Declared tag length; only the first 16 bytes are the GCM tag, the rest is random filler. */
  int tagLength = 16;

  /** Bytes inserted between the token and the ciphertext (Themis skips them). */
  int junkLength = 0;

  /** Passphrase cells: PBKDF2 iteration count and salt length. */
  int iterations = 10;

  int saltLength = 16;

  /** Passphrase cells: extra bytes counted in kdf_context_length after the salt. */
  int kdfContextExtra = 0;

  CellCrafter(long seed) {
    this.random = new Random(seed);
  }

  private byte[] random(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private int keyBytes() {
    return (alg & 0xfff) / 8;
  }

  /** Seal with a master key: token (header, IV, tag), junk, ciphertext. */
  byte[] keySeal(byte[] master, byte[] data, byte[] context) {
    byte[][] parts = keyTokenAndCiphertext(master, data, context);
    return Bytes.concat(parts[0], random(junkLength), parts[1]);
  }

  /** Token Protect: {token, ciphertext}. */
  byte[][] keyTokenAndCiphertext(byte[] master, byte[] data, byte[] context) {
    byte[] ctx = context == null || context.length == 0 ? null : context;
    byte[] k =
        SoterKdf.derive(
            master, CellFormat.MESSAGE_KEY_LABEL, keyBytes(), Bytes.le32(data.length), ctx);
    byte[] iv = random(ivLength);
    byte[] tag = random(tagLength);
    byte[] ct = new byte[data.length];
    CellFormat.gcmEncrypt(k, iv, 0, ctx, data, ct, 0, tag, 0);
    ByteArrayOutputStream token = new ByteArrayOutputStream();
    token.writeBytes(Bytes.le32(alg));
    token.writeBytes(Bytes.le32(ivLength));
    token.writeBytes(Bytes.le32(tagLength));
    token.writeBytes(Bytes.le32(data.length));
    token.writeBytes(iv);
    token.writeBytes(tag);
    return new byte[][] {token.toByteArray(), ct};
  }

  /** Seal with a passphrase (raw bytes), with this crafter's iteration count and salt length. */
  byte[] passphraseSeal(byte[] passphrase, byte[] data, byte[] context) {
    byte[] ctx = context == null || context.length == 0 ? null : context;
    byte[] salt = random(saltLength);
    byte[] prekey = Pbkdf2.hmacSha256(passphrase, salt, iterations, 32);
    byte[] k =
        SoterKdf.derive(
            prekey, CellFormat.MESSAGE_KEY_LABEL, keyBytes(), Bytes.le32(data.length), ctx);
    byte[] iv = random(ivLength);
    byte[] tag = random(tagLength);
    byte[] ct = new byte[data.length];
    CellFormat.gcmEncrypt(k, iv, 0, ctx, data, ct, 0, tag, 0);
    byte[] kdfContext = new byte[6 + saltLength + kdfContextExtra];
    Bytes.writeLe32(kdfContext, 0, iterations);
    Bytes.writeLe16(kdfContext, 4, saltLength);
    System.arraycopy(salt, 0, kdfContext, 6, saltLength);
    System.arraycopy(random(kdfContextExtra), 0, kdfContext, 6 + saltLength, kdfContextExtra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Bytes.le32(alg | PBKDF2));
    out.writeBytes(Bytes.le32(ivLength));
    out.writeBytes(Bytes.le32(tagLength));
    out.writeBytes(Bytes.le32(data.length));
    out.writeBytes(Bytes.le32(kdfContext.length));
    out.writeBytes(iv);
    out.writeBytes(tag);
    out.writeBytes(kdfContext);
    out.writeBytes(random(junkLength));
    out.writeBytes(ct);
    return out.toByteArray();
  }
}
