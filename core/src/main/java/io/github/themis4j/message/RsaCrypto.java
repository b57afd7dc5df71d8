package io.github.themis4j.message;

import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The RSA primitives of Secure Message on the JDK provider (Themis {@code soter_asym_cipher.c},
 * {@code soter_sign_rsa.c}, {@code soter_verify_rsa.c}):
 *
 * <ul>
 *   <li>RSAES-OAEP with SHA-1, MGF1-SHA-1 and an empty label (RFC 8017 section 7.1);
 *   <li>RSASSA-PSS with SHA-256 and MGF1-SHA-256, signing with the maximum salt length
 *       ({@code emLen - 34}) as OpenSSL does for salt length -2;
 *   <li>EMSA-PSS verification (RFC 8017 section 9.1.2) written here on top of the JDK's raw RSA
 *       public operation, because the JDK checks one fixed salt length while Themis recovers the
 *       salt length from the signature and accepts any.
 * </ul>
 *
 * <p>Stateless; JCA engines are per thread.
 */
final class RsaCrypto {
  static final int SHA256_LENGTH = 32;

  private static final OAEPParameterSpec OAEP_SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

  private static final ThreadLocal<Cipher> OAEP = ThreadLocal.withInitial(() -> cipher("RSA/ECB/OAEPPadding"));
  private static final ThreadLocal<Cipher> RAW = ThreadLocal.withInitial(() -> cipher("RSA/ECB/NoPadding"));
  private static final ThreadLocal<Signature> PSS = ThreadLocal.withInitial(RsaCrypto::pssSignature);
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(RsaCrypto::sha256);

  private RsaCrypto() {}

