package io.github.themis4j.comparator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ProtocolStateException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.internal.ed25519.EdPoint;
import io.github.themis4j.internal.ed25519.Scalar25519;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secure Comparator between two themis4j peers: results, state machine and hostile input. */
class SecureComparatorTest {
  private static final Random RANDOM = new Random(1180);
  private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger L = new BigInteger(
      "7237005577332262213973186563042994240857116359379907606001950938285454250989");
  /** A point of order 8. */
  private static final EdPoint T8 =
      EdPoint.decode(SecureComparatorTranscriptTest.hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));

  /** Messages m1..m4 of one comparison (index 0 unused). */
  private static byte[][] run(SecureComparator alice, SecureComparator bob) {
    byte[][] m = new byte[5][];
    m[1] = alice.beginCompare();
    m[2] = bob.proceedCompare(m[1]);
    m[3] = alice.proceedCompare(m[2]);
    m[4] = bob.proceedCompare(m[3]);
    assertThat(alice.proceedCompare(m[4])).isNull();
    return m;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] clampedSha256(byte[] secret) throws Exception {
    return Scalar25519.clamp(MessageDigest.getInstance("SHA-256").digest(secret));
  }

  private static byte[] randomScalar() {
    return Scalar25519.clamp(randomBytes(32));
  }

  /** Asserts that {@code call} fails with {@code type} and leaves {@code c} failed for good. */
  private static void assertFails(SecureComparator c, Class<? extends ThemisException> type, String text,
      ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(text);
    assertThat(c.isEqual()).isFalse();
    assertThat(c.isCompared()).isFalse();
    assertThat(c.isFailed()).isTrue();
    assertThatThrownBy(() -> c.proceedCompare(new byte[96]))
        .isInstanceOf(ProtocolStateException.class).hasMessageContaining("failed earlier");
    assertThatThrownBy(c::beginCompare).isInstanceOf(ProtocolStateException.class);
  }

  // --- results ---------------------------------------------------------------------------------

  @Test
  void equalSecretsMatchOnBothSides() {
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET.clone());
    assertThat(alice.isCompared()).isFalse();
    byte[][] m = run(alice, bob);
    assertThat(m[1]).hasSize(192);
    assertThat(m[2]).hasSize(352);
    assertThat(m[3]).hasSize(256);
    assertThat(m[4]).hasSize(96);
    assertThat(alice.isCompared()).isTrue();
    assertThat(bob.isCompared()).isTrue();
    assertThat(alice.isEqual()).isTrue();
    assertThat(bob.isEqual()).isTrue();
  }

  @Test
  void bobKnowsTheResultAfterMessageFourAndAliceAfterReadingIt() {
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET);
    byte[] m3 = alice.proceedCompare(bob.proceedCompare(alice.beginCompare()));
    assertThat(bob.isCompared()).isFalse();
    byte[] m4 = bob.proceedCompare(m3);
    assertThat(bob.isEqual()).isTrue();
    assertThat(alice.isCompared()).isFalse();
    assertThat(alice.proceedCompare(m4)).isNull();
    assertThat(alice.isEqual()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct horse battery staplf", "c", "correct horse battery staple and more", "Correct"})
  void differentSecretsDoNotMatch(String other) {
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(other.getBytes(StandardCharsets.UTF_8));
    run(alice, bob);
    assertThat(alice.isCompared()).isTrue();
    assertThat(bob.isCompared()).isTrue();
    assertThat(alice.isEqual()).isFalse();
    assertThat(bob.isEqual()).isFalse();
  }

  @Test
  void binarySecretsOfManyLengths() {
    for (int len : new int[] {1, 31, 32, 33, 64, 1000}) {
      byte[] secret = randomBytes(len);
      SecureComparator alice = new SecureComparator(secret);
      SecureComparator bob = new SecureComparator(secret.clone());
      run(alice, bob);
      assertThat(alice.isEqual()).isTrue();
      assertThat(bob.isEqual()).isTrue();
    }
  }

  @Test
  void stringsCompareByTheirEncoding() {
    String text = "пароль 🔑";
    SecureComparator a = new SecureComparator(text.getBytes(StandardCharsets.UTF_16)); // JavaThemis encoding
    SecureComparator b = new SecureComparator(text.getBytes(StandardCharsets.UTF_16));
    run(a, b);
    assertThat(a.isEqual()).isTrue();
    SecureComparator c = new SecureComparator(text.getBytes(StandardCharsets.UTF_16));
    SecureComparator d = new SecureComparator(text.getBytes(StandardCharsets.UTF_8));
    run(c, d);
    assertThat(c.isEqual()).isFalse();
    assertThat(d.isEqual()).isFalse();
  }

  @Test
  void secretIsNotRetained() {
    byte[] secret = SECRET.clone();
    SecureComparator alice = new SecureComparator(secret);
    Arrays.fill(secret, (byte) 0); // caller wipes its copy
    SecureComparator bob = new SecureComparator(SECRET);
    run(alice, bob);
    assertThat(alice.isEqual()).isTrue();
    assertThat(alice.toString()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8)).contains("DONE");
  }

  @Test
  void independentComparisonsRunConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        boolean same = i % 2 == 0;
        byte[] a = ("secret " + i).getBytes(StandardCharsets.UTF_8);
        byte[] b = same ? a.clone() : ("secret " + (i + 1)).getBytes(StandardCharsets.UTF_8);
        results.add(pool.submit(() -> {
          SecureComparator alice = new SecureComparator(a);
          SecureComparator bob = new SecureComparator(b);
          run(alice, bob);
          return alice.isEqual() == same && bob.isEqual() == same;
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- arguments and state -----------------------------------------------------------------------

  @Test
  void nullAndEmptyArguments() {
    assertThatThrownBy(() -> new SecureComparator(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new SecureComparator(new byte[0])).isInstanceOf(InvalidArgumentException.class);

    // A null or empty message is a caller error: rejected, the comparator stays usable.
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET);
    assertThatThrownBy(() -> bob.proceedCompare(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> bob.proceedCompare(new byte[0])).isInstanceOf(InvalidArgumentException.class);
    byte[] m1 = alice.beginCompare();
    assertThatThrownBy(() -> alice.proceedCompare(null)).isInstanceOf(InvalidArgumentException.class);
    byte[] m2 = bob.proceedCompare(m1);
    byte[] m3 = alice.proceedCompare(m2);
    alice.proceedCompare(bob.proceedCompare(m3));
    assertThat(alice.isEqual()).isTrue();
    assertThat(bob.isEqual()).isTrue();
  }

  @Test
  void protocolStepsAtTheWrongTime() {
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    assertThatThrownBy(alice::beginCompare).isInstanceOf(ProtocolStateException.class);
    byte[] m2 = bob.proceedCompare(m1);
    assertThatThrownBy(bob::beginCompare).isInstanceOf(ProtocolStateException.class);
    byte[] m3 = alice.proceedCompare(m2);
    byte[] m4 = bob.proceedCompare(m3);
    alice.proceedCompare(m4);

    // After completion further input is refused and the result is kept.
    assertThatThrownBy(() -> bob.proceedCompare(m3))
        .isInstanceOf(ProtocolStateException.class).hasMessageContaining("already complete");
    assertThatThrownBy(() -> alice.proceedCompare(m4)).isInstanceOf(ProtocolStateException.class);
    assertThat(alice.isEqual()).isTrue();
    assertThat(bob.isEqual()).isTrue();
  }

  @Test
  void messagesOutOfOrderAndReplayedMessages() {
    // Bob must start with message 1.
    SecureComparator bob0 = new SecureComparator(SECRET);
    SecureComparator alice0 = new SecureComparator(SECRET);
    byte[] m1 = alice0.beginCompare();
    byte[] m2 = new SecureComparator(SECRET).proceedCompare(m1);
    assertFails(bob0, ProtocolStateException.class, "got message 2", () -> bob0.proceedCompare(m2));

    // Alice gets her own message 1 reflected back instead of message 2.
    SecureComparator alice1 = new SecureComparator(SECRET);
    byte[] own = alice1.beginCompare();
    assertFails(alice1, ProtocolStateException.class, "got message 1", () -> alice1.proceedCompare(own));

    // Alice replays message 1 where Bob expects message 3.
    SecureComparator alice2 = new SecureComparator(SECRET);
    SecureComparator bob2 = new SecureComparator(SECRET);
    byte[] a1 = alice2.beginCompare();
    byte[] b2 = bob2.proceedCompare(a1);
    assertFails(bob2, ProtocolStateException.class, "expected message 3", () -> bob2.proceedCompare(a1));

    // Bob replays message 2 where Alice expects message 4.
    alice2.proceedCompare(b2);
    assertFails(alice2, ProtocolStateException.class, "expected message 4", () -> alice2.proceedCompare(b2));
  }

  @Test
  void messagesReplayedFromAnEarlierComparisonFailTheirProofs() {
    SecureComparator oldAlice = new SecureComparator(SECRET);
    SecureComparator oldBob = new SecureComparator(SECRET);
    byte[][] old = run(oldAlice, oldBob);

    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    bob.proceedCompare(m1);
    assertFails(bob, AuthenticationFailedException.class, "Pa and Qa", () -> bob.proceedCompare(old[3]));

    assertFails(alice, AuthenticationFailedException.class, "Pb and Qb", () -> alice.proceedCompare(old[2]));

    SecureComparator alice3 = new SecureComparator(SECRET);
    SecureComparator bob3 = new SecureComparator(SECRET);
    alice3.proceedCompare(bob3.proceedCompare(alice3.beginCompare()));
    assertFails(alice3, AuthenticationFailedException.class, "Rb", () -> alice3.proceedCompare(old[4]));
  }

  @Test
  void wrongSizes() {
    int[] sizes = {0, 192, 352, 256, 96};
    for (int step = 1; step <= 4; step++) {
      for (int delta : new int[] {-1, 1, -32, 1000}) {
        SecureComparator alice = new SecureComparator(SECRET);
        SecureComparator bob = new SecureComparator(SECRET);
        byte[][] m = new byte[5][];
        m[1] = alice.beginCompare();
        if (step >= 2) {
          m[2] = bob.proceedCompare(m[1]);
        }
        if (step >= 3) {
          m[3] = alice.proceedCompare(m[2]);
        }
        if (step >= 4) {
          m[4] = bob.proceedCompare(m[3]);
        }
        SecureComparator receiver = step % 2 == 1 ? bob : alice;
        byte[] bad = Arrays.copyOf(m[step], sizes[step] + delta);
        int expectedSize = sizes[step];
        assertFails(receiver, MalformedDataException.class, "must be " + expectedSize + " bytes",
            () -> receiver.proceedCompare(bad));
      }
    }
  }

  // --- tampering ---------------------------------------------------------------------------------

  @Test
  void everyTamperedBlockIsRejected() {
    int[] blocks = {0, 6, 11, 8, 3};
    for (int step = 1; step <= 4; step++) {
      for (int block = 0; block < blocks[step]; block++) {
        // Equal secrets: tampering must never turn into a result, let alone a match.
        SecureComparator alice = new SecureComparator(SECRET);
        SecureComparator bob = new SecureComparator(SECRET);
        byte[] msg = alice.beginCompare();
        for (int s = 2; s <= step; s++) {
          msg = (s % 2 == 0 ? bob : alice).proceedCompare(msg);
        }
        byte[] bad = msg.clone();
        bad[block * 32 + RANDOM.nextInt(32)] ^= (byte) (1 << RANDOM.nextInt(8));
        SecureComparator receiver = step % 2 == 1 ? bob : alice;
        assertThatThrownBy(() -> receiver.proceedCompare(bad))
            .as("message %d, block %d", step, block)
            .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
        assertThat(receiver.isEqual()).isFalse();
        assertThat(receiver.isCompared()).isFalse();
      }
    }
  }

  @Test
  void invalidPointEncodingIsRejected() {
    byte[] notAPoint = new byte[32];
    do {
      RANDOM.nextBytes(notAPoint);
    } while (EdPoint.decode(notAPoint) != null);
    SecureComparator alice = new SecureComparator(SECRET);
    SecureComparator bob = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    System.arraycopy(notAPoint, 0, m1, 96, 32); // G3a
    assertFails(bob, MalformedDataException.class, "G3a is not a valid Ed25519 point", () -> bob.proceedCompare(m1));
  }

  @Test
  void proofScalarsOutOfRangeAreRejected() {
    for (int variant = 0; variant < 4; variant++) {
      SecureComparator alice = new SecureComparator(SECRET);
      SecureComparator bob = new SecureComparator(SECRET);
      byte[] m1 = alice.beginCompare();
      byte[] m2 = bob.proceedCompare(m1);
      byte[] bad = m2.clone();
      int off;
      switch (variant) {
        case 0: // top three bits of s1 in the proof of Pb and Qb (Themis's own check)
          off = 9 * 32;
          bad[off + 31] |= (byte) 0xe0;
          break;
        case 1: // s + L: the same residue, but not canonical (below 2^253, so Themis would accept it)
          off = 2 * 32;
          addL(bad, off);
          break;
        case 2: // c + L in the proof of G3b
          off = 4 * 32;
          addL(bad, off);
          break;
        default: // s2 + L in the proof of Pb and Qb
          off = 10 * 32;
          addL(bad, off);
      }
      assertFails(alice, AuthenticationFailedException.class, "out of range", () -> alice.proceedCompare(bad));
    }
  }

  private static void addL(byte[] m, int off) {
    byte[] le = Arrays.copyOfRange(m, off, off + 32);
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    BigInteger v = new BigInteger(be).add(L);
    assertThat(v.bitLength()).isLessThanOrEqualTo(253);
    byte[] out = v.toByteArray();
    for (int i = 0; i < 32; i++) {
      m[off + i] = i < out.length ? out[out.length - 1 - i] : 0;
    }
  }

  // --- malicious peers with valid proofs ---------------------------------------------------------

  @Test
  void zeroScalarsFromAMaliciousAliceAreRejected() throws Exception {
    // Themis's own security test: a peer that uses 0 for a2 and a3 (G2a = G3a = identity, with valid
    // proofs). With g2 = identity every comparison would "match"; Themis answers NO_MATCH, we refuse.
    ManualPeer evil = new ManualPeer(clampedSha256(SECRET), new byte[32], new byte[32], randomScalar());
    SecureComparator bob = new SecureComparator(SECRET);
    byte[] m1 = evil.aliceMessage1();
    assertFails(bob, MalformedDataException.class, "G2a is the identity point", () -> bob.proceedCompare(m1));
  }

  @Test
  void zeroScalarsFromAMaliciousBobAreRejected() throws Exception {
    SecureComparator alice = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    ManualPeer evil = new ManualPeer(clampedSha256("guess".getBytes(StandardCharsets.UTF_8)), new byte[32],
        randomScalar(), randomScalar());
    byte[] m2 = evil.bobMessage2(m1);
    assertFails(alice, MalformedDataException.class, "G2b is the identity point", () -> alice.proceedCompare(m2));

    // rb = 0 makes Pb the identity.
    SecureComparator alice2 = new SecureComparator(SECRET);
    byte[] m1b = alice2.beginCompare();
    ManualPeer evil2 = new ManualPeer(clampedSha256(SECRET), randomScalar(), randomScalar(), new byte[32]);
    byte[] m2b = evil2.bobMessage2(m1b);
    assertFails(alice2, MalformedDataException.class, "Pb is the identity point", () -> alice2.proceedCompare(m2b));
  }

  /**
   * A valid DL proof (pos) for T8 (when {@code extraScalar} is null) or for extraScalar * B + T8: with
   * nonce r and R = r * B, the proof (c, c * extraScalar + r) verifies whenever c = H(R || pos) is a
   * multiple of 8, because then c * T8 is the identity. One nonce in eight will do.
   */
  static byte[] forgedProofForTorsion(int pos, byte[] extraScalar) {
    while (true) {
      byte[] r = Scalar25519.reduce(randomBytes(64));
      byte[] c = Proofs.challenge(pos, EdPoint.multiplyBase(r));
      if ((c[0] & 7) == 0) {
        byte[] s = extraScalar == null ? r : Scalar25519.mulAdd(c, extraScalar, r);
        byte[] proof = new byte[64];
        System.arraycopy(c, 0, proof, 0, 32);
        System.arraycopy(s, 0, proof, 32, 32);
        return proof;
      }
    }
  }

  @Test
  void smallOrderPointWithAValidProofIsRejected() {
    SecureComparator alice = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    byte[] m2 = new SecureComparator(SECRET).proceedCompare(m1);
    // Replace G2b by a point of order 8 (then g2 = a2 * T8 = identity since a2 is a multiple of 8).
    byte[] proof = forgedProofForTorsion(3, null);
    Proofs.verifyDiscreteLog(3, T8, proof, 0, "forged"); // the forged proof itself is valid
    System.arraycopy(T8.encode(), 0, m2, 0, 32);
    System.arraycopy(proof, 0, m2, 32, 64);
    assertFails(alice, MalformedDataException.class, "G2b is a point of small order", () -> alice.proceedCompare(m2));
  }

  @Test
  void pointOutsideThePrimeOrderSubgroupIsRejected() {
    // G3a' = a3 * B + T8 with a valid proof of knowledge (Themis would accept it; the torsion part
    // would be cancelled by Bob's clamped b3, but we do not accept such points at all).
    byte[] a3 = randomScalar();
    EdPoint g3a = EdPoint.multiplyBase(a3).add(T8);
    byte[] proof = forgedProofForTorsion(2, a3);
    Proofs.verifyDiscreteLog(2, g3a, proof, 0, "forged");
    SecureComparator alice = new SecureComparator(SECRET);
    byte[] m1 = alice.beginCompare();
    System.arraycopy(g3a.encode(), 0, m1, 96, 32);
    System.arraycopy(proof, 0, m1, 128, 64);
    SecureComparator bob = new SecureComparator(SECRET);
    assertFails(bob, MalformedDataException.class, "G3a is not in the prime-order subgroup",
        () -> bob.proceedCompare(m1));
  }

  @Test
  void aliceHonestManualPeerInteroperates() throws Exception {
    // Sanity check of the test helper itself: an honest ManualPeer completes with SecureComparator.
    ManualPeer manualBob = new ManualPeer(clampedSha256(SECRET), randomScalar(), randomScalar(), randomScalar());
    SecureComparator alice = new SecureComparator(SECRET);
    byte[] m3 = alice.proceedCompare(manualBob.bobMessage2(alice.beginCompare()));
    assertThat(alice.proceedCompare(manualBob.bobMessage4(m3))).isNull();
    assertThat(alice.isEqual()).isTrue();
  }
}
