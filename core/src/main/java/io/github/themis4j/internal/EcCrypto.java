package io.github.themis4j.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECConstantTimeMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over SHA-256 and ECDH on the NIST curves, as Themis's Soter does them on OpenSSL ({@code
 * soter_sign_ecdsa.c}, {@code soter_verify_ecdsa.c}, {@code soter_asym_ka.c}); the one
 * implementation behind Secure Message and Secure Session. Not public API.
 *
 * <p>The arithmetic is Bouncy Castle's lightweight EC on its custom curves ({@code
 * CustomNamedCurves}: {@code SecP256R1Curve} and friends, with fixed-size field arithmetic), 3 to
 * 10 times faster than SunEC on JDK 17. Keys stay JCA keys at the API ({@code
 * PublicKey.toJcaKey()}); this class turns them into Bouncy Castle points through {@link
 * EcPointCache}, which keeps the point object, and with it Bouncy Castle's per-point
 * precomputation, for public keys that are used again.
 *
 * <p><b>Secret scalars and timing.</b> Bouncy Castle documents no formal constant-time guarantee.
 * What it does provide, and what this class relies on:
 *
 * <ul>
 *   <li>Every multiplication by a secret scalar uses one of Bouncy Castle's two regular
 *       multipliers: {@link FixedPointCombMultiplier} for d·G (signing nonces, key generation) and
 *       for ECDH with a cached peer key, {@link ECConstantTimeMultiplier} (signed fixed windows
 *       over an odd scalar, k or k + n) for ECDH with an ephemeral peer key. Both do a fixed number
 *       of point doublings and additions whatever the scalar (the comb's table is built with an
 *       offset so that no entry is the point at infinity) and look points up through {@code
 *       ECLookupTable}, which for the custom curves reads every entry and selects with masks. The custom-curve field arithmetic ({@code
 *       Nat256}, {@code SecP256R1Field}) has no data-dependent branches for ordinary inputs. The
 *       generic wNAF multiplier behind {@code ECPoint.multiply} does not have these properties and
 *       is used only with public scalars (signature verification).
 *   <li>The nonce inversion uses {@link BigIntegers#modOddInverse}, Bouncy Castle's constant-time
 *       (safegcd) inversion. The remaining scalar arithmetic of a signature, {@code s = k⁻¹(e +
 *       r·d) mod n}, runs on {@code java.math.BigInteger}, whose timing depends on the operands'
 *       lengths; it is blinded by a fresh random factor per signature (as OpenSSL does), so the
 *       values it handles are unrelated to d and k.
 * </ul>
 *
 * <p>Signatures use a random nonce k from the platform {@code SecureRandom} for every signature,
 * as Themis (OpenSSL's {@code ECDSA_do_sign}) does.
 */
public final class EcCrypto {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available in this JDK", e);
            }
          });

  private EcCrypto() {}

  // ---------------------------------------------------------------------------------------------
  // ECDH

  /**
   * ECDH: the x-coordinate of {@code priv * pub}, big-endian and left-padded with zeros to the
   * curve's field size (32 bytes for P-256), as OpenSSL's {@code EVP_PKEY_derive} returns it.
   *
   * @param reusedPeer whether {@code pub} is a long-term key likely to be used again (its
   *     precomputation is then cached); false for ephemeral keys
   * @throws IllegalArgumentException if the keys are on different curves (callers check first)
   */
  public static byte[] ecdh(ECPrivateKey priv, ECPublicKey pub, boolean reusedPeer) {
    EcCurve curve = EcCurve.of(pub);
    if (EcCurve.of(priv) != curve) {
      throw new IllegalArgumentException("EC keys are on different curves");
    }
    // Both multipliers are regular in the secret scalar (see the class comment). For a reused peer
    // key the comb's table is built once and kept with the cached point (then about 0.4 of a
    // multiplication on a new point); an ephemeral key gets the fixed-window multiplier, whose
    // small table costs less to build than the comb's.
    ECPoint shared =
        reusedPeer
            ? new FixedPointCombMultiplier().multiply(EcPointCache.get(curve, pub), priv.getS())
            : new ECConstantTimeMultiplier(curve.order())
                .multiply(EcPointCache.fresh(curve, pub), priv.getS());
    shared = shared.normalize();
    if (shared.isInfinity()) {
      throw new IllegalArgumentException("ECDH produced the point at infinity"); // impossible: 0 < d < n, n prime
    }
    return shared.getAffineXCoord().getEncoded(); // exactly fieldBytes, leading zeros kept
  }

  // ---------------------------------------------------------------------------------------------
  // ECDSA

  /** ECDSA over SHA-256 of {@code data[off, off + len)}; DER {@code ECDSA-Sig-Value}. */
  public static byte[] sign(ECPrivateKey key, byte[] data, int off, int len) {
    MessageDigest sha = SHA256.get();
    sha.update(data, off, len);
    return signDigest(key, sha.digest());
  }

  /** ECDSA over SHA-256 of the concatenation of {@code parts}; DER {@code ECDSA-Sig-Value}. */
  public static byte[] sign(ECPrivateKey key, byte[]... parts) {
    return signDigest(key, digest(parts));
  }

  /**
   * Verifies the DER signature {@code sig[sigOff, sigOff + sigLen)} over SHA-256 of {@code
   * data[off, off + len)}. Only the canonical DER encoding is accepted, as in BoringSSL and OpenSSL
   * (which re-encode the parsed signature and compare). Signatures whose nonce point has an
   * x-coordinate of at least the group order (reduced mod n to a small r; Wycheproof
   * ecdsa_secp256r1_sha256 tcId 350 and 479) are valid, as in Themis.
   */
  public static boolean verify(
      ECPublicKey key, byte[] data, int off, int len, byte[] sig, int sigOff, int sigLen) {
    MessageDigest sha = SHA256.get();
    sha.update(data, off, len);
    return verifyDigest(key, sha.digest(), sig, sigOff, sigLen);
  }

  /** As {@link #verify(ECPublicKey, byte[], int, int, byte[], int, int)}, over {@code parts}. */
  public static boolean verify(ECPublicKey key, byte[] sig, byte[]... parts) {
    return verifyDigest(key, digest(parts), sig, 0, sig.length);
  }

  private static byte[] digest(byte[]... parts) {
    MessageDigest sha = SHA256.get();
    for (byte[] p : parts) {
      sha.update(p);
    }
    return sha.digest();
  }

  private static byte[] signDigest(ECPrivateKey key, byte[] digest) {
    EcCurve curve = EcCurve.of(key);
    BigInteger n = curve.order();
    BigInteger d = key.getS();
    BigInteger e = truncatedDigest(digest, n);
    while (true) {
      BigInteger k = BigIntegers.createRandomInRange(BigInteger.ONE, n.subtract(BigInteger.ONE), Rng.secureRandom());
      ECPoint p = new FixedPointCombMultiplier().multiply(curve.generator(), k).normalize();
      BigInteger r = p.getAffineXCoord().toBigInteger().mod(n);
      if (r.signum() == 0) {
        continue;
      }
      // s = k^-1 (e + r d) = (k b)^-1 (e b + r (d b)) with a random blinding factor b.
      BigInteger b = BigIntegers.createRandomInRange(BigInteger.ONE, n.subtract(BigInteger.ONE), Rng.secureRandom());
      BigInteger kbInv = BigIntegers.modOddInverse(n, k.multiply(b).mod(n));
      BigInteger db = d.multiply(b).mod(n);
      BigInteger s = e.multiply(b).add(r.multiply(db)).mod(n).multiply(kbInv).mod(n);
      if (s.signum() != 0) {
        return Der.encodeEcdsaSignature(r, s);
      }
    }
  }

  private static boolean verifyDigest(
      ECPublicKey key, byte[] digest, byte[] sig, int sigOff, int sigLen) {
    BigInteger[] rs = Der.parseEcdsaSignature(sig, sigOff, sigLen);
    if (rs == null) {
      return false;
    }
    EcCurve curve = EcCurve.of(key);
    BigInteger n = curve.order();
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      return false; // both are positive by the DER parse
    }
    BigInteger e = truncatedDigest(digest, n);
    BigInteger w = BigIntegers.modOddInverseVar(n, s); // public values: variable time is fine
    BigInteger u1 = e.multiply(w).mod(n);
    BigInteger u2 = r.multiply(w).mod(n);
    ECPoint q = EcPointCache.get(curve, key);
    ECPoint p = ECAlgorithms.sumOfTwoMultiplies(curve.generator(), u1, q, u2).normalize();
    if (p.isInfinity()) {
      return false;
    }
    // x mod n == r, which also accepts the x >= n case (r = x - n) that Themis accepts.
    return p.getAffineXCoord().toBigInteger().mod(n).equals(r);
  }

  /** The leftmost bits of the digest, as many as the order has (FIPS 186-4 §6.4). */
  private static BigInteger truncatedDigest(byte[] digest, BigInteger n) {
    BigInteger e = new BigInteger(1, digest);
    int excess = digest.length * 8 - n.bitLength();
    return excess > 0 ? e.shiftRight(excess) : e;
  }
}
