package io.github.themis4j.message;

import io.github.themis4j.internal.EcCrypto;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.RawKeySeal;
import io.github.themis4j.internal.SoterContainer;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof (C2SP/wycheproof testvectors_v1, see resources/wycheproof/LICENSE) against the
 * primitive layer Secure Message uses ({@link EcCrypto}: Bouncy Castle ECDH and ECDSA; {@link RsaCrypto}: JDK
 * RSA-OAEP, RSA public operation plus our EMSA-PSS verification) and, where the vector fits the
 * format, through {@link SecureMessage} itself. Failures are collected and reported together.
 */
class SecureMessageWycheproofTest {
  private static final HexFormat HEX = HexFormat.of();

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = SecureMessageWycheproofTest.class.getResourceAsStream("/wycheproof/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static byte[] hex(JsonNode n) {
    return HEX.parseHex(n.asText());
  }

  private static String id(JsonNode t) {
    return "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ", " + t.get("result").asText() + ")";
  }

  private static PrivateKey ecPrivate(byte[] scalar) {
    BigInteger d = new BigInteger(1, scalar);
    byte[] payload = new byte[33];
    EcCurve.writeFixed(d, payload, 0, 33);
    return PrivateKey.fromBytes(SoterContainer.wrap("REC2", payload));
  }

  // ---- ECDSA P-256 SHA-256, DER signatures

  @Test
  void ecdsaSecp256r1Sha256() throws IOException {
    JsonNode doc = load("ecdsa_secp256r1_sha256_test.json");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode group : doc.get("testGroups")) {
      PublicKey key = PublicKey.fromBytes(SoterContainer.wrap("UEC2", hex(group.get("publicKey").get("uncompressed"))));
      ECPublicKey jca = (ECPublicKey) key.toJcaKey();
      for (JsonNode t : group.get("tests")) {
        count++;
        byte[] msg = hex(t.get("msg"));
        byte[] sig = hex(t.get("sig"));
        boolean valid = t.get("result").asText().equals("valid");
        boolean ok = EcCrypto.verify(jca, msg, 0, msg.length, sig, 0, sig.length);
        if (ok != valid) {
          failures.add("primitive " + id(t) + ": verify=" + ok);
        }
        if (msg.length > 0) {
          byte[] signed = SecureMessageInteropTest.signedContainer(SecureMessage.EC_SIGNED, msg, sig);
          String outcome = outcome(() -> SecureMessage.verify(key, signed), msg);
          if (!outcome.equals(valid ? "ok" : "auth")) {
            failures.add("SecureMessage.verify " + id(t) + ": " + outcome);
          }
        }
      }
    }
    assertThat(count).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  /** "ok" (returned {@code expected}), "auth", "malformed", or the unexpected outcome. */
  private static String outcome(java.util.function.Supplier<byte[]> op, byte[] expected) {
    try {
      byte[] r = op.get();
      return Arrays.equals(r, expected) ? "ok" : "wrong result";
    } catch (AuthenticationFailedException e) {
      return "auth";
    } catch (io.github.themis4j.MalformedDataException e) {
      return "malformed";
    } catch (RuntimeException e) {
      return "unexpected " + e;
    }
  }

  // ---- ECDH P-256

  /**
   * X.509-encoded public keys. Themis keys carry only a SEC1 point and a curve tag, so the SPKI
   * wrapper is read here, by the test: a key whose parameters are not the named curve P-256 cannot
   * be expressed as a Themis key at all and counts as rejected. The point itself goes through
   * {@link PublicKey#fromBytes} (point validation) and {@link EcCrypto#ecdh}.
   */
  @Test
  void ecdhSecp256r1X509() throws IOException {
    JsonNode doc = load("ecdh_secp256r1_test.json");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode group : doc.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        count++;
        byte[] point = p256PointFromSpki(hex(t.get("public")));
        check(t, point, failures);
      }
    }
    assertThat(count).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  @Test
  void ecdhSecp256r1EcPoint() throws IOException {
    JsonNode doc = load("ecdh_secp256r1_ecpoint_test.json");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode group : doc.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        count++;
        check(t, hex(t.get("public")), failures);
      }
    }
    assertThat(count).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  private static byte[] p256PointFromSpki(byte[] der) {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (!spki.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return null;
      }
      if (!(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier)
          || !spki.getAlgorithm().getParameters().equals(X9ObjectIdentifiers.prime256v1)) {
        return null; // explicit or other-curve parameters: not a Themis P-256 key
      }
      if (!Arrays.equals(spki.getEncoded("DER"), der)) {
        return null; // not DER
      }
      return spki.getPublicKeyData().getOctets();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void check(JsonNode t, byte[] point, List<String> failures) {
    String result = t.get("result").asText();
    byte[] expected = hex(t.get("shared"));
    byte[] shared = null;
    PrivateKey priv = ecPrivate(hex(t.get("private")));
    PublicKey pub = null;
    String rejection = null;
    if (point == null) {
      rejection = "not an X.509 P-256 key";
    } else {
      try {
        pub = PublicKey.fromBytes(SoterContainer.wrap("UEC2", point));
        shared = EcCrypto.ecdh((ECPrivateKey) priv.toJcaKey(), (ECPublicKey) pub.toJcaKey(), true);
      } catch (ThemisException e) {
        rejection = e.getClass().getSimpleName();
      } catch (RuntimeException e) {
        failures.add(id(t) + ": unexpected " + e);
        return;
      }
    }
    if (result.equals("valid") && shared == null) {
      failures.add(id(t) + ": rejected (" + rejection + ")");
    } else if (result.equals("invalid") && shared != null) {
      failures.add(id(t) + ": accepted");
    } else if (shared != null && !Arrays.equals(shared, expected)) {
      failures.add(id(t) + ": wrong shared secret");
    }
    if (shared != null && Arrays.equals(shared, expected)) {
      // Through Secure Message: the payload is a Seal keyed by exactly this secret.
      byte[] data = {1, 2, 3};
      byte[] encrypted = new SecureMessage(priv, pub).encrypt(data);
      byte[] seal = Arrays.copyOfRange(encrypted, 8, encrypted.length);
      if (!Arrays.equals(SecureCell.sealWithKey(SymmetricKey.fromBytes(expected)).decrypt(seal), data)) {
        failures.add(id(t) + ": SecureMessage did not seal with the shared secret");
      }
    }
  }

  // ---- RSA-OAEP SHA-1

  @Test
  void rsaOaep2048Sha1() throws Exception {
    JsonNode doc = load("rsa_oaep_2048_sha1_mgf1sha1_test.json");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode group : doc.get("testGroups")) {
      RSAPrivateCrtKey key =
          (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(group.get("privateKeyPkcs8"))));
      PrivateKey themisKey = themisRsaPrivate(key);
      SecureMessage recipient = new SecureMessage(themisKey, PublicKey.fromBytes(themisRsaPublic(key)));
      for (JsonNode t : group.get("tests")) {
        count++;
        byte[] ct = hex(t.get("ct"));
        byte[] label = hex(t.get("label"));
        byte[] msg = hex(t.get("msg"));
        boolean valid = t.get("result").asText().equals("valid");
        byte[] pt = RsaCrypto.oaepDecrypt(key, ct, 0, ct.length, label);
        if (valid ? !Arrays.equals(pt, msg) : pt != null) {
          failures.add("primitive " + id(t) + ": " + (pt == null ? "rejected" : "decrypted"));
        }
        if (label.length == 0) {
          // As the wrapped key of an RSA Secure Message: a Seal under msg opens only if OAEP accepts.
          byte[] data = {9, 8, 7, 6};
          byte[] sealKey = msg.length > 0 ? msg : new byte[] {0};
          byte[] m = rsaEncryptedMessage(ct, sealKey, data);
          String outcome = outcome(() -> recipient.decrypt(m), data);
          String want = valid && msg.length > 0 && ct.length == 256 ? "ok" : "auth";
          if (!outcome.equals(want) && !(outcome.equals("malformed") && ct.length != 256)) {
            failures.add("SecureMessage.decrypt " + id(t) + ": " + outcome);
          }
        }
      }
    }
    assertThat(count).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  private static byte[] rsaEncryptedMessage(byte[] wrapped, byte[] sealKey, byte[] data) {
    RawKeySeal seal = RawKeySeal.instance();
    byte[] m = new byte[12 + wrapped.length + seal.sealedLength(data.length)];
    Bytes.writeLe32(m, 0, SecureMessage.RSA_ENCRYPTED);
    Bytes.writeLe32(m, 4, m.length);
    Bytes.writeLe32(m, 8, wrapped.length);
    System.arraycopy(wrapped, 0, m, 12, wrapped.length);
    seal.seal(sealKey, data, m, 12 + wrapped.length);
    return m;
  }

  // ---- RSA-PSS SHA-256, MGF1-SHA-256, salt 32

  /**
   * The file fixes the salt length at 32; Themis (OpenSSL/BoringSSL salt length -2) recovers it from
   * the signature and accepts any. So a vector that is "invalid" only because its salt length is
   * not 32 is expected to verify here, and each such acceptance is confirmed independently: the
   * JDK's fixed-salt PSS verifier must accept the signature for some other salt length.
   */
  @Test
  void rsaPss2048Sha256() throws Exception {
    JsonNode doc = load("rsa_pss_2048_sha256_mgf1_32_test.json");
    List<String> failures = new ArrayList<>();
    List<Integer> otherSaltLengths = new ArrayList<>();
    int count = 0;
    for (JsonNode group : doc.get("testGroups")) {
      RSAPublicKey key =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(hex(group.get("publicKeyDer"))));
      PublicKey themisKey = PublicKey.fromBytes(themisRsaPublic(key));
      for (JsonNode t : group.get("tests")) {
        count++;
        byte[] msg = hex(t.get("msg"));
        byte[] sig = hex(t.get("sig"));
        boolean valid = t.get("result").asText().equals("valid");
        boolean ok = RsaCrypto.pssVerify(key, msg, 0, msg.length, sig, 0, sig.length);
        if (ok && !valid) {
          int salt = saltLengthAcceptedByJdk(key, msg, sig);
          if (salt < 0 || salt == 32) {
            failures.add("primitive " + id(t) + ": accepted");
          } else {
            otherSaltLengths.add(salt);
            valid = true; // Themis semantics
          }
        } else if (ok != valid) {
          failures.add("primitive " + id(t) + ": rejected");
        }
        if (msg.length > 0) {
          byte[] signed = SecureMessageInteropTest.signedContainer(SecureMessage.RSA_SIGNED, msg, sig);
          String outcome = outcome(() -> SecureMessage.verify(themisKey, signed), msg);
          if (!outcome.equals(valid ? "ok" : "auth")) {
            failures.add("SecureMessage.verify " + id(t) + ": " + outcome);
          }
        }
      }
    }
    assertThat(count).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
    // the "s_len changed to 0/1/20/31/33/222" vectors
    assertThat(otherSaltLengths).containsExactlyInAnyOrder(0, 1, 20, 31, 33, 222);
  }

  private static int saltLengthAcceptedByJdk(RSAPublicKey key, byte[] msg, byte[] sig) throws Exception {
    for (int salt = 0; salt <= RsaCrypto.maxSaltLength(key); salt++) {
      Signature v = Signature.getInstance("RSASSA-PSS");
      v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
      v.initVerify(key);
      v.update(msg);
      try {
        if (v.verify(sig)) {
          return salt;
        }
      } catch (java.security.SignatureException e) {
        // not this salt length
      }
    }
    return -1;
  }

  // ---- Themis containers for the Wycheproof RSA keys

  private static byte[] themisRsaPublic(java.security.interfaces.RSAKey key) {
    BigInteger n = key.getModulus();
    int m = (n.bitLength() + 7) / 8;
    byte[] payload = new byte[m + 4];
    EcCurve.writeFixed(n, payload, 0, m);
    Bytes.writeBe32(payload, m, 65537);
    return SoterContainer.wrap("URA2", payload);
  }

  private static PrivateKey themisRsaPrivate(RSAPrivateCrtKey k) {
    int m = 256;
    int h = 128;
    byte[] p = new byte[m + 5 * h + m + 4];
    int off = 0;
    EcCurve.writeFixed(k.getPrivateExponent(), p, off, m);
    off += m;
    for (BigInteger v :
        new BigInteger[] {k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
      EcCurve.writeFixed(v, p, off, h);
      off += h;
    }
    EcCurve.writeFixed(k.getModulus(), p, off, m);
    Bytes.writeBe32(p, off + m, k.getPublicExponent().intValueExact());
    return PrivateKey.fromBytes(SoterContainer.wrap("RRA2", p));
  }
}
