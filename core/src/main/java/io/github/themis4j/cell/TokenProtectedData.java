package io.github.themis4j.cell;

/**
 * The output of Token Protect encryption: a ciphertext as long as the plaintext, and the
 * authentication token needed to decrypt it. Both must be stored. Immutable.
 */
public final class TokenProtectedData {
  private final byte[] ciphertext;
  private final byte[] token;

  private TokenProtectedData(byte[] ciphertext, byte[] token) {
    this.ciphertext = ciphertext;
    this.token = token;
  }

  /**
   * Pairs a ciphertext with its token (both copied), for example after reading them from storage.
   */
  public static TokenProtectedData of(byte[] ciphertext, byte[] token) {
    io.github.themis4j.internal.Bytes.requireNonNull(ciphertext, "ciphertext");
    io.github.themis4j.internal.Bytes.requireNonNull(token, "token");
    return new TokenProtectedData(ciphertext.clone(), token.clone());
  }

  static TokenProtectedData wrap(byte[] ciphertext, byte[] token) {
    return new TokenProtectedData(ciphertext, token);
  }

  /** The encrypted data (a copy), exactly as long as the plaintext. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The authentication token (a copy), 44 bytes for cells written by Themis 0.15. */
  public byte[] token() {
    return token.clone();
  }

  @Override
  public String toString() {
    return "TokenProtectedData[ciphertext "
        + ciphertext.length
        + " bytes, token "
        + token.length
        + " bytes]";
  }
}
