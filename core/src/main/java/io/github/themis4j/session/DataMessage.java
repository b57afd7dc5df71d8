package io.github.themis4j.session;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Aes;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Secure Session data message (themis-spec §7.4-§7.5, Themis {@code secure_session_message.c}):
 *
 * <pre>
 * offset 0   BE32 session id (wire form)
 * offset 4   16-byte random IV; only its first 12 bytes are the GCM nonce
 * offset 20  AES-256-GCM, no AAD, of: BE32 (n + 12) | BE32 seq | BE64 unix seconds | payload[n]
 * then       16-byte GCM tag
 * </pre>
 *
 * <p>Total size n + 52. Stateless; not public API.
 */
final class DataMessage {
  static final int IV_LENGTH = 16;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  /** Encrypted header: length, sequence number, timestamp. */
  static final int HEADER_LENGTH = 4 + 4 + 8;
  /** session id + IV + header + tag. */
  static final int OVERHEAD = 4 + IV_LENGTH + HEADER_LENGTH + TAG_LENGTH;
  /** The largest payload that fits a Java array once wrapped. */
  static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64 - OVERHEAD;

  private DataMessage() {}

  /** A decrypted and authenticated data message. */
  record Opened(int sequence, long timestamp, byte[] payload) {}

  static byte[] seal(byte[] key, int wireSessionId, int sequence, long timestamp, byte[] payload) {
    if (payload.length > MAX_PAYLOAD) {
      throw new InvalidArgumentException("message is too long for a Secure Session data message");
    }
    int n = payload.length;
    byte[] out = new byte[n + OVERHEAD];
    Bytes.writeBe32(out, 0, wireSessionId);
    Rng.fill(out, 4, IV_LENGTH);
    byte[] plain = new byte[HEADER_LENGTH + n];
    Bytes.writeBe32(plain, 0, n + 12);
    Bytes.writeBe32(plain, 4, sequence);
    Bytes.writeBe64(plain, 8, timestamp);
    System.arraycopy(payload, 0, plain, HEADER_LENGTH, n);
    try {
      Cipher gcm = Aes.gcm();
      gcm.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, out, 4, NONCE_LENGTH));
      int written = gcm.doFinal(plain, 0, plain.length, out, 4 + IV_LENGTH);
      if (written != plain.length + TAG_LENGTH) {
        throw new IllegalStateException("AES-GCM produced an unexpected length");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
    return out;
  }

  /** Reads the session id field of a message of at least {@link #OVERHEAD} bytes. */
  static int wireSessionId(byte[] message) {
    return Bytes.readBe32(message, 0);
  }

  /**
   * Authenticates and decrypts a data message. Unlike Themis, which checks the sequence number
   * and timestamp it decrypted before verifying the GCM tag, nothing decrypted is used before it is
   * authenticated except the length field, which only locates the tag: a wrong length makes the tag
   * check fail. Trailing bytes after the tag are ignored, as in Themis.
   *
   * @throws MalformedDataException if the message is shorter than 52 bytes, or its length field is
   *     below 12 or larger than the message (truncation, but also what a wrong key or tampering looks
   *     like before authentication)
   * @throws AuthenticationFailedException if the GCM tag does not verify (wrong key, tampering)
   */
  static Opened open(byte[] key, byte[] message) {
    if (message.length < OVERHEAD) {
      throw new MalformedDataException(
          "Secure Session data message is truncated (" + message.length + " bytes, at least " + OVERHEAD
              + " needed)");
    }
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    long length = Bytes.readBe32Unsigned(peekLength(k, message), 0);
    if (length < 12) {
      throw new MalformedDataException(
          "Secure Session data message has an invalid length field (tampered message or wrong session keys)");
    }
    if (length > message.length - 40L) {
      throw new MalformedDataException(
          "Secure Session data message is truncated, or its length field is invalid (tampered message or "
              + "wrong session keys)");
    }
    int ciphertextLength = 4 + (int) length + TAG_LENGTH;
    byte[] plain;
    try {
      Cipher gcm = Aes.gcm();
      gcm.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, message, 4, NONCE_LENGTH));
      plain = gcm.doFinal(message, 4 + IV_LENGTH, ciphertextLength);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException(
          "Secure Session data message does not authenticate (wrong session keys or tampered message)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
    byte[] payload = new byte[plain.length - HEADER_LENGTH];
    System.arraycopy(plain, HEADER_LENGTH, payload, 0, payload.length);
    Opened opened = new Opened(Bytes.readBe32(plain, 4), Bytes.readBe64(plain, 8), payload);
    java.util.Arrays.fill(plain, (byte) 0);
    return opened;
  }

  /**
   * Decrypts (without authenticating) the 4-byte length field: GCM's first keystream block is
   * AES(nonce || 00000002), i.e. CTR mode from that counter block.
   */
  private static byte[] peekLength(SecretKeySpec key, byte[] message) {
    byte[] counter = new byte[16];
    System.arraycopy(message, 4, counter, 0, NONCE_LENGTH);
    counter[15] = 2;
    try {
      Cipher ctr = Aes.ctr();
      ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counter));
      return ctr.doFinal(message, 4 + IV_LENGTH, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
  }
}
