package io.github.themis4j.internal;

import java.security.SecureRandom;

/** The one CSPRNG used for keys, IVs, salts and protocol randomness. Not public API. */
public final class Rng {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Rng() {}

  public static SecureRandom secureRandom() {
    return RANDOM;
  }

  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  public static void fill(byte[] b, int off, int len) {
    if (off == 0 && len == b.length) {
      RANDOM.nextBytes(b);
      return;
    }
    byte[] tmp = bytes(len);
    System.arraycopy(tmp, 0, b, off, len);
  }
}
