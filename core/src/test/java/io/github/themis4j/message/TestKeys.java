package io.github.themis4j.message;

import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.SoterContainer;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * EC key pairs in the forms Themis 0.15 accepts on import but never generates: P-384 and P-521,
 * uncompressed public keys, private keys without the extra leading zero byte. Built from JCA keys
 * and written as Themis containers here, independently of the keys package.
 */
final class TestKeys {
  private TestKeys() {}

  static KeyPair ec(EcCurve curve, boolean compressedPublic, boolean shortPrivate) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(curve.jcaParameters());
      java.security.KeyPair kp = g.generateKeyPair();
      ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
      ECPublicKey pub = (ECPublicKey) kp.getPublic();
      int n = curve.fieldBytes();
      byte[] scalar = new byte[shortPrivate ? n : n + 1];
      EcCurve.writeFixed(priv.getS(), scalar, 0, scalar.length);
      byte[] point;
      if (compressedPublic) {
        point = curve.encodeCompressed(pub);
      } else {
        point = new byte[2 * n + 1];
        point[0] = 4;
        EcCurve.writeFixed(pub.getW().getAffineX(), point, 1, n);
        EcCurve.writeFixed(pub.getW().getAffineY(), point, 1 + n, n);
      }
      return KeyPair.of(
          PrivateKey.fromBytes(SoterContainer.wrap("REC" + curve.tagDigit(), scalar)),
          PublicKey.fromBytes(SoterContainer.wrap("UEC" + curve.tagDigit(), point)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
