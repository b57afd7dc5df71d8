package io.github.themis4j.keys;

import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.testing.TestVectors;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key containers: the forms themis4j writes, every form Themis 0.15 accepts on import (built here
 * by hand from JDK keys, see {@link Containers}), and rejection of malformed keys, including the
 * Wycheproof invalid P-256 points.
 */
class KeyFormatTest {
  private static java.security.KeyPair jdkEc(EcCurve curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve.curveName()));
    return g.generateKeyPair();
  }

  @Test
  void generatedEcKeysHaveThemisDefaultForms() {
    for (int i = 0; i < 8; i++) {
      KeyPair kp = KeyPair.generate(KeyType.EC);
      byte[] priv = kp.privateKey().toByteArray();
      byte[] pub = kp.publicKey().toByteArray();
      ECPrivateKey jcaPriv = (ECPrivateKey) kp.privateKey().toJcaKey();
      ECPublicKey jcaPub = (ECPublicKey) kp.publicKey().toJcaKey();
      // 45-byte REC2 with the scalar left-padded to 33 bytes (leading zero), 45-byte compressed
      // UEC2.
      assertThat(priv).hasSize(45).startsWith(hex("524543320000002d"));
      assertThat(priv[12]).isZero();
      assertThat(pub).hasSize(45).startsWith(hex("554543320000002d"));
      assertThat(pub[12]).isIn((byte) 2, (byte) 3);
      assertThat(priv).isEqualTo(Containers.ecPrivate('2', jcaPriv.getS(), 33));
      assertThat(pub).isEqualTo(Containers.ecPublic('2', jcaPub.getW(), 32, true));
      assertThat(kp.privateKey().type()).isEqualTo(KeyType.EC);
      assertThat(kp.publicKey().ecCurve()).isEqualTo(EcCurve.P256);
      assertThat(PrivateKey.fromBytes(priv).toByteArray()).isEqualTo(priv);
      assertThat(PublicKey.fromBytes(pub)).isEqualTo(kp.publicKey());
    }
  }

  @Test
  void generatedRsaKeysHaveThemisDefaultForms() {
    KeyPair kp = KeyPair.generate(KeyType.RSA);
    RSAPrivateCrtKey jcaPriv = (RSAPrivateCrtKey) kp.privateKey().toJcaKey();
    RSAPublicKey jcaPub = (RSAPublicKey) kp.publicKey().toJcaKey();
    assertThat(jcaPriv.getModulus().bitLength()).isEqualTo(2048);
    assertThat(jcaPriv.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(kp.privateKey().toByteArray())
        .hasSize(1168)
        .isEqualTo(Containers.rsaPrivate(jcaPriv));
    assertThat(kp.publicKey().toByteArray()).hasSize(272).isEqualTo(Containers.rsaPublic(jcaPub));
    assertThat(kp.privateKey().type()).isEqualTo(KeyType.RSA);
    assertThat(kp.publicKey().type()).isEqualTo(KeyType.RSA);
    assertThat(kp.privateKey().ecCurve()).isNull();
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void ecImportAcceptsEveryThemisForm(EcCurve curve) throws Exception {
    java.security.KeyPair jdk = jdkEc(curve);
    ECPrivateKey jdkPriv = (ECPrivateKey) jdk.getPrivate();
    ECPublicKey jdkPub = (ECPublicKey) jdk.getPublic();
    int n = curve.fieldBytes();
    char digit = curve.tagDigit();
    List<byte[]> privs =
        List.of(
            Containers.ecPrivate(digit, jdkPriv.getS(), n),
            Containers.ecPrivate(digit, jdkPriv.getS(), n + 1));
    List<byte[]> pubs =
        List.of(
            Containers.ecPublic(digit, jdkPub.getW(), n, true),
            Containers.ecPublic(digit, jdkPub.getW(), n, false));
    assertThat(privs.get(0)).hasSize(12 + n);
    assertThat(pubs.get(1)).hasSize(12 + 2 * n + 1);
    for (byte[] p : privs) {
      PrivateKey priv = PrivateKey.fromBytes(p);
      assertThat(priv.type()).isEqualTo(KeyType.EC);
      assertThat(priv.ecCurve()).isEqualTo(curve);
      assertThat(((ECPrivateKey) priv.toJcaKey()).getS()).isEqualTo(jdkPriv.getS());
      assertThat(priv.toByteArray()).isEqualTo(p);
      for (byte[] q : pubs) {
        PublicKey pub = PublicKey.fromBytes(q);
        assertThat(pub.ecCurve()).isEqualTo(curve);
        assertThat(((ECPublicKey) pub.toJcaKey()).getW()).isEqualTo(jdkPub.getW());
        assertThat(pub.toByteArray()).isEqualTo(q);
        assertThat(KeyPair.of(priv, pub).publicKey()).isSameAs(pub);
      }
    }
  }

  @Test
  void rsaImportAcceptsEverySize() throws Exception {
    for (RsaFixtures.Fixture f : RsaFixtures.all()) {
      byte[] privBytes = Containers.rsaPrivate(f.privateKey());
      byte[] pubBytes = Containers.rsaPublic(f.publicKey());
      int m = f.bits() / 8;
      assertThat(privBytes).as(f.id()).hasSize(12 + 2 * m + 5 * m / 2 + 4);
      assertThat(pubBytes).as(f.id()).hasSize(12 + m + 4);
      PrivateKey priv = PrivateKey.fromBytes(privBytes);
      PublicKey pub = PublicKey.fromBytes(pubBytes);
      assertThat(priv.type()).isEqualTo(KeyType.RSA);
      assertThat(pub.type()).isEqualTo(KeyType.RSA);
      RSAPrivateCrtKey k = (RSAPrivateCrtKey) priv.toJcaKey();
      assertThat(k.getModulus()).isEqualTo(f.privateKey().getModulus());
      assertThat(k.getPrivateExponent()).isEqualTo(f.privateKey().getPrivateExponent());
      assertThat(k.getCrtCoefficient()).isEqualTo(f.privateKey().getCrtCoefficient());
      assertThat(((RSAPublicKey) pub.toJcaKey()).getPublicExponent())
          .isEqualTo(f.publicKey().getPublicExponent());
      assertThat(ThemisKeyCodec.encodeRsaPrivate(k)).isEqualTo(privBytes);
      assertThat(ThemisKeyCodec.encodeRsaPublic((RSAPublicKey) pub.toJcaKey())).isEqualTo(pubBytes);
      KeyPair.of(priv, pub);
    }
  }

  /** Wycheproof ecdh_secp256r1_ecpoint_test.json: every point, wrapped in a UEC2 container. */
  @Test
  void wycheproofP256Points() throws Exception {
    JsonNode root = TestVectors.json("/wycheproof/ecdh_secp256r1_ecpoint_test.json");
    List<String> failures = new ArrayList<>();
    int rejected = 0;
    int agreed = 0;
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        String id = t.get("tcId").asText() + " " + t.get("comment").asText();
        byte[] container = Containers.container("UEC2", hex(t.get("public").asText()));
        boolean valid = !t.get("result").asText().equals("invalid");
        try {
          PublicKey pub = PublicKey.fromBytes(container);
          if (!valid) {
            failures.add("accepted " + id);
            continue;
          }
          // The imported point is the right one: ECDH with the vector's private key gives its
          // secret.
          KeyAgreement ka = KeyAgreement.getInstance("ECDH");
          ka.init(EcCurve.P256.privateKey(hex(t.get("private").asText())));
          ka.doPhase(pub.toJcaKey(), true);
          if (!Arrays.equals(ka.generateSecret(), hex(t.get("shared").asText()))) {
            failures.add("wrong shared secret " + id);
          }
          agreed++;
        } catch (KeyFormatException e) {
          if (valid) {
            failures.add("rejected " + id);
          }
          rejected++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(rejected).isEqualTo(24);
    assertThat(agreed).isEqualTo(331);
  }

  @Test
  void rejectsInvalidEcPoints() throws Exception {
    ECPublicKey good = (ECPublicKey) jdkEc(EcCurve.P256).getPublic();
    byte[] compressed = Arrays.copyOfRange(Containers.ecPublic('2', good.getW(), 32, true), 12, 45);
    byte[] uncompressed =
        Arrays.copyOfRange(Containers.ecPublic('2', good.getW(), 32, false), 12, 77);
    BigInteger p =
        ((java.security.spec.ECFieldFp) EcCurve.P256.jcaParameters().getCurve().getField()).getP();
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[] {0}); // point at infinity
    bad.add(new byte[33]); // zero prefix
    byte[] hybrid = uncompressed.clone();
    // hybrid encoding (06/07): BoringSSL, and so wasm-themis, refuses it
    hybrid[0] = (byte) (6 + (good.getW().getAffineY().testBit(0) ? 1 : 0));
    bad.add(hybrid);
    byte[] wrongPrefix = uncompressed.clone();
    wrongPrefix[0] = 2; // compressed prefix on an uncompressed-length payload
    bad.add(wrongPrefix);
    byte[] shortUncompressed = compressed.clone();
    shortUncompressed[0] = 4;
    bad.add(shortUncompressed);
    byte[] offCurve = uncompressed.clone();
    offCurve[64] ^= 1;
    bad.add(offCurve);
    byte[] xTooBig = new byte[33];
    xTooBig[0] = 2;
    System.arraycopy(
        Containers.fixed(p.add(BigInteger.ONE), 32), 0, xTooBig, 1, 32); // x = p + 1 >= p
    bad.add(xTooBig);
    bad.add(Arrays.copyOf(compressed, 32));
    bad.add(Arrays.copyOf(uncompressed, 76));
    bad.add(Arrays.copyOf(uncompressed, 78));
    for (byte[] payload : bad) {
      assertThatThrownBy(() -> PublicKey.fromBytes(Containers.container("UEC2", payload)))
          .as(hex(payload))
          .isInstanceOf(KeyFormatException.class);
    }
    // A valid P-256 point under a P-384 or P-521 tag is the wrong length for that curve.
    assertThatThrownBy(() -> PublicKey.fromBytes(Containers.container("UEC3", compressed)))
        .isInstanceOf(KeyFormatException.class);
    assertThatThrownBy(() -> PublicKey.fromBytes(Containers.container("UEC5", uncompressed)))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void rejectsEcPrivateScalarsOutOfRange() {
    BigInteger n = EcCurve.P256.jcaParameters().getOrder();
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    for (BigInteger d : new BigInteger[] {BigInteger.ZERO, n, n.add(BigInteger.ONE), max}) {
      for (int len : new int[] {32, 33}) {
        assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.ecPrivate('2', d, len)))
            .isInstanceOf(KeyFormatException.class);
      }
    }
    // 33-byte payload whose first byte is not zero: a scalar >= 2^256 > n.
    byte[] big = new byte[33];
    big[0] = 1;
    big[32] = 1;
    assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.container("REC2", big)))
        .isInstanceOf(KeyFormatException.class);
    for (int len : new int[] {0, 1, 31, 34, 48, 66}) {
      byte[] payload = new byte[len];
      if (len > 0) {
        payload[len - 1] = 1;
      }
      assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.container("REC2", payload)))
          .as("payload %d bytes", len)
          .isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void rejectsMalformedRsaKeys() {
    RsaFixtures.Fixture f = RsaFixtures.all().get(0); // 1024-bit
    RSAPrivateCrtKey k = f.privateKey();
    byte[] priv = Containers.rsaPrivate(k);
    byte[] pub = Containers.rsaPublic(f.publicKey());
    int m = 128;
    // Exponents other than 3 and 65537 (Themis refuses them on import).
    for (int e : new int[] {0, 1, 5, 17, 65539, -1}) {
      byte[] p1 = pub.clone();
      io.github.themis4j.internal.Bytes.writeBe32(p1, 12 + m, e);
      assertThatThrownBy(() -> PublicKey.fromBytes(Containers.rechecksum(p1)))
          .as("e = %d", e)
          .isInstanceOf(KeyFormatException.class);
      byte[] p2 = priv.clone();
      io.github.themis4j.internal.Bytes.writeBe32(p2, p2.length - 4, e);
      assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.rechecksum(p2)))
          .isInstanceOf(KeyFormatException.class);
    }
    // p * q != n: a flipped bit in p.
    byte[] badP = priv.clone();
    badP[12 + m + 10] ^= 1;
    assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.rechecksum(badP)))
        .isInstanceOf(KeyFormatException.class);
    // A modulus shorter than the tag declares (top byte zero).
    byte[] shortN = pub.clone();
    shortN[12] = 0;
    assertThatThrownBy(() -> PublicKey.fromBytes(Containers.rechecksum(shortN)))
        .isInstanceOf(KeyFormatException.class);
    // The payload length must match the size digit exactly; unknown digits are refused.
    byte[] pubPayload = Arrays.copyOfRange(pub, 12, pub.length);
    assertThatThrownBy(() -> PublicKey.fromBytes(Containers.container("URA2", pubPayload)))
        .isInstanceOf(KeyFormatException.class);
    assertThatThrownBy(() -> PublicKey.fromBytes(Containers.container("URA3", pubPayload)))
        .isInstanceOf(KeyFormatException.class);
    byte[] shortPriv = Arrays.copyOfRange(priv, 12, priv.length - 1);
    assertThatThrownBy(() -> PrivateKey.fromBytes(Containers.container("RRA1", shortPriv)))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void containerSizeChecksumAndTagAreChecked() {
    KeyPair ec = KeyPair.generate(KeyType.EC);
    for (byte[] key : new byte[][] {ec.privateKey().toByteArray(), ec.publicKey().toByteArray()}) {
      boolean isPrivate = key[0] == 'R';
      for (int len = 1; len < key.length; len++) {
        assertRejected(Arrays.copyOf(key, len), isPrivate);
      }
      assertRejected(
          Arrays.copyOf(key, key.length + 1), isPrivate); // trailing byte: length != size
      for (long size : new long[] {0, 11, 12, 44, 46, 0x7fffffffL, 0x80000000L, 0xffffffffL}) {
        byte[] b = key.clone();
        io.github.themis4j.internal.Bytes.writeBe32(b, 4, (int) size);
        assertRejected(b, isPrivate);
        assertRejected(Containers.rechecksum(b), isPrivate);
      }
      for (int bit = 0; bit < key.length * 8; bit++) {
        byte[] b = key.clone();
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        assertRejected(b, isPrivate); // the tag, size, CRC and payload are all covered
      }
      for (String tag : new String[] {"XEC2", "rec2", "UEC4", "REC1", "URA2", "RRA2", "TSPM"}) {
        byte[] b = key.clone();
        System.arraycopy(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, 4);
        assertRejected(Containers.rechecksum(b), isPrivate);
      }
    }
  }

  private static void assertRejected(byte[] key, boolean asPrivate) {
    if (asPrivate) {
      assertThatThrownBy(() -> PrivateKey.fromBytes(key)).isInstanceOf(KeyFormatException.class);
    } else {
      assertThatThrownBy(() -> PublicKey.fromBytes(key)).isInstanceOf(KeyFormatException.class);
    }
  }

  @Test
  void publicAndPrivateKeysAreNotInterchangeable() {
    for (KeyType type : KeyType.values()) {
      KeyPair kp = type == KeyType.EC ? KeyPair.generate(type) : rsa2048();
      assertThatThrownBy(() -> PrivateKey.fromBytes(kp.publicKey().toByteArray()))
          .isInstanceOf(KeyFormatException.class)
          .hasMessageContaining("public key");
      assertThatThrownBy(() -> PublicKey.fromBytes(kp.privateKey().toByteArray()))
          .isInstanceOf(KeyFormatException.class)
          .hasMessageContaining("private key");
    }
  }

  @Test
  void keyPairOfChecksThatTheKeysBelongTogether() {
    KeyPair a = KeyPair.generate(KeyType.EC);
    KeyPair b = KeyPair.generate(KeyType.EC);
    KeyPair r = rsa2048();
    assertThat(KeyPair.of(a.privateKey(), a.publicKey()).privateKey()).isSameAs(a.privateKey());
    assertThatThrownBy(() -> KeyPair.of(a.privateKey(), b.publicKey()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyPair.of(a.privateKey(), r.publicKey()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyPair.of(r.privateKey(), a.publicKey()))
        .isInstanceOf(InvalidArgumentException.class);
    RsaFixtures.Fixture other = RsaFixtures.all().get(2);
    assertThatThrownBy(
            () ->
                KeyPair.of(
                    r.privateKey(), PublicKey.fromBytes(Containers.rsaPublic(other.publicKey()))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyPair.of(null, a.publicKey()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyPair.of(a.privateKey(), null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyPair.generate(null)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void nullAndEmptyArguments() {
    assertThatThrownBy(() -> PrivateKey.fromBytes(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PublicKey.fromBytes(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PrivateKey.fromBytes(new byte[0]))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PublicKey.fromBytes(new byte[0]))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void importCopiesAndExportCopies() {
    KeyPair kp = KeyPair.generate(KeyType.EC);
    byte[] bytes = kp.privateKey().toByteArray();
    PrivateKey priv = PrivateKey.fromBytes(bytes);
    bytes[20] ^= 1;
    assertThat(priv.toByteArray()).isEqualTo(kp.privateKey().toByteArray());
    priv.toByteArray()[20] ^= 1;
    assertThat(priv.toByteArray()).isEqualTo(kp.privateKey().toByteArray());
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    for (KeyPair kp : new KeyPair[] {KeyPair.generate(KeyType.EC), rsa2048()}) {
      for (Object key : new Object[] {kp, kp.privateKey(), kp.publicKey()}) {
        String s = key.toString();
        byte[] material =
            key instanceof PublicKey p ? p.toByteArray() : kp.privateKey().toByteArray();
        assertThat(s).doesNotContain(hex(Arrays.copyOfRange(material, 12, 20)));
      }
      assertThat(kp.privateKey().toString()).contains("redacted");
    }
  }

  private static KeyPair rsa2048Cache;

  private static synchronized KeyPair rsa2048() {
    if (rsa2048Cache == null) {
      rsa2048Cache = KeyPair.generate(KeyType.RSA);
    }
    return rsa2048Cache;
  }
}