  /** Size of the modulus in bytes (the length of every ciphertext and signature). */
  static int modulusBytes(RSAKey key) {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  /** RSAES-OAEP-ENCRYPT with SHA-1/MGF1-SHA-1 and an empty label. */
  static byte[] oaepEncrypt(RSAPublicKey key, byte[] plaintext) {
    Cipher c = OAEP.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA1, Rng.secureRandom());
      return c.doFinal(plaintext);
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("RSA public key rejected by the JDK provider");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP encryption failed", e);
    }
  }

  /**
   * RSAES-OAEP-DECRYPT of {@code ct[off, off + len)} with SHA-1/MGF1-SHA-1 and {@code label}.
   * Returns null on any decryption error, without saying which (RFC 8017 section 7.1.2 note).
   * The ciphertext must be exactly as long as the modulus, as BoringSSL requires.
   */
  static byte[] oaepDecrypt(RSAPrivateKey key, byte[] ct, int off, int len, byte[] label) {
    if (len != modulusBytes(key)) {
      return null;
    }
    Cipher c = OAEP.get();
    OAEPParameterSpec spec =
        label.length == 0
            ? OAEP_SHA1
            : new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, new PSource.PSpecified(label));
    try {
      c.init(Cipher.DECRYPT_MODE, key, spec);
      return c.doFinal(ct, off, len);
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("RSA private key rejected by the JDK provider");
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  /** Salt length Themis uses when signing: the maximum, {@code emLen - hLen - 2}. */
  static int maxSaltLength(RSAKey key) {
    int emBits = key.getModulus().bitLength() - 1;
    return (emBits + 7) / 8 - SHA256_LENGTH - 2;
  }

  /** RSASSA-PSS-SIGN with SHA-256, MGF1-SHA-256 and the maximum salt length. */
  static byte[] pssSign(RSAPrivateKey key, byte[] data) {
    Signature s = PSS.get();
    try {
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, maxSaltLength(key), 1));
      s.initSign(key, Rng.secureRandom());
      s.update(data);
      return s.sign();
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("RSA private key rejected by the JDK provider");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-PSS signing failed", e);
    }
  }

  /**
   * RSASSA-PSS-VERIFY with SHA-256 and MGF1-SHA-256, accepting any salt length (0 up to the
   * maximum) as OpenSSL/BoringSSL do with salt length -2. The signature must be exactly as long as
   * the modulus.
   */
  static boolean pssVerify(RSAPublicKey key, byte[] data, int off, int len, byte[] sig, int sigOff, int sigLen) {
    int k = modulusBytes(key);
    if (sigLen != k) {
      return false;
    }
    byte[] em = rsaPublic(key, sig, sigOff, sigLen);
    if (em == null) {
      return false;
    }
    MessageDigest md = SHA256.get();
    md.reset();
    md.update(data, off, len);
    byte[] mHash = md.digest();
    return emsaPssVerify(mHash, em, key.getModulus().bitLength() - 1);
  }

  /**
   * EMSA-PSS-VERIFY (RFC 8017 section 9.1.2) with salt-length recovery. {@code em} is the k-byte
   * output of the RSA public operation; {@code emBits} = modBits - 1.
   */
  static boolean emsaPssVerify(byte[] mHash, byte[] em, int emBits) {
    int emLen = (emBits + 7) / 8;
    int skip = em.length - emLen; // 1 when modBits - 1 is a multiple of 8
    for (int i = 0; i < skip; i++) {
      if (em[i] != 0) {
        return false;
      }
    }
    int hLen = SHA256_LENGTH;
    if (emLen < hLen + 2) {
      return false;
    }
    if (em[skip + emLen - 1] != (byte) 0xbc) {
      return false;
    }
    int unusedBits = 8 * emLen - emBits;
    int topMask = unusedBits == 0 ? 0 : (0xff << (8 - unusedBits)) & 0xff;
    if ((em[skip] & topMask) != 0) {
      return false;
    }
    int dbLen = emLen - hLen - 1;
    int hOff = skip + dbLen;
    byte[] db = mgf1Sha256(em, hOff, hLen, dbLen);
    for (int i = 0; i < dbLen; i++) {
      db[i] ^= em[skip + i];
    }
    db[0] &= (byte) ~topMask;
    int i = 0;
    while (i < dbLen - 1 && db[i] == 0) {
      i++;
    }
    if (db[i] != 0x01) {
      return false;
    }
    int saltOff = i + 1;
    MessageDigest md = SHA256.get();
    md.reset();
    md.update(new byte[8]);
    md.update(mHash);
    md.update(db, saltOff, dbLen - saltOff);
    byte[] h = md.digest();
    byte[] expected = new byte[hLen];
    System.arraycopy(em, hOff, expected, 0, hLen);
    return Bytes.constantTimeEquals(h, expected);
  }

  /** MGF1 with SHA-256 over {@code seed[off, off + len)}, {@code maskLen} bytes. */
  static byte[] mgf1Sha256(byte[] seed, int off, int len, int maskLen) {
    MessageDigest md = SHA256.get();
    byte[] mask = new byte[maskLen];
    byte[] counter = new byte[4];
    for (int c = 0, pos = 0; pos < maskLen; c++, pos += SHA256_LENGTH) {
      Bytes.writeBe32(counter, 0, c);
      md.reset();
      md.update(seed, off, len);
      md.update(counter);
      byte[] h = md.digest();
      System.arraycopy(h, 0, mask, pos, Math.min(SHA256_LENGTH, maskLen - pos));
    }
    return mask;
  }

  /** The raw RSA public operation s^e mod n as k bytes, or null if s is not below the modulus. */
  private static byte[] rsaPublic(RSAPublicKey key, byte[] sig, int off, int len) {
    byte[] s = new byte[len];
    System.arraycopy(sig, off, s, 0, len);
    if (new BigInteger(1, s).compareTo(key.getModulus()) >= 0) {
      return null;
    }
    Cipher c = RAW.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, key);
      byte[] m = c.doFinal(s);
      return Bytes.leftPad(m, len);
    } catch (InvalidKeyException e) {
      throw new KeyFormatException("RSA public key rejected by the JDK provider");
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static Cipher cipher(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(transformation + " is not available in this JDK", e);
    }
  }

  private static Signature pssSignature() {
    try {
      return Signature.getInstance("RSASSA-PSS");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSASSA-PSS is not available in this JDK", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
