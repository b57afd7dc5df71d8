package io.github.themis4j.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A thin HMAC-SHA-256 wrapper over the JDK's intrinsic-backed implementation, reusing one
 * {@link Mac} per thread. An instance returned by {@link #sha256(byte[])} shares that thread's
 * {@code Mac}: finish with it before asking for another on the same thread. Not public API.
 */
public final class Hmac {
  private static final ThreadLocal<Mac> SHA256 = ThreadLocal.withInitial(() -> newMac("HmacSHA256"));
  private static final byte[] ZERO_KEY = {0};

  private final Mac mac;

  private Hmac(Mac mac) {
    this.mac = mac;
  }

  /**
   * Returns an HMAC-SHA-256 initialised with {@code key}, for use by the calling thread only. An
   * empty key is allowed (RFC 2104 pads every key shorter than a block with zeros, so it is
   * computed as the key {@code 00}); the JCA itself refuses empty keys.
   */
  public static Hmac sha256(byte[] key) {
    Mac mac = SHA256.get();
    try {
      mac.init(new SecretKeySpec(key.length == 0 ? ZERO_KEY : key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 key rejected", e);
    }
    return new Hmac(mac);
  }

  /** One-shot HMAC-SHA-256 over the concatenation of {@code parts}. */
  public static byte[] sha256(byte[] key, byte[]... parts) {
    Hmac h = sha256(key);
    for (byte[] p : parts) {
      h.update(p);
    }
    return h.doFinal();
  }

  public Hmac update(byte[] data) {
    mac.update(data);
    return this;
  }

  public Hmac update(byte[] data, int off, int len) {
    mac.update(data, off, len);
    return this;
  }

  public byte[] doFinal() {
    return mac.doFinal();
  }

  public void doFinal(byte[] out, int off) {
    try {
      mac.doFinal(out, off);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Mac newMac(String alg) {
    try {
      return Mac.getInstance(alg);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " is not available in this JDK", e);
    }
  }
}
