package io.github.themis4j.message;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.Rng;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * The EC primitives of Secure Message on the JDK provider: ECDH with a fixed-length shared secret
 * and ECDSA over SHA-256 with DER-encoded signatures (Themis {@code soter_asym_ka.c}, {@code
 * soter_sign_ecdsa.c}, {@code soter_verify_ecdsa.c}). Bouncy Castle only where the JDK is wrong
 * (see {@link #verify}). Stateless; JCA engines are per thread.
 */
final class EcCrypto {
  private static final ThreadLocal<Signature> ECDSA =
      ThreadLocal.withInitial(() -> signature("SHA256withECDSA"));

  private EcCrypto() {}

  /**
   * ECDH: the x-coordinate of {@code priv * pub}, big-endian and left-padded with zeros to {@code
   * fieldBytes} (32 for P-256), as OpenSSL/BoringSSL's {@code EVP_PKEY_derive} returns it.
   *
   * @throws InvalidArgumentException if the provider rejects the keys (they are validated on
   *     import, so this means keys on different curves; callers check that first)
   */
  static byte[] ecdh(ECPrivateKey priv, ECPublicKey pub, int fieldBytes) {
    byte[] secret;
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(priv);
      ka.doPhase(pub, true);
      secret = ka.generateSecret();
    } catch (InvalidKeyException e) {
      throw new InvalidArgumentException("EC key agreement rejected the keys (are they on the same curve?)");
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
   *
   * <p>The JDK provider does the work. JDK 17's SunEC wrongly rejects the valid signatures whose
   * nonce point has an x-coordinate of at least the group order (x is then reduced mod n to a small
   * r; Wycheproof ecdsa_secp256r1_sha256 tcId 350 and 479). Honest signatures hit this with
   * probability about 2^-128, but Themis accepts them, so a rejected signature with such a small r
   * is checked again with Bouncy Castle's ECDSA.
   */
  static boolean verify(
      EcCurve curve, ECPublicKey key, byte[] data, int off, int len, byte[] sig, int sigOff, int sigLen) {
    BigInteger[] rs = Der.parseEcdsaSignature(sig, sigOff, sigLen);
    if (rs == null) {
      return false;
    }
    Signature s = ECDSA.get();
    boolean valid;
    try {
      s.initVerify(key);
      s.update(data, off, len);
      valid = s.verify(sig, sigOff, sigLen);
    } catch (SignatureException e) {
      valid = false;
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("EC public key rejected by the JDK provider");
    }
    if (!valid && mayHaveReducedX(curve, rs[0])) {
      valid = verifyWithBouncyCastle(curve, key, data, off, len, rs[0], rs[1]);
    }
    return valid;
  }

  /** True if r + n is still a field element, so R.x may have been r + n rather than r. */
  private static boolean mayHaveReducedX(EcCurve curve, BigInteger r) {
    X9ECParameters x9 = CustomNamedCurves.getByName(curve.curveName());
    return r.add(x9.getN()).compareTo(x9.getCurve().getField().getCharacteristic()) < 0;
  }

  private static boolean verifyWithBouncyCastle(
      EcCurve curve, ECPublicKey key, byte[] data, int off, int len, BigInteger r, BigInteger s) {
    X9ECParameters x9 = CustomNamedCurves.getByName(curve.curveName());
    ECDomainParameters domain = new ECDomainParameters(x9);
    org.bouncycastle.math.ec.ECPoint q =
        x9.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY());
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, new ECPublicKeyParameters(q, domain));
    SHA256Digest sha = new SHA256Digest();
    sha.update(data, off, len);
    byte[] digest = new byte[32];
    sha.doFinal(digest, 0);
    return signer.verifySignature(digest, r, s);
  }

  private static Signature signature(String alg) {
    try {
      return Signature.getInstance(alg);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " is not available in this JDK", e);
    }
  }
}
