package io.github.themis4j.internal;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import java.lang.ref.SoftReference;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Secure Cell wire format shared by every mode (Themis {@code sym_enc_message.c}, {@code
 * secure_cell_seal_passphrase.c}): little-endian headers, the Soter-KDF message key and AES-GCM
 * with a 12-byte IV and 16-byte tag.
 */
public final class CellFormat {
  public static final int ALG_GCM_256 = 0x40010100;
  public static final int ALG_GCM_256_PBKDF2 = 0x41010100;
  public static final int IV_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  /** alg, iv_length, auth_tag_length, message_length. */
  public static final int KEY_HEADER_LENGTH = 16;

  /** The token Themis 0.15 writes for key-based cells: header, IV, tag. */
  public static final int KEY_TOKEN_LENGTH = KEY_HEADER_LENGTH + IV_LENGTH + TAG_LENGTH;

  public static final String MESSAGE_KEY_LABEL = "Themis secure cell message key";
  public static final String IMPRINT_IV_LABEL = "Themis secure cell message iv";

  public static final int KDF_SOTER = 0;
  public static final int KDF_PBKDF2 = 1;

  private static final int ALG_RESERVED_MASK = 0x00F0F000;
  private static final int ALG_CIPHER_MASK = 0xF0000000;
  private static final int ALG_KDF_MASK = 0x0F000000;
  private static final int ALG_PADDING_MASK = 0x000F0000;
  private static final int ALG_KEY_LENGTH_MASK = 0x00000FFF;
  private static final int AES_GCM = 0x40010000;

  private CellFormat() {}

  public static void requirePlaintext(byte[] data) {
    Bytes.requireNonEmpty(data, "data");
    // Themis stores lengths as 32-bit fields; Java arrays are shorter than 2^31, so every array
    // fits.
  }

  /** Null for an absent or empty context: Themis treats the two alike. */
  public static byte[] normalizeContext(byte[] context) {
    return context == null || context.length == 0 ? null : context;
  }

  /** K = SoterKDF(master, "Themis secure cell message key", [LE32(n), context?]). */
  public static byte[] messageKey(byte[] master, int keyBytes, int messageLength, byte[] context) {
    return SoterKdf.derive(master, MESSAGE_KEY_LABEL, keyBytes, Bytes.le32(messageLength), context);
  }

  /**
   * Validates an algorithm identifier for AES-GCM with the expected KDF and returns the key length
   * in bytes (32, 24 or 16).
   */
  public static int gcmKeyBytes(int alg, int expectedKdf) {
    if ((alg & ALG_RESERVED_MASK) != 0) {
      throw new MalformedDataException("Secure Cell header has reserved algorithm bits set");
    }
    if ((alg & (ALG_CIPHER_MASK | ALG_PADDING_MASK)) != AES_GCM) {
      throw new MalformedDataException(
          "Secure Cell header names an unsupported cipher (only AES-GCM is used)");
    }
    int kdf = (alg & ALG_KDF_MASK) >>> 24;
    if (kdf != expectedKdf) {
      if (kdf == KDF_PBKDF2) {
        throw new AuthenticationFailedException(
            "Secure Cell was sealed with a passphrase: decrypt it with a passphrase, not a key");
      }
      if (kdf == KDF_SOTER) {
        throw new AuthenticationFailedException(
            "Secure Cell was sealed with a key: decrypt it with a key, not a passphrase");
      }
      throw new MalformedDataException("Secure Cell header names an unsupported key derivation");
    }
    switch (alg & ALG_KEY_LENGTH_MASK) {
      case 0x100:
        return 32;
      case 0x0C0:
        return 24;
      case 0x080:
        return 16;
      default:
        throw new MalformedDataException("Secure Cell header names an unsupported key length");
    }
  }

  /** Writes alg, iv_length, auth_tag_length and message_length at {@code off}. */
  public static void writeKeyHeader(byte[] out, int off, int alg, int messageLength) {
    Bytes.writeLe32(out, off, alg);
    Bytes.writeLe32(out, off + 4, IV_LENGTH);
    Bytes.writeLe32(out, off + 8, TAG_LENGTH);
    Bytes.writeLe32(out, off + 12, messageLength);
  }

  /** Length of a passphrase token's header: the key header and kdf_context_length. */
  public static final int PASSPHRASE_HEADER_LENGTH = KEY_HEADER_LENGTH + 4;

  /**
   * A parsed token: where its IV, tag and (passphrase tokens) KDF context start, and what it
   * declares.
   */
  public static final class KeyToken {
    public final int alg;
    public final int ivOffset;
    public final int tagOffset;
    public final long messageLength;
    /** Where the KDF context starts (right after the tag); passphrase tokens only. */
    public final int kdfOffset;
    /** The declared KDF context length; 0 for key tokens. */
    public final long kdfLength;

