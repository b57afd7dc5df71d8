package io.github.themis4j.cell;

import io.github.themis4j.internal.RawKeySeal;

/**
 * The Seal-mode implementation behind {@link RawKeySeal}, for cryptosystems inside themis4j that
 * seal with a derived key (Secure Message). Instantiated reflectively by {@link
 * RawKeySeal#instance()} so that the cell package's public API stays unchanged.
 */
final class RawKeySealImpl implements RawKeySeal {
  RawKeySealImpl() {}

  @Override
  public int sealedLength(int plaintextLength) {
    return CellFormat.KEY_TOKEN_LENGTH + plaintextLength;
  }

  @Override
  public void seal(byte[] key, byte[] plaintext, byte[] out, int offset) {
    CellFormat.requirePlaintext(plaintext);
    SealWithKey.sealInto(key, plaintext, null, out, offset);
  }

  @Override
  public byte[] open(byte[] key, byte[] sealed, int offset, int length) {
    return SealWithKey.open(key, null, sealed, offset, length);
  }
}
