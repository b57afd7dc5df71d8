package io.github.themis4j.keys;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.Rng;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;

/** A private key and its public key. Immutable and thread-safe. */
public final class KeyPair {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private KeyPair(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Generates a key pair in the form Themis 0.15 generates by default: EC on P-256 (45-byte private
   * key, 45-byte compressed public key) or RSA-2048 with e = 65537.
   */
  public static KeyPair generate(KeyType type) {
    if (type == null) {
      throw new InvalidArgumentException("key type must not be null");
    }
    try {
      if (type == KeyType.EC) {
        EcCurve curve = EcCurve.P256;
        java.security.KeyPair kp = curve.generateKeyPair();
        ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        return new KeyPair(
            PrivateKey.of(ThemisKeyCodec.encodeEcPrivate(curve, priv), KeyType.EC, priv, curve),
            PublicKey.of(ThemisKeyCodec.encodeEcPublic(curve, pub), KeyType.EC, pub, curve));
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), Rng.secureRandom());
      java.security.KeyPair kp = g.generateKeyPair();
      RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kp.getPrivate();
      RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
      if (priv.getModulus().bitLength() != 2048) {
        return generate(type); // JDK guarantees the size; kept as a guard for exotic providers
      }
      return new KeyPair(
          PrivateKey.of(ThemisKeyCodec.encodeRsaPrivate(priv), KeyType.RSA, priv, null),
          PublicKey.of(ThemisKeyCodec.encodeRsaPublic(pub), KeyType.RSA, pub, null));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generation is unavailable in this JDK", e);
    }
  }

  /**
   * Pairs two imported keys after checking that they belong together.
   *
   * @throws InvalidArgumentException if a key is null, the keys are of different types (or on
   *     different curves), or the public key is not the private key's
   */
  public static KeyPair of(PrivateKey privateKey, PublicKey publicKey) {
    if (privateKey == null || publicKey == null) {
      throw new InvalidArgumentException("keys must not be null");
    }
    if (privateKey.type() != publicKey.type()) {
      throw new InvalidArgumentException("private and public key are of different types");
    }
    boolean match;
    if (privateKey.type() == KeyType.EC) {
      match =
          privateKey.ecCurve() == publicKey.ecCurve()
              && privateKey
                  .ecCurve()
                  .publicKey((ECPrivateKey) privateKey.toJcaKey())
                  .getW()
                  .equals(((ECPublicKey) publicKey.toJcaKey()).getW());
    } else {
      RSAPrivateCrtKey priv = (RSAPrivateCrtKey) privateKey.toJcaKey();
      RSAPublicKey pub = (RSAPublicKey) publicKey.toJcaKey();
      match =
          priv.getModulus().equals(pub.getModulus())
              && priv.getPublicExponent().equals(pub.getPublicExponent());
    }
    if (!match) {
      throw new InvalidArgumentException("public key does not belong to the private key");
    }
    return new KeyPair(privateKey, publicKey);
  }

  /** The private key; never null. Secret: see {@link PrivateKey}. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The public key; never null. */
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "KeyPair[" + publicKey + "]";
  }
}