    private KeyToken(
        int alg, int ivOffset, int tagOffset, long messageLength, int kdfOffset, long kdfLength) {
      this.alg = alg;
      this.ivOffset = ivOffset;
      this.tagOffset = tagOffset;
      this.messageLength = messageLength;
      this.kdfOffset = kdfOffset;
      this.kdfLength = kdfLength;
    }
  }

  /**
   * Parses a key-based authentication token occupying {@code token[0, length)}. Like Themis, bytes
   * after the IV and tag inside the token are ignored, only the first 12 IV bytes and 16 tag bytes
   * are used, and shorter IVs or tags are refused.
   */
  public static KeyToken parseKeyToken(byte[] token, int length) {
    return parseKeyToken(token, 0, length);
  }

  /**
   * Parses a key-based token occupying {@code buf[off, off + length)}; the returned IV and tag
   * offsets are absolute positions in {@code buf}.
   */
  public static KeyToken parseKeyToken(byte[] buf, int off, int length) {
    return parseToken(buf, off, length, KEY_HEADER_LENGTH);
  }

  /**
   * Parses a passphrase token occupying {@code buf[0, length)}: the key token's fields, then
   * kdf_context_length, IV, tag and the KDF context, checked by the same rules (and the KDF context
   * must fit in the token too).
   */
  public static KeyToken parsePassphraseToken(byte[] buf, int length) {
    return parseToken(buf, 0, length, PASSPHRASE_HEADER_LENGTH);
  }

  private static KeyToken parseToken(byte[] buf, int off, int length, int headerLength) {
    if (length < headerLength) {
      throw new MalformedDataException("Secure Cell token is truncated (" + length + " bytes)");
    }
    int alg = Bytes.readLe32(buf, off);
    long ivLength = Bytes.readLe32Unsigned(buf, off + 4);
    long tagLength = Bytes.readLe32Unsigned(buf, off + 8);
    long messageLength = Bytes.readLe32Unsigned(buf, off + 12);
    long kdfLength =
        headerLength == PASSPHRASE_HEADER_LENGTH ? Bytes.readLe32Unsigned(buf, off + 16) : 0;
    // Each field is below 2^32, so the sum cannot overflow a long.
    if (headerLength + ivLength + tagLength + kdfLength > length) {
      throw new MalformedDataException(
          "Secure Cell token is truncated or its IV/tag length fields are invalid");
    }
    if (ivLength < IV_LENGTH || tagLength < TAG_LENGTH) {
      throw new MalformedDataException(
          "Secure Cell token declares an IV or tag shorter than AES-GCM needs");
    }
    int ivOffset = off + headerLength;
    int tagOffset = ivOffset + (int) ivLength;
    return new KeyToken(
        alg, ivOffset, tagOffset, messageLength, tagOffset + (int) tagLength, kdfLength);
  }

