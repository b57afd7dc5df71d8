package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Rng;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException.Reason;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.ProviderException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Data-key wrapping with AES-256-GCM under a JCA key (a token key through SunPKCS11, or a keystore
 * key): {@code 0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes)}, the associated data as GCM
 * AAD. GCM rather than AES-KW because SunPKCS11 offers {@code AES/KW} only from JDK 18.
 */
final class AesGcmWrapping {
  static final int VERSION = 1;
  private static final int NONCE = 12;
  private static final int TAG = 16;

  private AesGcmWrapping() {}

  static byte[] wrap(Key kek, Provider provider, String uri, byte[] dataKey, byte[] aad) {
    if (dataKey == null || dataKey.length == 0 || aad == null) {
      throw new InvalidArgumentException("data key and associated data must not be null or empty");
    }
    byte[] nonce = Rng.bytes(NONCE);
    byte[] ct =
        run(kek, provider, uri, Cipher.ENCRYPT_MODE, nonce, aad, dataKey, 0, dataKey.length);
    byte[] out = new byte[1 + NONCE + ct.length];
    out[0] = VERSION;
    System.arraycopy(nonce, 0, out, 1, NONCE);
    System.arraycopy(ct, 0, out, 1 + NONCE, ct.length);
    return out;
  }

  static byte[] unwrap(Key kek, Provider provider, String uri, byte[] wrapped, byte[] aad) {
    if (wrapped == null || aad == null) {
      throw new InvalidArgumentException("wrapped key and associated data must not be null");
    }
    if (wrapped.length < 1 + NONCE + TAG + 1 || wrapped.length > 1 + NONCE + TAG + 1024) {
      throw new KeyEncryptionKeyException(
          Reason.UNWRAP_FAILED,
          uri,
          "wrapped data key has an invalid length (" + wrapped.length + " bytes)");
    }
    if (wrapped[0] != VERSION) {
      throw new KeyEncryptionKeyException(
          Reason.UNWRAP_FAILED,
          uri,
          "wrapped data key has unknown format version " + (wrapped[0] & 0xff));
    }
    byte[] nonce = java.util.Arrays.copyOfRange(wrapped, 1, 1 + NONCE);
    return run(
        kek,
        provider,
        uri,
        Cipher.DECRYPT_MODE,
        nonce,
        aad,
        wrapped,
        1 + NONCE,
        wrapped.length - 1 - NONCE);
  }

  private static byte[] run(
      Key kek,
      Provider provider,
      String uri,
      int mode,
      byte[] nonce,
      byte[] aad,
      byte[] in,
      int off,
      int len) {
    try {
      Cipher c =
          provider == null
              ? Cipher.getInstance("AES/GCM/NoPadding")
              : Cipher.getInstance("AES/GCM/NoPadding", provider);
      c.init(mode, kek, new GCMParameterSpec(TAG * 8, nonce));
      c.updateAAD(aad);
      return c.doFinal(in, off, len);
    } catch (AEADBadTagException e) {
      throw unwrapFailed(uri, e);
    } catch (GeneralSecurityException e) {
      if (mode == Cipher.DECRYPT_MODE && e.getCause() != null) {
        // SunPKCS11 reports a failed GCM tag check as a PKCS11Exception (CKR_GENERAL_ERROR).
        throw unwrapFailed(uri, e);
      }
      throw new KeyEncryptionKeyException(
          Reason.UNSUITABLE,
          uri,
          "the key-encryption key " + uri + " cannot do AES-GCM: " + e.getMessage(),
          e);
    } catch (ProviderException | IllegalStateException e) {
      throw new KeyEncryptionKeyException(
          Reason.UNREACHABLE,
          uri,
          "the key-encryption key " + uri + " cannot be used: " + e.getMessage(),
          e);
    }
  }

  private static KeyEncryptionKeyException unwrapFailed(String uri, Exception e) {
    return new KeyEncryptionKeyException(
        Reason.UNWRAP_FAILED,
        uri,
        "the key-encryption key "
            + uri
            + " refused to unwrap the data key: wrong KEK, wrong ring or key id, or a"
            + " tampered wrapped key",
        e);
  }
}
