package io.github.themis4j.message;

import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.Rng;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;

/**
 * The EC primitives of Secure Message on the JDK provider: ECDH with a fixed-length shared secret
 * and ECDSA over SHA-256 with DER-encoded signatures (Themis {@code soter_asym_ka.c}, {@code
 * soter_sign_ecdsa.c}, {@code soter_verify_ecdsa.c}). Stateless; JCA engines are per thread.
 */
final class EcCrypto {
  private static final ThreadLocal<Signature> ECDSA =
      ThreadLocal.withInitial(() -> signature("SHA256withECDSA"));

  private EcCrypto() {}

  /**
   * ECDH: the x-coordinate of {@code priv * pub}, big-endian and left-padded with zeros to {@code
   * fieldBytes} (32 for P-256), as OpenSSL/BoringSSL's {@code EVP_PKEY_derive} returns it.
   *
   * @throws KeyFormatException if the provider rejects the keys (they are validated on import, so
   *     this means keys on different curves)
   */
  static byte[] ecdh(ECPrivateKey priv, ECPublicKey pub, int fieldBytes) {
    byte[] secret;
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(priv);
      ka.doPhase(pub, true);
      secret = ka.generateSecret();
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("EC key agreement rejected the keys (are they on the same curve?)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDH is not available in this JDK", e);
    }
    return fixedLength(secret, fieldBytes);
  }

  /** Left-pads {@code v} with zeros to {@code len} bytes. */
  static byte[] fixedLength(byte[] v, int len) {
    if (v.length == len) {
      return v;
    }
    int start = 0;
    while (v.length - start > len && v[start] == 0) {
      start++;
    }
    int n = v.length - start;
    if (n > len) {
      throw new IllegalStateException("ECDH secret is longer than the field size");
    }
    byte[] out = new byte[len];
    System.arraycopy(v, start, out, len - n, n);
    return out;
  }

  /** ECDSA over SHA-256 of {@code data}; DER {@code ECDSA-Sig-Value}. */
  static byte[] sign(ECPrivateKey key, byte[] data) {
    Signature s = ECDSA.get();
    try {
      s.initSign(key, Rng.secureRandom());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  /**
   * Verifies the DER signature {@code sig[sigOff, sigOff + sigLen)} over SHA-256 of {@code
   * data[off, off + len)}. Only the canonical DER encoding is accepted, as in BoringSSL and OpenSSL
   * (which re-encode the parsed signature and compare).
   */
  static boolean verify(ECPublicKey key, byte[] data, int off, int len, byte[] sig, int sigOff, int sigLen) {
    if (!Der.isCanonicalEcdsaSignature(sig, sigOff, sigLen)) {
      return false;
    }
    Signature s = ECDSA.get();
    try {
      s.initVerify(key);
      s.update(data, off, len);
      return s.verify(sig, sigOff, sigLen);
    } catch (SignatureException e) {
      return false;
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("EC public key rejected by the JDK provider");
    }
  }

  private static Signature signature(String alg) {
    try {
      return Signature.getInstance(alg);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " is not available in this JDK", e);
    }
  }
}
