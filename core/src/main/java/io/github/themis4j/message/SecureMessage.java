package io.github.themis4j.message;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCrypto;
import io.github.themis4j.internal.RawKeySeal;
import io.github.themis4j.internal.Rng;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * Secure Message: Themis's stateless public-key messaging, byte-compatible with Themis 0.15
 * ({@code src/themis/secure_message.c}, {@code secure_message_wrapper.c}).
 *
 * <h2>Modes and security guarantees</h2>
 *
 * <ul>
 *   <li><b>Encrypt/decrypt</b> ({@link #SecureMessage(PrivateKey, PublicKey)}): confidentiality and
 *       integrity between two key pairs.
 *       <ul>
 *         <li>EC keys: the Secure Cell Seal (AES-256-GCM behind the Soter KDF) of the message, keyed
 *             by the raw ECDH x-coordinate of own private key and peer public key (32 bytes for
 *             P-256, left-padded with zeros). Either side can decrypt: the recipient uses
 *             (recipient private key, sender public key), and the sender can decrypt its own
 *             messages with the same pair it encrypted with. Output: 52 bytes more than the input.
 *         <li>RSA keys: 70 random bytes, wrapped with RSA-OAEP (SHA-1, MGF1-SHA-1) for the peer
 *             public key, which key a Seal of the message. The sender's private key is required (as in
 *             Themis) but not used. Output: 56 bytes plus the modulus size more than the input; the
 *             message size is not limited by the RSA key.
 *       </ul>
 *       Encryption authenticates the message to whoever holds one of the two private keys; it does
 *       <b>not</b> prove to a third party who sent it: sign for that. There is no forward secrecy:
 *       whoever later obtains the recipient's private key (or, for EC, the sender's) can decrypt
 *       recorded messages. A failed decryption says only that it failed: for RSA, a bad OAEP
 *       padding continues with a random key through the Seal and fails like a bad Seal does.
 *   <li><b>Sign/verify</b> ({@link #sign}, {@link #verify}): integrity and origin, <b>no
 *       confidentiality</b>: the message travels in the clear next to the signature. EC keys sign
 *       with ECDSA over SHA-256 (DER signature, 70 to 72 bytes for P-256); RSA keys with RSASSA-PSS,
 *       SHA-256, MGF1-SHA-256 and the maximum salt length (a modulus-sized signature).
 * </ul>
 *
 * <h2>Formats</h2>
 *
 * Every container starts with a little-endian 32-bit type: {@code 0x26042720} EC encrypted, {@code
 * 0x26042710} RSA encrypted, {@code 0x26042620} EC signed, {@code 0x26042610} RSA signed. Then:
 *
 * <ul>
 *   <li>EC encrypted: LE32 total length, Seal;
 *   <li>RSA encrypted: LE32 total length, LE32 wrapped-key length, wrapped key, Seal;
 *   <li>signed: LE32 message length n, LE32 signature length s, message, signature.
 * </ul>
 *
 * <h2>Leniencies (inputs accepted because Themis 0.15 accepts them)</h2>
 *
 * <ul>
 *   <li>Bytes after the signature of a signed message are ignored: older Go, Java and C++ wrappers
 *       produced signed messages up to two bytes too long, and Themis verifies them.
 *   <li>RSA signatures with any PSS salt length verify, not only the maximum length used when
 *       signing (Themis recovers the salt length from the signature).
 *   <li>The Seal inside an encrypted message is parsed as Secure Cell does: an IV field longer than
 *       12 bytes or a tag field longer than 16 bytes (extra bytes ignored), and 128- or 192-bit
 *       AES-GCM algorithm identifiers are accepted.
 *   <li>The key wrapped in an RSA encrypted message may have any non-zero length, not only 70
 *       bytes.
 *   <li>EC keys on P-384 and P-521 work as in Themis (keys on the same curve; the ECDH secret is
 *       then 48 or 66 bytes and ECDSA still hashes with SHA-256); P-256 private keys of 32 or 33
 *       bytes and compressed or uncompressed public keys are all accepted by {@link
 *       PrivateKey#fromBytes}/{@link PublicKey#fromBytes}.
 * </ul>
 *
 * <p>Deliberately stricter than Themis: a signed message whose type is neither {@code 0x26042620}
 * nor {@code 0x26042610} is rejected. Themis lets any {@code 0x260426xx} type through and picks the
 * algorithm from the key, so that flipping a bit of the (unsigned) type field goes unnoticed; no
 * Themis version emits such a type. A signed message that carries no data is rejected, as Themis
 * rejects it.
 *
 * <h2>Errors, nulls, threads</h2>
 *
 * Null or empty arguments throw {@link InvalidArgumentException}; so do keys of different types
 * (EC with RSA) or on different curves, at construction, before any cryptography. Input that is
 * structurally wrong (truncated, unknown or mismatched type, signed where encrypted is expected or
 * the other way round, length fields that do not match the input, including fields up to
 * 2<sup>32</sup>-1) throws {@link MalformedDataException}. A wrong key, tampering or a bad
 * signature throws {@link AuthenticationFailedException}. Messages never include plaintext or key
 * material.
 *
 * <p>Instances are immutable and thread-safe; share one per key pair. For EC keys the ECDH secret
 * is computed once, in the constructor. The static methods are thread-safe.
 */
public final class SecureMessage {
  static final int RSA_SIGNED = 0x26042610;
  static final int EC_SIGNED = 0x26042620;
  static final int RSA_ENCRYPTED = 0x26042710;
  static final int EC_ENCRYPTED = 0x26042720;
  static final int SIGNED_PREFIX = 0x26042600;
  static final int ENCRYPTED_PREFIX = 0x26042700;
  static final int PREFIX_MASK = 0xFFFFFF00;

  /** type, message_length. */
  static final int ENCRYPTED_HEADER = 8;
  /** type, message_length, wrapped_key_length. */
  static final int RSA_ENCRYPTED_HEADER = 12;
  /** type, message_length, signature_length. */
  static final int SIGNED_HEADER = 12;
  /** Length of the random key wrapped in RSA encrypted messages ({@code THEMIS_RSA_SYMM_PASSWD_LENGTH}). */
  static final int RSA_WRAPPED_KEY_LENGTH = 70;

  /** Largest message accepted: containers must fit a Java array and a 32-bit length field. */
  private static final int MAX_MESSAGE_LENGTH = Integer.MAX_VALUE - 64 * 1024;

  private static final String DECRYPT_FAILED =
      "Secure Message decryption failed: wrong key, or the message was corrupted or tampered with";
  private static final String VERIFY_FAILED =
      "Secure Message signature is invalid: wrong public key, or the message was tampered with";

  private final PrivateKey ownKey;
  private final PublicKey peerKey;
  /** EC only: the ECDH shared secret (Seal key). Never modified after construction. */
  private final byte[] sharedSecret;

  /**
   * Creates a Secure Message for encrypting to, and decrypting from, one peer.
   *
   * @param ownKey this side's private key
   * @param peerKey the other side's public key, of the same type (and for EC, the same curve)
   * @throws InvalidArgumentException if a key is null, or the keys are of different types or on
   *     different curves
   */
  public SecureMessage(PrivateKey ownKey, PublicKey peerKey) {
    if (ownKey == null) {
      throw new InvalidArgumentException("own private key must not be null");
    }
    if (peerKey == null) {
      throw new InvalidArgumentException("peer public key must not be null");
    }
    if (ownKey.type() != peerKey.type()) {
      throw new InvalidArgumentException(
          "Secure Message needs two keys of the same type, but the private key is "
              + ownKey.type() + " and the peer public key is " + peerKey.type());
    }
    this.ownKey = ownKey;
    this.peerKey = peerKey;
    if (ownKey.type() == KeyType.EC) {
      if (ownKey.ecCurve() != peerKey.ecCurve()) {
        throw new InvalidArgumentException(
            "Secure Message needs EC keys on the same curve, but the private key is on "
                + ownKey.ecCurve().curveName() + " and the peer public key on " + peerKey.ecCurve().curveName());
      }
      this.sharedSecret =
          EcCrypto.ecdh((ECPrivateKey) ownKey.toJcaKey(), (ECPublicKey) peerKey.toJcaKey(), true);
    } else {
      this.sharedSecret = null;
    }
  }

  /**
   * Encrypts {@code message} for the peer.
   *
   * @param message the plaintext, not null and not empty
   * @return a new encrypted Secure Message
   * @throws InvalidArgumentException if {@code message} is null or empty (or too large for a
   *     Java array)
   */
  public byte[] encrypt(byte[] message) {
    requireMessage(message);
    RawKeySeal seal = RawKeySeal.instance();
    int sealed = seal.sealedLength(message.length);
    if (sharedSecret != null) {
      byte[] out = new byte[ENCRYPTED_HEADER + sealed];
      Bytes.writeLe32(out, 0, EC_ENCRYPTED);
      Bytes.writeLe32(out, 4, out.length);
      seal.seal(sharedSecret, message, out, ENCRYPTED_HEADER);
      return out;
    }
    byte[] key = Rng.bytes(RSA_WRAPPED_KEY_LENGTH);
    byte[] wrapped = RsaCrypto.oaepEncrypt((RSAPublicKey) peerKey.toJcaKey(), key);
    byte[] out = new byte[RSA_ENCRYPTED_HEADER + wrapped.length + sealed];
    Bytes.writeLe32(out, 0, RSA_ENCRYPTED);
    Bytes.writeLe32(out, 4, out.length);
    Bytes.writeLe32(out, 8, wrapped.length);
    System.arraycopy(wrapped, 0, out, RSA_ENCRYPTED_HEADER, wrapped.length);
    seal.seal(key, message, out, RSA_ENCRYPTED_HEADER + wrapped.length);
    Arrays.fill(key, (byte) 0);
    return out;
  }

  /**
   * Decrypts an encrypted Secure Message from the peer (or, with EC keys, one this side encrypted
   * to the peer).
   *
   * @param message the encrypted container
   * @return the plaintext
   * @throws InvalidArgumentException if {@code message} is null
   * @throws MalformedDataException if it is not an encrypted Secure Message for this key type, or
   *     its length fields do not match its length
   * @throws AuthenticationFailedException if the keys are wrong or the message was modified
   */
  public byte[] decrypt(byte[] message) {
    Bytes.requireNonNull(message, "encrypted message");
    boolean ec = sharedSecret != null;
    int header = ec ? ENCRYPTED_HEADER : RSA_ENCRYPTED_HEADER;
    if (message.length < ENCRYPTED_HEADER) {
      throw new MalformedDataException(
          "data is too short to be a Secure Message (" + message.length + " bytes)");
    }
    int type = Bytes.readLe32(message, 0);
    if ((type & PREFIX_MASK) == SIGNED_PREFIX) {
      throw new MalformedDataException("data is a signed Secure Message, not an encrypted one: verify it instead");
    }
    if ((type & PREFIX_MASK) != ENCRYPTED_PREFIX) {
      throw new MalformedDataException("data is not a Secure Message (unknown type)");
    }
    int expected = ec ? EC_ENCRYPTED : RSA_ENCRYPTED;
    if (type != expected) {
      if (type == EC_ENCRYPTED || type == RSA_ENCRYPTED) {
        throw new MalformedDataException(
            "Secure Message was encrypted with " + (ec ? "RSA" : "EC") + " keys, but these keys are "
                + (ec ? "EC" : "RSA"));
      }
      throw new MalformedDataException("data is not a Secure Message (unknown encrypted message type)");
    }
    if (message.length <= header) {
      throw new MalformedDataException(
          "data is too short to be an encrypted Secure Message (" + message.length + " bytes)");
    }
    long total = Bytes.readLe32Unsigned(message, 4);
    if (total != message.length) {
      throw new MalformedDataException(
          "Secure Message length field (" + total + ") does not match the data length (" + message.length + ")");
    }
    if (ec) {
      return openSeal(sharedSecret, message, ENCRYPTED_HEADER, message.length - ENCRYPTED_HEADER, false);
    }
    return decryptRsa(message);
  }

  private byte[] decryptRsa(byte[] message) {
    long wrappedLength = Bytes.readLe32Unsigned(message, 8);
    if (wrappedLength > message.length - RSA_ENCRYPTED_HEADER) {
      throw new MalformedDataException("Secure Message wrapped-key length field exceeds the data length");
    }
    RSAPrivateKey priv = (RSAPrivateKey) ownKey.toJcaKey();
    if (wrappedLength != RsaCrypto.modulusBytes(priv)) {
      throw new AuthenticationFailedException(
          "Secure Message was encrypted for an RSA key of another size: wrong key, or corrupted message");
    }
    int w = (int) wrappedLength;
    byte[] key = RsaCrypto.oaepDecrypt(priv, message, RSA_ENCRYPTED_HEADER, w, new byte[0]);
    boolean unwrapFailed = key == null || key.length == 0;
    if (unwrapFailed) {
      // Carry on with a random key so that a bad OAEP padding takes the same path as a bad Seal
      // (no padding oracle from an early, faster failure).
      key = Rng.bytes(RSA_WRAPPED_KEY_LENGTH);
    }
    try {
      int sealOff = RSA_ENCRYPTED_HEADER + w;
      return openSeal(key, message, sealOff, message.length - sealOff, unwrapFailed);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] openSeal(byte[] key, byte[] in, int off, int len, boolean forceFailure) {
    byte[] plaintext;
    try {
      plaintext = RawKeySeal.instance().open(key, in, off, len);
    } catch (AuthenticationFailedException e) {
      throw new AuthenticationFailedException(DECRYPT_FAILED);
    } catch (MalformedDataException e) {
      throw new MalformedDataException("Secure Message payload is malformed: " + e.getMessage());
    }
    if (forceFailure) {
      Arrays.fill(plaintext, (byte) 0);
      throw new AuthenticationFailedException(DECRYPT_FAILED);
    }
    return plaintext;
  }

  /**
   * Signs {@code message}: the result carries the message in the clear and its signature.
   *
   * @param key the signer's private key (EC or RSA)
   * @param message the data to sign, not null and not empty
   * @return a new signed Secure Message
   * @throws InvalidArgumentException if an argument is null or {@code message} is empty
   */
  public static byte[] sign(PrivateKey key, byte[] message) {
    if (key == null) {
      throw new InvalidArgumentException("private key must not be null");
    }
    requireMessage(message);
    byte[] signature;
    int type;
    if (key.type() == KeyType.EC) {
      signature = EcCrypto.sign((ECPrivateKey) key.toJcaKey(), message, 0, message.length);
      type = EC_SIGNED;
    } else {
      signature = RsaCrypto.pssSign((RSAPrivateKey) key.toJcaKey(), message);
      type = RSA_SIGNED;
    }
    int n = message.length;
    byte[] out = new byte[SIGNED_HEADER + n + signature.length];
    Bytes.writeLe32(out, 0, type);
    Bytes.writeLe32(out, 4, n);
    Bytes.writeLe32(out, 8, signature.length);
    System.arraycopy(message, 0, out, SIGNED_HEADER, n);
    System.arraycopy(signature, 0, out, SIGNED_HEADER + n, signature.length);
    return out;
  }

  /**
   * Verifies a signed Secure Message and returns the message it carries. Bytes after the signature
   * are ignored (see the class documentation).
   *
   * @param key the signer's public key
   * @param signed the signed container
   * @return the signed data (a copy)
   * @throws InvalidArgumentException if an argument is null
   * @throws MalformedDataException if {@code signed} is not a signed Secure Message of the key's
   *     type, or is shorter than its length fields say
   * @throws AuthenticationFailedException if the signature does not verify with {@code key}
   */
  public static byte[] verify(PublicKey key, byte[] signed) {
    if (key == null) {
      throw new InvalidArgumentException("public key must not be null");
    }
    Bytes.requireNonNull(signed, "signed message");
    if (signed.length < SIGNED_HEADER) {
      throw new MalformedDataException("data is too short to be a signed Secure Message (" + signed.length + " bytes)");
    }
    int type = Bytes.readLe32(signed, 0);
    if ((type & PREFIX_MASK) == ENCRYPTED_PREFIX) {
      throw new MalformedDataException("data is an encrypted Secure Message, not a signed one: decrypt it instead");
    }
    if ((type & PREFIX_MASK) != SIGNED_PREFIX) {
      throw new MalformedDataException("data is not a Secure Message (unknown type)");
    }
    boolean ec = key.type() == KeyType.EC;
    if (type != (ec ? EC_SIGNED : RSA_SIGNED)) {
      if (type == EC_SIGNED || type == RSA_SIGNED) {
        throw new MalformedDataException(
            "Secure Message was signed with an " + (ec ? "RSA" : "EC") + " key, but the public key is "
                + (ec ? "EC" : "RSA"));
      }
      throw new MalformedDataException("data is not a Secure Message (unknown signed message type)");
    }
    long n = Bytes.readLe32Unsigned(signed, 4);
    long s = Bytes.readLe32Unsigned(signed, 8);
    if (SIGNED_HEADER + n + s > signed.length) {
      throw new MalformedDataException("signed Secure Message is truncated or its length fields are invalid");
    }
    if (n == 0) {
      throw new MalformedDataException("signed Secure Message carries no data");
    }
    int dataLength = (int) n;
    int sigOff = SIGNED_HEADER + dataLength;
    boolean valid =
        ec
            ? EcCrypto.verify(
                (ECPublicKey) key.toJcaKey(), signed, SIGNED_HEADER, dataLength, signed, sigOff, (int) s)
            : RsaCrypto.pssVerify(
                (RSAPublicKey) key.toJcaKey(), signed, SIGNED_HEADER, dataLength, signed, sigOff, (int) s);
    if (!valid) {
      throw new AuthenticationFailedException(VERIFY_FAILED);
    }
    return Arrays.copyOfRange(signed, SIGNED_HEADER, SIGNED_HEADER + dataLength);
  }

  private static void requireMessage(byte[] message) {
    Bytes.requireNonEmpty(message, "message");
    if (message.length > MAX_MESSAGE_LENGTH) {
      throw new InvalidArgumentException("message is too long for a Secure Message container");
    }
  }

  @Override
  public String toString() {
    return "SecureMessage[" + ownKey.type()
        + (ownKey.ecCurve() != null ? " " + ownKey.ecCurve().curveName() : "") + ", peer " + peerKey + "]";
  }
}
