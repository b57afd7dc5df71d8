package io.github.themis4j.internal;

import io.github.themis4j.InvalidArgumentException;
import java.nio.charset.StandardCharsets;

/**
 * Soter's KDF: a single HMAC-SHA-256 block in the style of ZRTP (RFC 6189 section 4.5.1),
 * without the trailing output length:
 *
 * <pre>T = HMAC-SHA256(key, 00 00 00 01 || label || 00 || context_1 || ... || context_n)</pre>
 *
 * <p>and the output is the first {@code length} (at most 32) bytes of T. With a null key the
 * "implicit key" is used: 32 zero bytes, overwritten with the label's first bytes, then XORed
 * with the first bytes of each context. Null contexts are skipped. Not public API.
 */
public final class SoterKdf {
  private static final byte[] COUNTER = {0, 0, 0, 1};
  private static final byte[] ZERO = {0};

  private SoterKdf() {}

  public static byte[] derive(byte[] key, String label, int length, byte[]... contexts) {
    if (length < 1 || length > 32) {
      throw new InvalidArgumentException("Soter KDF output length must be 1..32");
    }
    byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
    byte[] hmacKey = key != null ? key : implicitKey(labelBytes, contexts);
    if (hmacKey.length == 0) {
      throw new InvalidArgumentException("key must not be empty");
    }
    Hmac mac = Hmac.sha256(hmacKey);
    mac.update(COUNTER);
    mac.update(labelBytes);
    mac.update(ZERO);
    for (byte[] c : contexts) {
      if (c != null) {
        mac.update(c);
      }
    }
    byte[] t = mac.doFinal();
    if (length == 32) {
      return t;
    }
    byte[] out = new byte[length];
    System.arraycopy(t, 0, out, 0, length);
    return out;
  }

  private static byte[] implicitKey(byte[] label, byte[][] contexts) {
    byte[] k = new byte[32];
    System.arraycopy(label, 0, k, 0, Math.min(32, label.length));
    for (byte[] c : contexts) {
      if (c != null) {
        for (int i = 0; i < Math.min(32, c.length); i++) {
          k[i] ^= c[i];
        }
      }
    }
    return k;
  }
}
