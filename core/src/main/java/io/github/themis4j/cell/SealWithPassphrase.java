package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Pbkdf2;
import io.github.themis4j.internal.Rng;
import java.util.Arrays;

/**
 * Seal mode with a passphrase. Layout (little-endian): alg | iv_length | tag_length |
 * message_length | kdf_context_length | IV(12) | tag(16) | iterations(4) | salt_length(2) |
 * salt(16) | ciphertext(n).
 *
 * <pre>
 * prekey = PBKDF2-HMAC-SHA256(passphrase, salt, iterations, 32)
 * K      = SoterKDF(prekey, "Themis secure cell message key", [LE32(n), context?])
 * </pre>
 *
 * <p>Encryption writes what Themis 0.15 writes: 314,110 iterations and a 16-byte random salt.
 * Decryption takes the iteration count, salt and their lengths from the header, as Themis does, so
 * cells from Themis 0.13/0.14 (200,000 iterations) and any other count decrypt.
 *
 * <p><b>Deliberate deviation from Themis:</b> decryption refuses headers that declare more than
 * {@value #MAX_ITERATIONS} PBKDF2 iterations with a {@link MalformedDataException}, before doing
 * any PBKDF2 work. Themis accepts up to 2<sup>32</sup>-1, so a forged or corrupted header could
 * make a single decryption run for over an hour; no Themis version writes more than 314,110.
 *
 * <p>Immutable and thread-safe.
 */
final class SealWithPassphrase implements SecureCell.Seal {
  /** The iteration count Themis 0.15 writes (0x0004CAFE). */
  static final int ITERATIONS = 314_110;

  static final int SALT_LENGTH = 16;

  /**
   * Decryption refuses iteration counts above this. Themis accepts up to 2^32-1, which lets a
   * forged header stall a decryption for about an hour; no Themis version writes more than 314,110.
   * This is the one place themis4j is stricter than Themis.
   */
  static final long MAX_ITERATIONS = 10_000_000L;

  private static final int HEADER_LENGTH = 20;

  /** iterations (LE32) and salt_length (LE16) before the salt. */
  private static final int PBKDF2_CONTEXT_MIN_LENGTH = 4 + 2;

  private static final int KDF_CONTEXT_LENGTH = PBKDF2_CONTEXT_MIN_LENGTH + SALT_LENGTH;
  private static final int TOKEN_LENGTH =
      HEADER_LENGTH + CellFormat.IV_LENGTH + CellFormat.TAG_LENGTH + KDF_CONTEXT_LENGTH;

  private final byte[] passphrase;
  private final long maxIterations;

  SealWithPassphrase(byte[] passphrase) {
    this(passphrase, MAX_ITERATIONS);
  }

  /** With a different iteration limit: for tests that must not spend seconds in PBKDF2. */
  SealWithPassphrase(byte[] passphrase, long maxIterations) {
    this.passphrase = passphrase;
    this.maxIterations = maxIterations;
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
    byte[] out = new byte[TOKEN_LENGTH + n];
    Bytes.writeLe32(out, 0, CellFormat.ALG_GCM_256_PBKDF2);
    Bytes.writeLe32(out, 4, CellFormat.IV_LENGTH);
    Bytes.writeLe32(out, 8, CellFormat.TAG_LENGTH);
    Bytes.writeLe32(out, 12, n);
    Bytes.writeLe32(out, 16, KDF_CONTEXT_LENGTH);
    int ivOff = HEADER_LENGTH;
    int tagOff = ivOff + CellFormat.IV_LENGTH;
    int kdfOff = tagOff + CellFormat.TAG_LENGTH;
    Rng.fill(out, ivOff, CellFormat.IV_LENGTH);
    Bytes.writeLe32(out, kdfOff, ITERATIONS);
    Bytes.writeLe16(out, kdfOff + 4, SALT_LENGTH);
    byte[] salt = Rng.bytes(SALT_LENGTH);
    System.arraycopy(salt, 0, out, kdfOff + PBKDF2_CONTEXT_MIN_LENGTH, SALT_LENGTH);
    byte[] prekey = Pbkdf2.hmacSha256(passphrase, salt, ITERATIONS, 32);
    byte[] k = CellFormat.messageKey(prekey, 32, n, ctx);
    Arrays.fill(prekey, (byte) 0);
    CellFormat.gcmEncrypt(k, out, ivOff, ctx, data, out, TOKEN_LENGTH, out, tagOff);
    Arrays.fill(k, (byte) 0);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, null);
  }

  @Override
  public byte[] decrypt(byte[] sealed, byte[] context) {
    Bytes.requireNonEmpty(sealed, "sealed data");
    if (sealed.length < HEADER_LENGTH) {
      throw new MalformedDataException(
          "data is too short to be a passphrase Secure Cell (" + sealed.length + " bytes)");
    }
    long n = Bytes.readLe32Unsigned(sealed, 12);
    if (n == 0 || n > sealed.length - HEADER_LENGTH) {
      throw new MalformedDataException(
          "Secure Cell message length field is inconsistent with the data length");
    }
    int tokenLength = sealed.length - (int) n;
    CellFormat.KeyToken t = CellFormat.parsePassphraseToken(sealed, tokenLength);
    int keyBytes = CellFormat.gcmKeyBytes(t.alg, CellFormat.KDF_PBKDF2);
    int kdfOff = t.kdfOffset;
    long kdfLength = t.kdfLength;
    if (kdfLength < PBKDF2_CONTEXT_MIN_LENGTH) {
      throw new MalformedDataException("passphrase Secure Cell has a truncated PBKDF2 context");
    }
    long iterations = Bytes.readLe32Unsigned(sealed, kdfOff);
    int saltLength = Bytes.readLe16(sealed, kdfOff + 4);
    if (PBKDF2_CONTEXT_MIN_LENGTH + saltLength > kdfLength) {
      throw new MalformedDataException("passphrase Secure Cell has a truncated PBKDF2 salt");
    }
    if (iterations == 0) {
      throw new MalformedDataException("passphrase Secure Cell declares zero PBKDF2 iterations");
    }
    if (iterations > maxIterations) {
      throw new MalformedDataException(
          "passphrase Secure Cell declares "
              + iterations
              + " PBKDF2 iterations, more than the limit of "
              + maxIterations);
    }
    byte[] salt = new byte[saltLength];
    System.arraycopy(sealed, kdfOff + PBKDF2_CONTEXT_MIN_LENGTH, salt, 0, saltLength);
    byte[] prekey = Pbkdf2.hmacSha256(passphrase, salt, (int) iterations, 32);
    byte[] ctx = CellFormat.normalizeContext(context);
    byte[] k = CellFormat.messageKey(prekey, keyBytes, (int) n, ctx);
    Arrays.fill(prekey, (byte) 0);
    try {
      return CellFormat.gcmDecrypt(
          k, sealed, t.ivOffset, ctx, sealed, tokenLength, (int) n, sealed, t.tagOffset);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SecureCell.Seal[passphrase, redacted]";
  }
}
