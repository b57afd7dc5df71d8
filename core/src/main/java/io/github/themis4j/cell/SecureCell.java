package io.github.themis4j.cell;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Secure Cell: Themis's symmetric encryption for data at rest, byte-compatible with Themis 0.15
 * (and with cells written by Themis 0.10 and later).
 *
 * <p>Pick a mode:
 *
 * <ul>
 *   <li>{@link #sealWithKey Seal}: authenticated encryption (AES-256-GCM, a fresh random IV per
 *       message, a per-message key derived from the master key, the message length and the
 *       context); the output is 44 bytes longer than the input and carries everything needed to
 *       decrypt. The default choice.
 *   <li>{@link #sealWithPassphrase(String) Seal with passphrase}: the same, keyed by a human
 *       passphrase through PBKDF2-HMAC-SHA256 (314,110 iterations, 16-byte random salt); the output
 *       is 70 bytes longer. Each call costs about 0.3 s of CPU by design: use a key where you can.
 *   <li>{@link #tokenProtectWithKey Token Protect}: the same authenticated encryption, with the
 *       ciphertext exactly as long as the plaintext and the 44-byte authentication token returned
 *       separately, for schemas whose column length is fixed.
 *   <li>{@link #contextImprintWithKey Context Imprint}: deterministic, length-preserving
 *       AES-256-CTR <b>without integrity protection</b>. A wrong key or context gives garbage, not
 *       an error; equal plaintexts under the same key and context give equal ciphertexts. Use it
 *       only where the length must be preserved and another layer authenticates the data.
 * </ul>
 *
 * <h2>Security guarantees</h2>
 *
 * Seal and Token Protect give confidentiality and integrity of the data and bind it to its context
 * and length: a ciphertext decrypts only with the same master key (or passphrase) and the same
 * context, and any modification is detected ({@link
 * io.github.themis4j.AuthenticationFailedException}). They do not hide the plaintext length, and
 * they do not stop replay of an older ciphertext stored under the same context. Context Imprint
 * gives confidentiality only, and reveals equality of plaintexts.
 *
 * <h2>Arguments</h2>
 *
 * <ul>
 *   <li>Plaintexts must be non-empty, as in Themis.
 *   <li>The optional <em>context</em> binds a ciphertext to where it belongs (a row id, a column
 *       name): decrypting with another context fails. A {@code null} context and an empty one mean
 *       the same (no context), as in Themis. Context Imprint requires a non-empty context.
 *   <li>Every {@code null} or empty required argument throws {@link
 *       io.github.themis4j.InvalidArgumentException}.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * Every failure is a {@link io.github.themis4j.ThemisException}: {@link
 * io.github.themis4j.InvalidArgumentException} for null or empty arguments, {@link
 * io.github.themis4j.MalformedDataException} for input that is not a well-formed cell (truncated,
 * unknown algorithm, inconsistent length fields), {@link
 * io.github.themis4j.AuthenticationFailedException} for a well-formed cell that does not verify
 * (wrong key, passphrase or context; tampering). Messages never contain data or key material.
 *
 * <h2>Compatibility leniencies</h2>
 *
 * Decryption accepts exactly what Themis 0.15 accepts, including its leniencies: bytes between the
 * authentication tag and the ciphertext of a Seal (and trailing bytes after a Token Protect token)
 * are ignored; IV and tag length fields larger than 12 and 16 are accepted and only the first 12
 * and 16 bytes used; AES-128 and AES-192 variants of the algorithm identifier decrypt. The one
 * deliberate deviation: passphrase cells declaring more than 10,000,000 PBKDF2 iterations are
 * refused (Themis would spend up to an hour on them).
 *
 * <h2>Thread safety</h2>
 *
 * Cell objects are immutable and safe to share across threads; they keep a copy of the key.
 */
public final class SecureCell {
  private SecureCell() {}

  /** A Secure Cell in Seal mode (key or passphrase). Thread-safe. */
  public interface Seal {
    /**
     * Encrypts non-empty {@code data} without context.
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code data} is null or empty
     */
    byte[] encrypt(byte[] data);

    /**
     * Encrypts non-empty {@code data} bound to {@code context} (null or empty: no context).
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code data} is null or empty
     */
    byte[] encrypt(byte[] data, byte[] context);

    /**
     * Decrypts a Seal made without context.
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code sealed} is null or empty
     * @throws io.github.themis4j.MalformedDataException if the input is not a well-formed Seal
     * @throws io.github.themis4j.AuthenticationFailedException on a wrong key or passphrase, a
     *     context that was used for encryption, or tampered data
     */
    byte[] decrypt(byte[] sealed);

    /**
     * Decrypts a Seal made with {@code context} (null or empty: no context).
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code sealed} is null or empty
     * @throws io.github.themis4j.MalformedDataException if the input is not a well-formed Seal
     * @throws io.github.themis4j.AuthenticationFailedException on a wrong key, passphrase or
     *     context, or tampered data
     */
    byte[] decrypt(byte[] sealed, byte[] context);
  }

  /** A Secure Cell in Token Protect mode. Thread-safe. */
  public interface TokenProtect {
    /**
     * Encrypts non-empty {@code data} bound to {@code context} (null or empty: no context); the
     * ciphertext has the same length as {@code data}.
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code data} is null or empty
     */
    TokenProtectedData encrypt(byte[] data, byte[] context);

    /** Encrypts without context. */
    default TokenProtectedData encrypt(byte[] data) {
      return encrypt(data, null);
    }

    /**
     * Decrypts {@code ciphertext} with its authentication {@code token} and {@code context} (null
     * or empty: no context).
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code ciphertext} or {@code token} is
     *     null or empty
     * @throws io.github.themis4j.MalformedDataException if the token is malformed or does not match
     *     the ciphertext length
     * @throws io.github.themis4j.AuthenticationFailedException on a wrong key or context, or
     *     tampered data
     */
    byte[] decrypt(byte[] ciphertext, byte[] token, byte[] context);

    /** Decrypts without context. */
    default byte[] decrypt(byte[] ciphertext, byte[] token) {
      return decrypt(ciphertext, token, null);
    }
  }

  /**
   * A Secure Cell in Context Imprint mode: deterministic, length-preserving,
   * <b>unauthenticated</b>. Equal plaintexts under equal key and context encrypt to equal
   * ciphertexts. Thread-safe.
   */
  public interface ContextImprint {
    /**
     * Encrypts non-empty {@code data}; the context is required and must be non-empty.
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code data} or {@code context} is
     *     null or empty
     */
    byte[] encrypt(byte[] data, byte[] context);

    /**
     * Decrypts; a wrong key or context yields different bytes of the same length, never an error.
     *
     * @throws io.github.themis4j.InvalidArgumentException if {@code data} or {@code context} is
     *     null or empty
     */
    byte[] decrypt(byte[] data, byte[] context);
  }

  /**
   * Seal mode with a master key.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code key} is null
   */
  public static Seal sealWithKey(SymmetricKey key) {
    return new SealWithKey(requireKey(key));
  }

  /**
   * Seal mode with a passphrase, encoded as UTF-8 as Themis does by default. Encryption uses
   * 314,110 PBKDF2 iterations like Themis 0.15; decryption uses the count the cell declares, but
   * refuses more than 10,000,000 (a deliberate deviation: Themis accepts up to 2<sup>32</sup>-1).
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code passphrase} is null, empty or not
   *     valid Unicode (an unpaired surrogate)
   */
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
      if (b.hasArray()) {
        // the encoder's buffer holds the passphrase too (and may be larger than what it returned)
        Arrays.fill(b.array(), (byte) 0);
      }
      return new SealWithPassphrase(bytes);
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException("passphrase is not valid Unicode (unpaired surrogate)");
    }
  }

  /**
   * Seal mode with a passphrase already encoded as bytes, for peers that used an encoding other
   * than UTF-8 (for example UTF-16LE). The bytes are copied.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code passphrase} is null or empty
   */
  public static Seal sealWithPassphrase(byte[] passphrase) {
    return new SealWithPassphrase(Bytes.requireNonEmpty(passphrase, "passphrase").clone());
  }

  /**
   * Token Protect mode with a master key.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code key} is null
   */
  public static TokenProtect tokenProtectWithKey(SymmetricKey key) {
    return new TokenProtectWithKey(requireKey(key));
  }

  /**
   * Context Imprint mode with a master key. Unauthenticated: see {@link ContextImprint}.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code key} is null
   */
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
