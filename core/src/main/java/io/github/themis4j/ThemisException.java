package io.github.themis4j;

/**
 * Root of every exception themis4j throws.
 *
 * <p>Unchecked by design: a failure to decrypt, verify or parse is almost never something the
 * immediate caller can repair, and an unchecked type lets the library sit behind interfaces such
 * as JPA's {@code AttributeConverter} without wrapping. Catch {@code ThemisException} to handle
 * every themis4j failure at once, or one of its subclasses for a specific cause:
 *
 * <ul>
 *   <li>{@link InvalidArgumentException}: a null, empty or out-of-range argument, or a valid key of
 *       the wrong kind (RSA where EC is needed, keys that do not belong together);
 *   <li>{@link KeyFormatException}: key bytes that cannot be decoded as a valid Themis key;
 *   <li>{@link MalformedDataException}: input whose structure is wrong (truncated, bad header,
 *       inconsistent length fields);
 *   <li>{@link AuthenticationFailedException}: input that is well formed but fails its integrity
 *       check (wrong key, wrong context, wrong passphrase, tampering, bad signature or MAC);
 *   <li>{@link ProtocolStateException}: a protocol step taken at the wrong time.
 * </ul>
 *
 * <p>Messages say what failed and never include key material, plaintext or passphrases.
 */
public class ThemisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public ThemisException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public ThemisException(String message, Throwable cause) {
    super(message, cause);
  }
}
