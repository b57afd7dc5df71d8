package io.github.themis4j.cell;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;

/**
 * Secure Cell: Themis's symmetric encryption for data at rest, byte-compatible with Themis 0.15.
 *
 * <p>Pick a mode:
 *
 * <ul>
 *   <li>{@link #sealWithKey Seal}: authenticated encryption (AES-256-GCM); the output is 44 bytes
 *       longer than the input and carries everything needed to decrypt. The default choice.
 *   <li>{@link #sealWithPassphrase Seal with passphrase}: the same, keyed by a human passphrase
 *       through PBKDF2-HMAC-SHA256 (314,110 iterations, random salt); the output is 70 bytes longer.
 *   <li>{@link #tokenProtectWithKey Token Protect}: the same authenticated encryption, with the
 *       ciphertext exactly as long as the plaintext and the 44-byte authentication token returned
 *       separately, for schemas whose column length is fixed.
 *   <li>{@link #contextImprintWithKey Context Imprint}: deterministic, length-preserving AES-256-CTR
 *       <b>without integrity protection</b>. A wrong key or context gives garbage, not an error; use
 *       it only where the length must be preserved and another layer authenticates the data.
 * </ul>
 *
 * <p>The optional <em>context</em> binds a ciphertext to where it belongs (a row id, a column
 * name): decrypting with another context fails. A null context and an empty one mean the same
 * (no context), as in Themis.
 *
 * <p>Cell objects are immutable and safe to share across threads. Every failure is reported as a
 * {@link io.github.themis4j.ThemisException}; messages never contain data or key material.
 */
public final class SecureCell {
  private SecureCell() {}

  /** A Secure Cell in Seal mode (key or passphrase). */
  public interface Seal {
    /** Encrypts non-empty {@code data} without context. */
    byte[] encrypt(byte[] data);

    /** Encrypts non-empty {@code data} bound to {@code context} (null or empty: no context). */
    byte[] encrypt(byte[] data, byte[] context);

    /** Decrypts a Seal made without context. */
    byte[] decrypt(byte[] sealed);

    /**
     * Decrypts a Seal made with {@code context}.
     *
     * @throws io.github.themis4j.MalformedDataException if the input is not a well-formed Seal
     * @throws io.github.themis4j.AuthenticationFailedException on a wrong key, passphrase or
     *     context, or tampered data
     */
    byte[] decrypt(byte[] sealed, byte[] context);
  }

  /** A Secure Cell in Token Protect mode. */
  public interface TokenProtect {
    /** Encrypts non-empty {@code data}; the ciphertext has the same length as {@code data}. */
    TokenProtectedData encrypt(byte[] data, byte[] context);

    /** Encrypts without context. */
    default TokenProtectedData encrypt(byte[] data) {
      return encrypt(data, null);
    }

    /** Decrypts {@code ciphertext} with its authentication {@code token}. */
    byte[] decrypt(byte[] ciphertext, byte[] token, byte[] context);

    /** Decrypts without context. */
    default byte[] decrypt(byte[] ciphertext, byte[] token) {
      return decrypt(ciphertext, token, null);
    }
  }

  /**
   * A Secure Cell in Context Imprint mode: deterministic, length-preserving, <b>unauthenticated</b>.
   * Equal plaintexts under equal context encrypt to equal ciphertexts.
   */
  public interface ContextImprint {
    /** Encrypts non-empty {@code data}; the context is required and must be non-empty. */
    byte[] encrypt(byte[] data, byte[] context);

    /** Decrypts; a wrong key or context yields different bytes, never an error. */
    byte[] decrypt(byte[] data, byte[] context);
  }

  /** Seal mode with a master key. */
  public static Seal sealWithKey(SymmetricKey key) {
    return new SealWithKey(requireKey(key));
  }

  /** Seal mode with a passphrase, encoded as UTF-8 as Themis does by default. */
  public static Seal sealWithPassphrase(String passphrase) {
    if (passphrase == null) {
      throw new InvalidArgumentException("passphrase must not be null");
    }
    if (passphrase.isEmpty()) {
      throw new InvalidArgumentException("passphrase must not be empty");
    }
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(passphrase));
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return new SealWithPassphrase(bytes);
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException("passphrase is not valid Unicode (unpaired surrogate)");
    }
  }

  /**
   * Seal mode with a passphrase already encoded as bytes, for peers that used an encoding other
   * than UTF-8 (for example UTF-16LE).
   */
  public static Seal sealWithPassphrase(byte[] passphrase) {
    return new SealWithPassphrase(Bytes.requireNonEmpty(passphrase, "passphrase").clone());
  }

  /** Token Protect mode with a master key. */
  public static TokenProtect tokenProtectWithKey(SymmetricKey key) {
    return new TokenProtectWithKey(requireKey(key));
  }

  /** Context Imprint mode with a master key. */
  public static ContextImprint contextImprintWithKey(SymmetricKey key) {
    return new ContextImprintWithKey(requireKey(key));
  }

  private static byte[] requireKey(SymmetricKey key) {
    if (key == null) {
      throw new InvalidArgumentException("key must not be null");
    }
    return key.toByteArray();
  }
}
