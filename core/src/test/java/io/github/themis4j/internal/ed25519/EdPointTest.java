package io.github.themis4j.internal.ed25519;

import static io.github.themis4j.internal.ed25519.RefEdwards.hexToBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.internal.Bytes;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * The Ed25519 group: RFC 8032 keys and signatures, Bouncy Castle and a BigInteger model as
 * independent references, Wycheproof's Ed25519 vectors, the group laws and ref10's decoding rules.
 */
class EdPointTest {
  private static final Random RANDOM = new Random(8032);
  private static final BigInteger L = RefEdwards.L;

  // RFC 8032 section 7.1, tests 1-3: secret key, public key, message, signature.
  private static final String[][] RFC8032 = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
      "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
  };

  // The eight points of order dividing 8 (canonical encodings): orders 1, 2, 4, 4, 8, 8, 8, 8.
  private static final String[] TORSION = {
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
  };
  private static final int[] TORSION_ORDER = {1, 2, 4, 4, 8, 8, 8, 8};

  private static byte[] sha512(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-512");
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  private static byte[] random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  /** RFC 8032 public key from a 32-byte seed, with our group code. */
  private static byte[] publicKey(byte[] seed) throws Exception {
    byte[] a = Scalar25519.clamp(Arrays.copyOf(sha512(seed), 32));
    return EdPoint.multiplyBase(a).encode();
  }

  /** RFC 8032 Ed25519 signing, with our scalar and group code. */
  private static byte[] sign(byte[] seed, byte[] msg) throws Exception {
    byte[] h = sha512(seed);
    byte[] a = Scalar25519.clamp(Arrays.copyOf(h, 32));
    byte[] pk = EdPoint.multiplyBase(a).encode();
    byte[] r = Scalar25519.reduce(sha512(Arrays.copyOfRange(h, 32, 64), msg));
    byte[] bigR = EdPoint.multiplyBase(r).encode();
    byte[] k = Scalar25519.reduce(sha512(bigR, pk, msg));
    byte[] s = Scalar25519.mulAdd(k, a, r);
    return Bytes.concat(bigR, s);
  }

  /** RFC 8032 (cofactorless) verification with our code: [s]B - [k]A must encode to R exactly. */
  private static boolean verify(byte[] pk, byte[] msg, byte[] sig) throws Exception {
    if (pk.length != 32 || sig.length != 64) {
      return false;
    }
    EdPoint a = EdPoint.decode(pk);
    if (a == null || !Scalar25519.isCanonical(sig, 32)) {
      return false;
    }
    byte[] bigR = Arrays.copyOf(sig, 32);
    byte[] k = Scalar25519.reduce(sha512(bigR, pk, msg));
    EdPoint check = EdPoint.multiplyBase(Arrays.copyOfRange(sig, 32, 64)).subtract(a.multiply(k));
    return Arrays.equals(check.encode(), bigR);
  }

  private static BigInteger scalar(byte[] le) {
    return RefEdwards.fromLe(le);
  }

  private static EdPoint randomSubgroupPoint() {
    return EdPoint.multiplyBase(random32());
  }

  /** A random curve point, almost surely with a torsion component (decodes random y until one works). */
  private static byte[] randomPointEncoding() {
    while (true) {
      byte[] s = random32();
      if (EdPoint.decode(s) != null) {
        return s;
      }
    }
  }

  @Test
  void rfc8032PublicKeysAndSignatures() throws Exception {
    for (String[] v : RFC8032) {
      byte[] seed = hexToBytes(v[0]);
      byte[] msg = hexToBytes(v[2]);
      assertThat(Bytes.hex(publicKey(seed))).isEqualTo(v[1]);
      assertThat(Bytes.hex(sign(seed, msg))).isEqualTo(v[3]);
      assertThat(verify(hexToBytes(v[1]), msg, hexToBytes(v[3]))).isTrue();
    }
  }

  @Test
  void agreesWithBouncyCastleEd25519() throws Exception {
    for (int i = 0; i < 25; i++) {
      byte[] seed = random32();
      byte[] msg = new byte[RANDOM.nextInt(100)];
      RANDOM.nextBytes(msg);
      byte[] bcPk = new byte[32];
      Ed25519.generatePublicKey(seed, 0, bcPk, 0);
      assertThat(publicKey(seed)).isEqualTo(bcPk);

      byte[] bcSig = new byte[64];
      Ed25519.sign(seed, 0, msg, 0, msg.length, bcSig, 0);
      assertThat(sign(seed, msg)).isEqualTo(bcSig);
      assertThat(verify(bcPk, msg, bcSig)).isTrue();
      bcSig[RANDOM.nextInt(64)] ^= (byte) (1 << RANDOM.nextInt(8));
      assertThat(verify(bcPk, msg, bcSig)).isEqualTo(Ed25519.verify(bcSig, 0, bcPk, 0, msg, 0, msg.length));
    }
  }

  @Test
  void wycheproofPublicKeysDecodeAndSignaturesVerify() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/wycheproof/ed25519_test.json")) {
      root = new ObjectMapper().readTree(in);
    }
    int tests = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      byte[] pk = hexToBytes(group.get("publicKey").get("pk").asText());
      EdPoint a = EdPoint.decode(pk);
      assertThat(a).as("public key %s", Bytes.hex(pk)).isNotNull();
      assertThat(a.encode()).isEqualTo(pk);
      for (JsonNode t : group.get("tests")) {
        tests++;
        boolean expected = t.get("result").asText().equals("valid");
        boolean actual = verify(pk, hexToBytes(t.get("msg").asText()), hexToBytes(t.get("sig").asText()));
        if (actual != expected) {
          failures.add("tcId " + t.get("tcId").asInt() + " " + t.get("comment").asText());
        }
      }
    }
    assertThat(tests).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  @Test
  void scalarMultiplicationMatchesReferenceModel() {
    List<byte[]> scalars = new ArrayList<>();
    byte[] ff = new byte[32];
    Arrays.fill(ff, (byte) 0xff);
    scalars.add(ff); // 2^256 - 1, full width
    scalars.add(new byte[32]);
    scalars.add(RefEdwards.le(BigInteger.ONE));
    scalars.add(RefEdwards.le(L.subtract(BigInteger.ONE)));
    scalars.add(RefEdwards.le(L));
    scalars.add(RefEdwards.le(L.add(BigInteger.ONE)));
    for (int i = 0; i < 8; i++) {
      scalars.add(random32());
    }
    for (byte[] k : scalars) {
      BigInteger kk = scalar(k);
      assertThat(EdPoint.multiplyBase(k).encode()).isEqualTo(RefEdwards.BASE.multiply(kk).encode());
      // A point with a torsion component: the scalar must act as an integer, not mod L.
      byte[] enc = randomPointEncoding();
      assertThat(EdPoint.decode(enc).multiply(k).encode())
          .isEqualTo(RefEdwards.decode(enc).multiply(kk).encode());
    }
  }

  @Test
  void fixedBaseTableAgreesWithGeneralMultiplication() {
    for (int i = 0; i < 300; i++) {
      byte[] k = random32();
      if (i < 16) {
        Arrays.fill(k, (byte) (i * 0x11)); // every nibble the same: each table column once
      }
      assertThat(EdPoint.multiplyBase(k).encode()).isEqualTo(EdPoint.BASE.multiply(k).encode());
    }
    assertThatThrownBy(() -> EdPoint.multiplyBase(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sumOfPublicMultiplesAgreesWithSeparateMultiplications() {
    for (int i = 0; i < 60; i++) {
      int terms = 1 + i % 3;
      byte[][] k = new byte[terms][];
      EdPoint[] p = new EdPoint[terms];
      EdPoint expected = EdPoint.IDENTITY;
      for (int n = 0; n < terms; n++) {
        k[n] = random32();
        if (i % 7 == 0) {
          Arrays.fill(k[n], 0, 16, (byte) 0); // runs of zero nibbles
        }
        // points with torsion components too: scalars act as integers, as in multiply
        p[n] = n == 0 ? EdPoint.BASE : EdPoint.decode(randomPointEncoding());
        expected = expected.add(p[n].multiply(k[n]));
      }
      assertThat(EdPoint.sumOfPublicMultiples(k, p).encode()).isEqualTo(expected.encode());
    }
    byte[] zero = new byte[32];
    assertThat(EdPoint.sumOfPublicMultiples(new byte[][] {zero}, new EdPoint[] {EdPoint.BASE}).isIdentity())
        .isTrue();
    assertThatThrownBy(
            () -> EdPoint.sumOfPublicMultiples(new byte[][] {zero}, new EdPoint[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void additionMatchesReferenceModel() {
    for (int i = 0; i < 20; i++) {
      byte[] p = randomPointEncoding();
      byte[] q = i % 2 == 0 ? randomPointEncoding() : hexToBytes(TORSION[i % 8]);
      EdPoint sum = EdPoint.decode(p).add(EdPoint.decode(q));
      assertThat(sum.encode()).isEqualTo(RefEdwards.decode(p).add(RefEdwards.decode(q)).encode());
      EdPoint diff = EdPoint.decode(p).subtract(EdPoint.decode(q));
      assertThat(diff.encode()).isEqualTo(RefEdwards.decode(p).add(RefEdwards.decode(q).negate()).encode());
    }
  }

  @Test
  void groupLaws() {
    for (int i = 0; i < 10; i++) {
      EdPoint p = randomSubgroupPoint();
      EdPoint q = randomSubgroupPoint();
      // Not in the subgroup: a subgroup point plus a point of order 8.
      EdPoint r = randomSubgroupPoint().add(EdPoint.decode(hexToBytes(TORSION[4 + i % 4])));
      assertThat(p.add(q).add(r).encode()).isEqualTo(p.add(q.add(r)).encode()); // associativity
      assertThat(p.add(q).encode()).isEqualTo(q.add(p).encode()); // commutativity
      assertThat(p.add(EdPoint.IDENTITY).encode()).isEqualTo(p.encode()); // identity
      assertThat(p.add(p.negate()).isIdentity()).isTrue(); // inverse
      assertThat(r.subtract(r).isIdentity()).isTrue();
      assertThat(p.add(p).encode()).isEqualTo(p.twice().encode()); // P + P == 2P
      assertThat(r.add(r).encode()).isEqualTo(r.twice().encode());
      assertThat(p.multiply(RefEdwards.le(BigInteger.TWO)).encode()).isEqualTo(p.twice().encode());
      assertThat(p.multiply(Scalar25519.L_BYTES).isIdentity()).isTrue(); // [L]P == O
      assertThat(p.isInPrimeOrderSubgroup()).isTrue();
      assertThat(p.hasSmallOrder()).isFalse();
      assertThat(r.isInPrimeOrderSubgroup()).isFalse();
      assertThat(r.hasSmallOrder()).isFalse();
      // ([a]P) + ([b]P) == [a + b]P, with a + b taken as an integer.
      byte[] a = random32();
      byte[] b = random32();
      a[31] &= 0x3f;
      b[31] &= 0x3f;
      byte[] ab = RefEdwards.le(scalar(a).add(scalar(b)));
      assertThat(r.multiply(a).add(r.multiply(b)).encode()).isEqualTo(r.multiply(ab).encode());
    }
    assertThat(EdPoint.IDENTITY.twice().isIdentity()).isTrue();
    assertThat(EdPoint.IDENTITY.encode()).isEqualTo(hexToBytes(TORSION[0]));
  }

  @Test
  void torsionPoints() {
    Set<String> derived = new HashSet<>();
    // [L]Q is the torsion part of Q (times L); over a few random Q these cover all eight points.
    for (int i = 0; i < 40 && derived.size() < 8; i++) {
      EdPoint t = EdPoint.decode(randomPointEncoding()).multiply(Scalar25519.L_BYTES);
      for (int k = 0; k < 8; k++) {
        derived.add(Bytes.hex(t.multiply(RefEdwards.le(BigInteger.valueOf(k))).encode()));
      }
    }
    assertThat(derived).containsExactlyInAnyOrder(TORSION);
    for (int i = 0; i < TORSION.length; i++) {
      EdPoint t = EdPoint.decode(hexToBytes(TORSION[i]));
      assertThat(t).isNotNull();
      assertThat(t.hasSmallOrder()).isTrue();
      assertThat(t.isIdentity()).isEqualTo(i == 0);
      int order = 1;
      EdPoint m = t;
      while (!m.isIdentity()) {
        m = m.add(t);
        order++;
      }
      assertThat(order).isEqualTo(TORSION_ORDER[i]);
      assertThat(t.isInPrimeOrderSubgroup()).isEqualTo(i == 0);
      // A subgroup point plus torsion leaves the subgroup (unless the torsion is trivial).
      assertThat(randomSubgroupPoint().add(t).isInPrimeOrderSubgroup()).isEqualTo(i == 0);
    }
  }

  @Test
  void decodingFollowsRef10() {
    // y >= p is reduced without complaint: y = p + 1 is the identity, y = p the order-4 point (y = 0).
    byte[] pPlus1 = RefEdwards.le(RefEdwards.P.add(BigInteger.ONE));
    assertThat(EdPoint.decode(pPlus1).isIdentity()).isTrue();
    assertThat(EdPoint.decode(pPlus1).encode()).isEqualTo(hexToBytes(TORSION[0]));
    assertThat(EdPoint.decode(RefEdwards.le(RefEdwards.P)).encode()).isEqualTo(hexToBytes(TORSION[2]));
    // x = 0 with the sign bit set is accepted as x = 0.
    byte[] negZero = hexToBytes(TORSION[0]);
    negZero[31] |= (byte) 0x80;
    assertThat(EdPoint.decode(negZero).isIdentity()).isTrue();
    // Bit 255 selects the sign of x and is not part of y.
    byte[] b = EdPoint.BASE.encode();
    b[31] ^= (byte) 0x80;
    assertThat(EdPoint.decode(b).encode()).isEqualTo(EdPoint.BASE.negate().encode());

    // Random y values: same accept/reject decisions and the same points as the reference model.
    int accepted = 0;
    for (int i = 0; i < 300; i++) {
      byte[] s = random32();
      EdPoint p = EdPoint.decode(s);
      RefEdwards.Pt ref = RefEdwards.decode(s);
      assertThat(p == null).isEqualTo(ref == null);
      if (p != null) {
        accepted++;
        assertThat(p.encode()).isEqualTo(ref.encode());
        assertThat(EdPoint.decode(p.encode()).isEqualTo(p)).isTrue(); // round trip
      }
    }
    assertThat(accepted).isBetween(100, 200); // about half of all y are valid
    assertThatThrownBy(() -> EdPoint.decode(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subgroupChecksAgreeWithBouncyCastleValidation() {
    // For canonical encodings, BC's "partial" validation is "is a point" (BC also turns away some
    // small-order points there, so those are left to the full check) and "full" adds the subgroup
    // and small-order checks.
    for (int i = 0; i < 60; i++) {
      byte[] s;
      if (i < 8) {
        s = hexToBytes(TORSION[i]);
      } else if (i < 20) {
        s = randomSubgroupPoint().encode();
      } else {
        s = random32();
      }
      EdPoint p = EdPoint.decode(s);
      boolean canonical = p != null && Arrays.equals(p.encode(), s);
      if (p != null && !canonical) {
        continue; // non-canonical: BC rejects, ref10 (and we) accept
      }
      if (p == null || !p.hasSmallOrder()) {
        assertThat(Ed25519.validatePublicKeyPartial(s, 0)).as(Bytes.hex(s)).isEqualTo(p != null);
      }
      boolean full = p != null && !p.hasSmallOrder() && p.isInPrimeOrderSubgroup();
      assertThat(Ed25519.validatePublicKeyFull(s, 0)).as(Bytes.hex(s)).isEqualTo(full);
    }
  }

  @Test
  void multiplyRejectsWrongScalarLength() {
    assertThatThrownBy(() -> EdPoint.BASE.multiply(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
