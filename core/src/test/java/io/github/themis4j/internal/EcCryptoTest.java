package io.github.themis4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EcCrypto} (Bouncy Castle) against the JDK's SunEC as an independent implementation, on
 * every curve Themis names: signatures made by one verify with the other, ECDH secrets agree, and
 * generated keys are the JDK's idea of d·G.
 */
class EcCryptoTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static java.security.KeyPair jdkPair(EcCurve curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(curve.jcaParameters(), RANDOM);
    return g.generateKeyPair();
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void signaturesInteroperateWithTheJdk(EcCurve curve) throws Exception {
    for (int i = 0; i < 20; i++) {
      java.security.KeyPair kp = i % 2 == 0 ? jdkPair(curve) : curve.generateKeyPair();
      ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
      ECPublicKey pub = (ECPublicKey) kp.getPublic();
      byte[] msg = new byte[RANDOM.nextInt(300)];
      RANDOM.nextBytes(msg);

      byte[] ours = EcCrypto.sign(priv, msg, 0, msg.length);
      Signature jdk = Signature.getInstance("SHA256withECDSA");
      jdk.initVerify(pub);
      jdk.update(msg);
      assertThat(jdk.verify(ours)).as("JDK verifies our signature on %s", curve).isTrue();
      assertThat(EcCrypto.verify(pub, msg, 0, msg.length, ours, 0, ours.length)).isTrue();
      assertThat(EcCrypto.verify(pub, ours, msg)).isTrue();

      jdk.initSign(priv);
      jdk.update(msg);
      byte[] theirs = jdk.sign();
      assertThat(EcCrypto.verify(pub, msg, 0, msg.length, theirs, 0, theirs.length))
          .as("we verify the JDK's signature on %s", curve)
          .isTrue();

      byte[] other = msg.clone();
      other = java.util.Arrays.copyOf(other, other.length + 1);
      assertThat(EcCrypto.verify(pub, other, 0, other.length, ours, 0, ours.length)).isFalse();
      byte[] flipped = ours.clone();
      flipped[flipped.length - 1] ^= 1;
      assertThat(EcCrypto.verify(pub, msg, 0, msg.length, flipped, 0, flipped.length)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void ecdhAgreesWithTheJdk(EcCurve curve) throws Exception {
    for (int i = 0; i < 20; i++) {
      java.security.KeyPair a = jdkPair(curve);
      java.security.KeyPair b = curve.generateKeyPair();
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(a.getPrivate());
      ka.doPhase(b.getPublic(), true);
      byte[] expected = Bytes.leftPad(ka.generateSecret(), curve.fieldBytes());
      boolean cached = i % 2 == 0;
      assertThat(EcCrypto.ecdh((ECPrivateKey) a.getPrivate(), (ECPublicKey) b.getPublic(), cached))
          .isEqualTo(expected);
      assertThat(EcCrypto.ecdh((ECPrivateKey) b.getPrivate(), (ECPublicKey) a.getPublic(), !cached))
          .isEqualTo(expected);
      // once more with the cached point and its precomputed table
      assertThat(EcCrypto.ecdh((ECPrivateKey) a.getPrivate(), (ECPublicKey) b.getPublic(), true))
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void generatedKeysAreDTimesG(EcCurve curve) {
    java.security.KeyPair kp = curve.generateKeyPair();
    ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
    BigInteger d = priv.getS();
    assertThat(d.signum()).isPositive();
    assertThat(d).isLessThan(curve.order());
    // the JDK's own key from the same scalar: compare d·G computed by the JDK's KeyFactory path
    ECPublicKey pub = (ECPublicKey) kp.getPublic();
    assertThat(curve.publicKey(priv).getW()).isEqualTo(pub.getW());
    org.bouncycastle.math.ec.ECPoint p = curve.generator().multiply(d).normalize();
    assertThat(p.getAffineXCoord().toBigInteger()).isEqualTo(pub.getW().getAffineX());
    assertThat(p.getAffineYCoord().toBigInteger()).isEqualTo(pub.getW().getAffineY());
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void cacheEvictionKeepsResultsRight(EcCurve curve) throws Exception {
    java.security.KeyPair own = curve.generateKeyPair();
    java.security.KeyPair first = curve.generateKeyPair();
    byte[] before = EcCrypto.ecdh((ECPrivateKey) own.getPrivate(), (ECPublicKey) first.getPublic(), true);
    for (int i = 0; i < EcPointCache.CAPACITY + 5; i++) {
      java.security.KeyPair other = curve.generateKeyPair();
      EcPointCache.get(curve, (ECPublicKey) other.getPublic());
    }
    byte[] after = EcCrypto.ecdh((ECPrivateKey) own.getPrivate(), (ECPublicKey) first.getPublic(), true);
    assertThat(after).isEqualTo(before);
  }
}
