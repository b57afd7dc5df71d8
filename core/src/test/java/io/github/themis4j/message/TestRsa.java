package io.github.themis4j.message;

import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.SoterContainer;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;

/** RSA key pairs of sizes Themis accepts but does not generate, written as Themis containers. */
final class TestRsa {
  private static KeyPair rsa1024;

  private TestRsa() {}

  static synchronized KeyPair keyPair1024() {
    if (rsa1024 == null) {
      rsa1024 = generate(1024);
    }
    return rsa1024;
  }

  static KeyPair generate(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
      int m = bits / 8;
      int h = m / 2;
      byte[] priv = new byte[m + 5 * h + m + 4];
      int off = 0;
      EcCurve.writeFixed(k.getPrivateExponent(), priv, off, m);
      off += m;
      for (BigInteger v :
          new BigInteger[] {k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
        EcCurve.writeFixed(v, priv, off, h);
        off += h;
      }
      EcCurve.writeFixed(k.getModulus(), priv, off, m);
      Bytes.writeBe32(priv, off + m, 65537);
      byte[] pub = new byte[m + 4];
      EcCurve.writeFixed(k.getModulus(), pub, 0, m);
      Bytes.writeBe32(pub, m, 65537);
      char digit = bits == 1024 ? '1' : bits == 2048 ? '2' : '4';
      return KeyPair.of(
          PrivateKey.fromBytes(SoterContainer.wrap("RRA" + digit, priv)),
          PublicKey.fromBytes(SoterContainer.wrap("URA" + digit, pub)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
