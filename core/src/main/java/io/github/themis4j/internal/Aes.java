package io.github.themis4j.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Per-thread JCA ciphers for AES-GCM and AES-CTR (JDK provider, AES-NI intrinsics). Not public API. */
public final class Aes {
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> cipher("AES/GCM/NoPadding"));
  private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> cipher("AES/CTR/NoPadding"));

  private Aes() {}

  /** This thread's AES-GCM cipher; initialise it before every use. */
  public static Cipher gcm() {
    return GCM.get();
  }

  /** This thread's AES-CTR cipher; initialise it before every use. */
  public static Cipher ctr() {
    return CTR.get();
  }

  private static Cipher cipher(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(transformation + " is not available in this JDK", e);
    }
  }
}
