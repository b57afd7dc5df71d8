package io.github.themis4j.jpa;

/**
 * A value stored in {@link CellMode#TOKEN_PROTECT} mode: the ciphertext for the attribute's column
 * (exactly as long as the encoded plaintext) and the token for the token column (envelope plus
 * Themis authentication token). Immutable; accessors return copies.
 */
public final class TokenProtectedValue {
  private final byte[] data;
  private final byte[] token;

  TokenProtectedValue(byte[] data, byte[] token) {
    this.data = data;
    this.token = token;
  }

  /** The ciphertext, for the attribute's own column. */
  public byte[] data() {
    return data.clone();
  }

  /** Envelope and authentication token, for the token column. */
  public byte[] token() {
    return token.clone();
  }

  @Override
  public String toString() {
    return "TokenProtectedValue[data " + data.length + " bytes, token " + token.length + " bytes]";
  }
}
