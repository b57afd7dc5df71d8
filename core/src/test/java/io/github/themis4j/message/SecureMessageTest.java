package io.github.themis4j.message;

import io.github.themis4j.internal.EcCrypto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Round trips, argument checks, tampering and concurrency, without a Themis peer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureMessageTest {
  private final Random random = new Random(20261130);

  private KeyPair alice;
  private KeyPair bob;
  private KeyPair carol;
  private KeyPair rsaAlice;
  private KeyPair rsaBob;
  private KeyPair rsaCarol;

  private byte[] random(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @BeforeAll
  void keys() {
    alice = KeyPair.generate(KeyType.EC);
    bob = KeyPair.generate(KeyType.EC);
    carol = KeyPair.generate(KeyType.EC);
    rsaAlice = KeyPair.generate(KeyType.RSA);
    rsaBob = KeyPair.generate(KeyType.RSA);
    rsaCarol = KeyPair.generate(KeyType.RSA);
  }

  // ---- round trips and sizes

  @Test
  void ecRoundTripsForEverySmallSize() {
    SecureMessage aliceToBob = new SecureMessage(alice.privateKey(), bob.publicKey());
    SecureMessage bobFromAlice = new SecureMessage(bob.privateKey(), alice.publicKey());
    for (int n = 1; n <= 100; n++) {
      byte[] data = random(n);
      byte[] encrypted = aliceToBob.encrypt(data);
      assertThat(encrypted).hasSize(8 + 44 + n);
      assertThat(Bytes.readLe32(encrypted, 0)).isEqualTo(0x26042720);
      assertThat(Bytes.readLe32(encrypted, 4)).isEqualTo(encrypted.length);
      assertThat(bobFromAlice.decrypt(encrypted)).isEqualTo(data);
      assertThat(aliceToBob.decrypt(encrypted)).isEqualTo(data); // the sender can read it too
    }
  }

  @Test
  void rsaRoundTrips() {
    SecureMessage aliceToBob = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey());
    SecureMessage bobFromAlice = new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey());
    for (int n : new int[] {1, 2, 3, 15, 16, 17, 186, 187, 1000, 100_000}) {
      byte[] data = random(n);
      byte[] encrypted = aliceToBob.encrypt(data);
      assertThat(encrypted).hasSize(12 + 256 + 44 + n);
      assertThat(Bytes.readLe32(encrypted, 0)).isEqualTo(0x26042710);
      assertThat(Bytes.readLe32(encrypted, 4)).isEqualTo(encrypted.length);
      assertThat(Bytes.readLe32(encrypted, 8)).isEqualTo(256);
      assertThat(bobFromAlice.decrypt(encrypted)).isEqualTo(data);
    }
  }

  @Test
  void signaturesRoundTrip() {
    for (int n : new int[] {1, 2, 64, 1000, 100_000}) {
      byte[] data = random(n);
      byte[] ec = SecureMessage.sign(alice.privateKey(), data);
      assertThat(Bytes.readLe32(ec, 0)).isEqualTo(0x26042620);
      assertThat(Bytes.readLe32(ec, 4)).isEqualTo(n);
      assertThat(Bytes.readLe32(ec, 8)).isBetween(8, 72);
      assertThat(ec).hasSize(12 + n + Bytes.readLe32(ec, 8));
      assertThat(Arrays.copyOfRange(ec, 12, 12 + n)).isEqualTo(data); // not encrypted
      assertThat(SecureMessage.verify(alice.publicKey(), ec)).isEqualTo(data);

      byte[] rsa = SecureMessage.sign(rsaAlice.privateKey(), data);
      assertThat(Bytes.readLe32(rsa, 0)).isEqualTo(0x26042610);
      assertThat(rsa).hasSize(12 + n + 256);
      assertThat(SecureMessage.verify(rsaAlice.publicKey(), rsa)).isEqualTo(data);
    }
  }

  @Test
  void encryptionIsRandomized() {
    SecureMessage m = new SecureMessage(alice.privateKey(), bob.publicKey());
    byte[] data = random(10);
    assertThat(m.encrypt(data)).isNotEqualTo(m.encrypt(data));
    SecureMessage r = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey());
    assertThat(r.encrypt(data)).isNotEqualTo(r.encrypt(data));
  }

  /**
   * Wycheproof ecdh_secp256r1_ecpoint_test.json tcId 5 ("shared secret has x-coordinate 2**16"):
   * a key pair whose ECDH x-coordinate has 30 leading zero bytes.
   */
  static final PrivateKey LEADING_ZERO_PRIV =
      PrivateKey.fromBytes(io.github.themis4j.internal.SoterContainer.wrap("REC2",
          java.util.HexFormat.of().parseHex("000a0d622a47e48f6bc1038ace438c6f528aa00ad2bd1da5f13ee46bf5f633d71a")));
  static final PublicKey LEADING_ZERO_PUB =
      PublicKey.fromBytes(io.github.themis4j.internal.SoterContainer.wrap("UEC2",
          java.util.HexFormat.of().parseHex("041b0e7437c33d379929430d3ec10df59bed7fe2a1d950c5791e1e9ddeef1f4d70fbdb0e3b"
              + "bce63a27f27838c685207f2ccaf689d25eb622744db1168ac92619e8")));

  @Test
  void ecdhSecretKeepsLeadingZeroBytes() {
    byte[] x = EcCrypto.ecdh((ECPrivateKey) LEADING_ZERO_PRIV.toJcaKey(), (ECPublicKey) LEADING_ZERO_PUB.toJcaKey(), false);
    byte[] expected = new byte[32];
    expected[29] = 1; // 2^16
    assertThat(x).isEqualTo(expected);
    byte[] data = random(9);
    SecureMessage m = new SecureMessage(LEADING_ZERO_PRIV, LEADING_ZERO_PUB);
    byte[] encrypted = m.encrypt(data);
    byte[] seal = Arrays.copyOfRange(encrypted, 8, encrypted.length);
    assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(x)).decrypt(seal)).isEqualTo(data);
    byte[] stripped = {1, 0, 0};
    assertThatThrownBy(() -> SecureCell.sealWithKey(SymmetricKey.fromBytes(stripped)).decrypt(seal))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(m.decrypt(encrypted)).isEqualTo(data);
  }

  @Test
  void fixedLengthPadsShortSecrets() {
    assertThat(Bytes.leftPad(new byte[] {1, 2}, 4)).containsExactly(0, 0, 1, 2);
    assertThat(Bytes.leftPad(new byte[] {0, 0, 7}, 2)).containsExactly(0, 7);
    assertThatThrownBy(() -> Bytes.leftPad(new byte[] {1, 2, 3}, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- arguments and key combinations

  @Test
  void nullAndEmptyArgumentsAreRejected() {
    SecureMessage m = new SecureMessage(alice.privateKey(), bob.publicKey());
    assertThatThrownBy(() -> new SecureMessage(null, bob.publicKey())).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new SecureMessage(alice.privateKey(), null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> m.encrypt(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> m.encrypt(new byte[0])).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> m.decrypt(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> m.decrypt(new byte[0])).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> SecureMessage.sign(null, new byte[1])).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SecureMessage.sign(alice.privateKey(), null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SecureMessage.sign(alice.privateKey(), new byte[0]))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SecureMessage.verify(null, new byte[20])).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SecureMessage.verify(alice.publicKey(), null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SecureMessage.verify(alice.publicKey(), new byte[0]))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void mixedKeyTypesAndCurvesAreRejectedAtConstruction() {
    assertThatThrownBy(() -> new SecureMessage(rsaAlice.privateKey(), bob.publicKey()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("same type");
    assertThatThrownBy(() -> new SecureMessage(alice.privateKey(), rsaBob.publicKey()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("same type");
    KeyPair p384 = TestKeys.ec(EcCurve.P384, true, false);
    assertThatThrownBy(() -> new SecureMessage(p384.privateKey(), bob.publicKey()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("same curve");
    assertThatThrownBy(() -> new SecureMessage(alice.privateKey(), p384.publicKey()))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void invalidPublicPointsNeverReachSecureMessage() {
    // (x, y) off the curve, as an uncompressed P-256 point in a UEC2 container
    byte[] point = new byte[65];
    point[0] = 4;
    point[32] = 1;
    point[64] = 1;
    byte[] container = io.github.themis4j.internal.SoterContainer.wrap("UEC2", point);
    assertThatThrownBy(() -> PublicKey.fromBytes(container)).isInstanceOf(io.github.themis4j.KeyFormatException.class);
  }

  // ---- wrong keys

  @Test
  void wrongKeysFailAuthentication() {
    byte[] data = random(20);
    byte[] ec = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(data);
    // ECDH symmetry: (bob, alice) and (alice, bob) both read it ...
    assertThat(new SecureMessage(bob.privateKey(), alice.publicKey()).decrypt(ec)).isEqualTo(data);
    assertThat(new SecureMessage(alice.privateKey(), bob.publicKey()).decrypt(ec)).isEqualTo(data);
    // ... but an unrelated key on either side does not.
    for (SecureMessage wrong :
        List.of(
            new SecureMessage(carol.privateKey(), alice.publicKey()),
            new SecureMessage(bob.privateKey(), carol.publicKey()),
            new SecureMessage(alice.privateKey(), alice.publicKey()),
            new SecureMessage(carol.privateKey(), bob.publicKey()))) {
      assertThatThrownBy(() -> wrong.decrypt(ec)).isInstanceOf(AuthenticationFailedException.class);
    }

    byte[] rsa = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).encrypt(data);
    assertThat(new SecureMessage(rsaBob.privateKey(), rsaCarol.publicKey()).decrypt(rsa)).isEqualTo(data);
    // RSA is one-way: the sender cannot decrypt, nor can anyone else
    assertThatThrownBy(() -> new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).decrypt(rsa))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> new SecureMessage(rsaCarol.privateKey(), rsaAlice.publicKey()).decrypt(rsa))
        .isInstanceOf(AuthenticationFailedException.class);
    // a recipient key of another size
    KeyPair small = TestRsa.keyPair1024();
    assertThatThrownBy(() -> new SecureMessage(small.privateKey(), rsaAlice.publicKey()).decrypt(rsa))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void signatureCheckedWithAnotherKeyFails() {
    byte[] data = random(33);
    byte[] ec = SecureMessage.sign(alice.privateKey(), data);
    assertThatThrownBy(() -> SecureMessage.verify(bob.publicKey(), ec)).isInstanceOf(AuthenticationFailedException.class);
    byte[] rsa = SecureMessage.sign(rsaAlice.privateKey(), data);
    assertThatThrownBy(() -> SecureMessage.verify(rsaBob.publicKey(), rsa))
        .isInstanceOf(AuthenticationFailedException.class);
    KeyPair p384 = TestKeys.ec(EcCurve.P384, true, false);
    assertThatThrownBy(() -> SecureMessage.verify(p384.publicKey(), ec)).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void wrongKindOfMessageIsMalformed() {
    byte[] data = random(12);
    byte[] ecSigned = SecureMessage.sign(alice.privateKey(), data);
    byte[] rsaSigned = SecureMessage.sign(rsaAlice.privateKey(), data);
    byte[] ecEncrypted = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(data);
    byte[] rsaEncrypted = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).encrypt(data);
    SecureMessage ec = new SecureMessage(bob.privateKey(), alice.publicKey());
    SecureMessage rsa = new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey());

    assertThatThrownBy(() -> ec.decrypt(ecSigned)).isInstanceOf(MalformedDataException.class).hasMessageContaining("signed");
    assertThatThrownBy(() -> ec.decrypt(rsaEncrypted)).isInstanceOf(MalformedDataException.class).hasMessageContaining("RSA");
    assertThatThrownBy(() -> rsa.decrypt(ecEncrypted)).isInstanceOf(MalformedDataException.class).hasMessageContaining("EC");
    assertThatThrownBy(() -> rsa.decrypt(rsaSigned)).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> SecureMessage.verify(alice.publicKey(), ecEncrypted))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("encrypted");
    assertThatThrownBy(() -> SecureMessage.verify(alice.publicKey(), rsaSigned)).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> SecureMessage.verify(rsaAlice.publicKey(), ecSigned)).isInstanceOf(MalformedDataException.class);

    for (int type : new int[] {0, 0x12345678, 0x26042600, 0x26042611, 0x26042700, 0x26042721, 0x20270426}) {
      byte[] a = ecEncrypted.clone();
      Bytes.writeLe32(a, 0, type);
      assertThatThrownBy(() -> ec.decrypt(a)).isInstanceOf(MalformedDataException.class);
      byte[] b = ecSigned.clone();
      Bytes.writeLe32(b, 0, type);
      assertThatThrownBy(() -> SecureMessage.verify(alice.publicKey(), b)).isInstanceOf(MalformedDataException.class);
    }
  }

  // ---- tampering

  private static void assertEveryBitFlipFails(byte[] container, Consumer<byte[]> open) {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < container.length * 8; i++) {
      byte[] t = container.clone();
      t[i / 8] ^= (byte) (1 << (i % 8));
      Throwable e = catchThrowable(() -> open.accept(t));
      if (!(e instanceof MalformedDataException || e instanceof AuthenticationFailedException)) {
        accepted.add("bit " + i + ": " + e);
      }
    }
    assertThat(accepted).isEmpty();
  }

  private static void assertEveryTruncationFails(byte[] container, Consumer<byte[]> open) {
    for (int len = 0; len < container.length; len++) {
      byte[] t = Arrays.copyOf(container, len);
      assertThatThrownBy(() -> open.accept(t))
          .as("truncated to %d bytes", len)
          .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
    }
  }

  @Test
  void everyBitFlipAndTruncationOfEcMessagesFails() {
    byte[] data = random(3);
    SecureMessage m = new SecureMessage(bob.privateKey(), alice.publicKey());
    byte[] encrypted = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(data);
    assertEveryBitFlipFails(encrypted, m::decrypt);
    assertEveryTruncationFails(encrypted, m::decrypt);
    assertThatThrownBy(() -> m.decrypt(Arrays.copyOf(encrypted, encrypted.length + 1)))
        .isInstanceOf(MalformedDataException.class);

    byte[] signed = SecureMessage.sign(alice.privateKey(), data);
    assertEveryBitFlipFails(signed, s -> SecureMessage.verify(alice.publicKey(), s));
    assertEveryTruncationFails(signed, s -> SecureMessage.verify(alice.publicKey(), s));
  }

  @Test
  void everyBitFlipAndTruncationOfRsaMessagesFails() {
    byte[] data = random(3);
    SecureMessage m = new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey());
    byte[] encrypted = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).encrypt(data);
    assertEveryBitFlipFails(encrypted, m::decrypt);
    assertEveryTruncationFails(encrypted, m::decrypt);
    assertThatThrownBy(() -> m.decrypt(Arrays.copyOf(encrypted, encrypted.length + 1)))
        .isInstanceOf(MalformedDataException.class);

    byte[] signed = SecureMessage.sign(rsaAlice.privateKey(), data);
    assertEveryBitFlipFails(signed, s -> SecureMessage.verify(rsaAlice.publicKey(), s));
    assertEveryTruncationFails(signed, s -> SecureMessage.verify(rsaAlice.publicKey(), s));
  }

  @Test
  void trailingBytesAfterTheSignatureAreIgnored() {
    byte[] data = random(5);
    for (KeyPair kp : new KeyPair[] {alice, rsaAlice}) {
      byte[] signed = SecureMessage.sign(kp.privateKey(), data);
      for (int extra : new int[] {1, 2, 100}) {
        byte[] longer = Arrays.copyOf(signed, signed.length + extra);
        assertThat(SecureMessage.verify(kp.publicKey(), longer)).isEqualTo(data);
      }
    }
  }

  @Test
  void inflatedLengthFieldsAreRejectedWithoutAllocating() {
    byte[] data = random(4);
    SecureMessage ec = new SecureMessage(bob.privateKey(), alice.publicKey());
    SecureMessage rsa = new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey());
    byte[] ecEncrypted = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(data);
    byte[] rsaEncrypted = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).encrypt(data);
    byte[] ecSigned = SecureMessage.sign(alice.privateKey(), data);
    byte[] rsaSigned = SecureMessage.sign(rsaAlice.privateKey(), data);
    int rsaSeal = 12 + 256;
    int[] values = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0};
    // every 32-bit length field: message total, wrapped key, Seal iv/tag/message lengths, signed n and s
    int[][] fields = {
      {0, 4, 8 + 4, 8 + 8, 8 + 12}, {1, 4, 8, rsaSeal + 4, rsaSeal + 8, rsaSeal + 12}, {2, 4, 8}, {3, 4, 8}
    };
    byte[][] containers = {ecEncrypted, rsaEncrypted, ecSigned, rsaSigned};
    List<Consumer<byte[]>> openers =
        List.of(ec::decrypt, rsa::decrypt, s -> SecureMessage.verify(alice.publicKey(), s),
            s -> SecureMessage.verify(rsaAlice.publicKey(), s));
    for (int[] f : fields) {
      for (int k = 1; k < f.length; k++) {
        for (int v : values) {
          byte[] t = containers[f[0]].clone();
          Bytes.writeLe32(t, f[k], v);
          assertThatThrownBy(() -> openers.get(f[0]).accept(t))
              .as("container %d, field at %d = %08x", f[0], f[k], v)
              .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
        }
      }
    }
  }

  // ---- misc

  @Test
  void toStringShowsNoKeyMaterial() {
    SecureMessage m = new SecureMessage(alice.privateKey(), bob.publicKey());
    String s = m.toString();
    assertThat(s).contains("EC").doesNotContain(Bytes.hex(alice.privateKey().toByteArray()).substring(24));
    byte[] x = EcCrypto.ecdh((ECPrivateKey) alice.privateKey().toJcaKey(), (ECPublicKey) bob.publicKey().toJcaKey(), true);
    assertThat(s.toLowerCase()).doesNotContain(Bytes.hex(x).substring(0, 16));
  }

  @Test
  void exceptionsAreThemisExceptions() {
    assertThat(new InvalidArgumentException("x")).isInstanceOf(ThemisException.class);
    Throwable e = catchThrowable(() -> new SecureMessage(carol.privateKey(), alice.publicKey())
        .decrypt(new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(new byte[] {42})));
    assertThat(e).isInstanceOf(AuthenticationFailedException.class).hasMessageNotContaining("42");
  }

  @Test
  void sharedInstancesAreThreadSafe() throws Exception {
    SecureMessage ecOut = new SecureMessage(alice.privateKey(), bob.publicKey());
    SecureMessage ecIn = new SecureMessage(bob.privateKey(), alice.publicKey());
    SecureMessage rsaOut = new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey());
    SecureMessage rsaIn = new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Callable<Integer> task =
            () -> {
              Random r = new Random(id);
              start.await();
              int done = 0;
              for (int i = 0; i < 40; i++) {
                byte[] data = new byte[1 + r.nextInt(2000)];
                r.nextBytes(data);
                data[0] = (byte) id;
                assertThat(ecIn.decrypt(ecOut.encrypt(data))).isEqualTo(data);
                assertThat(SecureMessage.verify(alice.publicKey(), SecureMessage.sign(alice.privateKey(), data)))
                    .isEqualTo(data);
                if (i % 8 == 0) {
                  assertThat(rsaIn.decrypt(rsaOut.encrypt(data))).isEqualTo(data);
                  assertThat(SecureMessage.verify(rsaAlice.publicKey(), SecureMessage.sign(rsaAlice.privateKey(), data)))
                      .isEqualTo(data);
                }
                done++;
              }
              return done;
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(40);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