  /**
   * AES-GCM encryption of {@code data} writing the ciphertext at {@code out[ctOff]} and the tag at
   * {@code tagOut[tagOff]}, without an intermediate copy of the ciphertext.
   */
  public static void gcmEncrypt(
      byte[] key,
      byte[] ivBuf,
      int ivOff,
      byte[] aad,
      byte[] data,
      byte[] out,
      int ctOff,
      byte[] tagOut,
      int tagOff) {
    Cipher c = Aes.gcm();
    try {
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_LENGTH * 8, ivBuf, ivOff, IV_LENGTH));
      if (aad != null) {
        c.updateAAD(aad);
      }
      int written = c.update(data, 0, data.length, out, ctOff);
      byte[] rest = c.doFinal();
      int ctRest = rest.length - TAG_LENGTH;
      System.arraycopy(rest, 0, out, ctOff + written, ctRest);
      System.arraycopy(rest, ctRest, tagOut, tagOff, TAG_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Large decryptions stage ciphertext||tag in a per-thread buffer instead of a new array: a fresh
   * array of a megabyte costs about as much again as the copy (it is a "humongous" object for G1),
   * which made a 1 MiB Seal decryption 20 % slower than raw AES-GCM. The buffer holds only
   * ciphertext and tag, never plaintext or keys; it is kept through a soft reference (the collector
   * may clear it under memory pressure) and only for messages of 64 KiB to 4 MiB, so a thread keeps
   * at most 4 MiB, and only after it has decrypted a large message.
   */
  private static final int STAGING_MIN = 64 * 1024;

  private static final int STAGING_MAX = 4 * 1024 * 1024 + TAG_LENGTH;
  private static final ThreadLocal<SoftReference<byte[]>> STAGING = new ThreadLocal<>();

  private static byte[] staging(int length) {
    SoftReference<byte[]> ref = STAGING.get();
    byte[] buffer = ref == null ? null : ref.get();
    if (buffer == null || buffer.length < length) {
      buffer = new byte[length];
      STAGING.set(new SoftReference<>(buffer));
    }
    return buffer;
  }

  /**
   * AES-GCM decryption of {@code ct[ctOff, ctOff+ctLen)} with the tag at {@code tag[tagOff]}.
   *
   * <p>The JDK's GCM decryption buffers everything passed to {@code update} until {@code doFinal}
   * (it must check the tag before releasing plaintext) and then copies it again to append the tag:
   * three copies of the ciphertext besides the output. Themis puts the tag before the ciphertext,
   * so it is cheaper to lay out ciphertext || tag once here and decrypt that in a single call.
   */
  public static byte[] gcmDecrypt(
      byte[] key,
      byte[] ivBuf,
      int ivOff,
      byte[] aad,
      byte[] ct,
      int ctOff,
      int ctLen,
      byte[] tag,
      int tagOff) {
    Cipher c = Aes.gcm();
    byte[] in;
    int inOff;
    if (tag == ct && tagOff == ctOff + ctLen) {
      in = ct;
      inOff = ctOff;
    } else {
      int stagedLength = ctLen + TAG_LENGTH;
      if (stagedLength >= STAGING_MIN && stagedLength <= STAGING_MAX) {
        in = staging(stagedLength);
        System.arraycopy(ct, ctOff, in, 0, ctLen);
      } else {
        // copyOfRange zero-fills only what lies past the end of ct (the tag's place), not the whole array.
        in = Arrays.copyOfRange(ct, ctOff, ctOff + stagedLength);
      }
      inOff = 0;
      System.arraycopy(tag, tagOff, in, ctLen, TAG_LENGTH);
    }
    byte[] out = new byte[ctLen];
    try {
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_LENGTH * 8, ivBuf, ivOff, IV_LENGTH));
      if (aad != null) {
        c.updateAAD(aad);
      }
      // One call with ciphertext || tag: correct whether the provider releases plaintext only from
      // doFinal (SunJCE) or streams it (Bouncy Castle). Check the total all the same.
      int n = c.doFinal(in, inOff, ctLen + TAG_LENGTH, out, 0);
      if (n != ctLen) {
        throw new IllegalStateException("AES-GCM provider returned " + n + " bytes for " + ctLen);
      }
      return out;
    } catch (AEADBadTagException e) {
      Arrays.fill(out, (byte) 0); // a streaming provider may have released unauthenticated plaintext
      throw new AuthenticationFailedException(
          "Secure Cell authentication failed: wrong key, wrong context, or corrupted data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  public static void requireKeyLength(int keyBytes) {
    if (keyBytes != 16 && keyBytes != 24 && keyBytes != 32) {
      throw new InvalidArgumentException("unsupported AES key length");
    }
  }

  /**
   * Seals non-empty {@code data} into {@code out[off, off + 44 + data.length)}.
   *
   * @param ctx the normalized context (null for none)
   */
  public static void sealInto(byte[] masterKey, byte[] data, byte[] ctx, byte[] out, int off) {
    int n = data.length;
    writeKeyHeader(out, off, ALG_GCM_256, n);
    int ivOffset = off + KEY_HEADER_LENGTH;
    Rng.fill(out, ivOffset, IV_LENGTH);
    byte[] k = messageKey(masterKey, 32, n, ctx);
    try {
      gcmEncrypt(
          k, out, ivOffset, ctx, data, out, off + KEY_TOKEN_LENGTH,
          out, ivOffset + IV_LENGTH);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * Opens the Seal occupying {@code in[off, off + len)}.
   *
   * @param ctx the normalized context (null for none)
   */
  public static byte[] open(byte[] masterKey, byte[] ctx, byte[] in, int off, int len) {
    if (len < KEY_HEADER_LENGTH) {
      throw new MalformedDataException("data is too short to be a Secure Cell (" + len + " bytes)");
    }
    long n = Bytes.readLe32Unsigned(in, off + 12);
    if (n == 0 || n > len) {
      throw new MalformedDataException("Secure Cell message length field is inconsistent with the data length");
    }
    int tokenLength = len - (int) n;
    KeyToken t = parseKeyToken(in, off, tokenLength);
    int keyBytes = gcmKeyBytes(t.alg, KDF_SOTER);
    byte[] k = messageKey(masterKey, keyBytes, (int) n, ctx);
    try {
      return gcmDecrypt(k, in, t.ivOffset, ctx, in, off + tokenLength, (int) n, in, t.tagOffset);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
