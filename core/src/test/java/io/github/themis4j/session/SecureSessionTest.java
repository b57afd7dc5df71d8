package io.github.themis4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ProtocolStateException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PublicKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.keys.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * themis4j against itself: the state machine, argument and state checks, and every kind of bad input
 * (unknown peer, wrong keys, bit flips, truncation, oversized length fields, replay and reordering,
 * stale timestamps). Every rejection must be a {@link ThemisException} subclass and must leave the
 * session usable: after each batch of bad messages the genuine one is still accepted.
 */
class SecureSessionTest {
  private static final KeyPair CLIENT_KEYS = KeyPair.generate(KeyType.EC);
  private static final KeyPair SERVER_KEYS = KeyPair.generate(KeyType.EC);
  private static final byte[] CLIENT = "client".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SERVER = "server".getBytes(StandardCharsets.UTF_8);
  private static final Random RANDOM = new Random(7);

  private final AtomicLong now = new AtomicLong(System.currentTimeMillis() / 1000);
  private final Map<String, PublicKey> directory = new HashMap<>();

  @BeforeEach
  void registerPeers() {
    directory.put("client", CLIENT_KEYS.publicKey());
    directory.put("server", SERVER_KEYS.publicKey());
  }

  private PeerKeyResolver resolver() {
    return id -> directory.get(new String(id, StandardCharsets.UTF_8));
  }

  private SecureSession client() {
    return new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), resolver(), null, now::get);
  }

  private SecureSession server() {
    return new SecureSession(SERVER, SERVER_KEYS.privateKey(), resolver(), null, now::get);
  }

  /** The four negotiation messages of one run, and the two established endpoints. */
  private record Run(SecureSession client, SecureSession server, byte[] m1, byte[] m2, byte[] m3, byte[] m4) {}

  private Run negotiate() {
    SecureSession c = client();
    SecureSession s = server();
    byte[] m1 = c.connectRequest();
    byte[] m2 = s.unwrap(m1).data();
    byte[] m3 = c.unwrap(m2).data();
    byte[] m4 = s.unwrap(m3).data();
    UnwrapResult last = c.unwrap(m4);
    assertThat(last.isControl()).isFalse();
    assertThat(last.data()).isEmpty();
    return new Run(c, s, m1, m2, m3, m4);
  }

  /** As {@link #negotiate()}, returning the client's master key (captured as it is established). */
  private byte[] negotiatedMasterKey() {
    SecureSession c = client();
    SecureSession s = server();
    AtomicReference<byte[]> clientMaster = SecureSessionVectorsTest.captureMasterKey(c);
    AtomicReference<byte[]> serverMaster = SecureSessionVectorsTest.captureMasterKey(s);
    c.unwrap(s.unwrap(c.unwrap(s.unwrap(c.connectRequest()).data()).data()).data());
    assertThat(c.isEstablished()).isTrue();
    assertThat(clientMaster.get()).hasSize(32).isEqualTo(serverMaster.get());
    return clientMaster.get();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static byte[] flip(byte[] in, int bit) {
    return SecureSessionInteropTest.flip(in, bit);
  }

  // ---------------------------------------------------------------------------------------------
  // Normal operation and API contract

  @Test
  void negotiatesAndExchangesMessages() {
    SecureSession c = client();
    SecureSession s = server();
    assertThat(c.isEstablished()).isFalse();
    assertThat(c.peerId()).isNull();
    byte[] m1 = c.connectRequest();
    assertThat(Bytes.readBe32(m1, 4)).isEqualTo(m1.length);
    assertThat(m1.length).isBetween(12 + 12 + CLIENT.length + 45 + 8, 12 + 12 + CLIENT.length + 45 + 72);
    UnwrapResult r2 = s.unwrap(m1);
    assertThat(r2.isControl()).isTrue();
    assertThat(s.isEstablished()).isFalse();
    assertThat(s.peerId()).isNull(); // not authenticated until the handshake completes
    UnwrapResult r3 = c.unwrap(r2.data());
    assertThat(r3.isControl()).isTrue();
    UnwrapResult r4 = s.unwrap(r3.data());
    assertThat(r4.isControl()).isTrue();
    assertThat(r4.data()).hasSize(44);
    assertThat(s.isEstablished()).isTrue();
    assertThat(c.isEstablished()).isFalse();
    UnwrapResult r5 = c.unwrap(r4.data());
    assertThat(r5.isControl()).isFalse();
    assertThat(r5.data()).isEmpty();
    assertThat(c.isEstablished()).isTrue();
    assertThat(c.peerId()).isEqualTo(SERVER);
    assertThat(s.peerId()).isEqualTo(CLIENT);

    for (int n : new int[] {1, 2, 15, 16, 17, 1000, 65536}) {
      byte[] m = random(n);
      byte[] w = c.wrap(m);
      assertThat(w).hasSize(n + 52);
      UnwrapResult r = s.unwrap(w);
      assertThat(r.isControl()).isFalse();
      assertThat(r.data()).isEqualTo(m);
      assertThat(c.unwrap(s.wrap(m)).data()).isEqualTo(m);
    }
    assertThat(c.toString()).isEqualTo("SecureSession[ESTABLISHED, client]");
    assertThat(s.toString()).isEqualTo("SecureSession[ESTABLISHED, server]");
  }

  @Test
  void negotiationSecretsAreDroppedOnceEstablished() {
    SecureSession c = client();
    SecureSession s = server();
    AtomicReference<byte[]> observed = SecureSessionVectorsTest.captureMasterKey(c);
    assertThat(c.holdsEphemeralPrivateKey()).isTrue();
    byte[] m2 = s.unwrap(c.connectRequest()).data();
    byte[] m3 = c.unwrap(m2).data();
    // the client needs the master key to check M4; the server is not established before M3
    assertThat(c.holdsMasterKey()).isTrue();
    assertThat(s.holdsMasterKey()).isFalse();
    assertThat(s.holdsEphemeralPrivateKey()).isTrue();
    byte[] m4 = s.unwrap(m3).data();
    assertThat(s.isEstablished()).isTrue();
    assertThat(s.holdsMasterKey()).isFalse();
    assertThat(s.holdsEphemeralPrivateKey()).isFalse();
    c.unwrap(m4);
    assertThat(c.isEstablished()).isTrue();
    assertThat(c.holdsMasterKey()).isFalse();
    assertThat(c.holdsEphemeralPrivateKey()).isFalse();
    // the observer got an unwiped copy, and the sessions still work on their message keys
    assertThat(observed.get()).hasSize(32).isNotEqualTo(new byte[32]);
    assertThat(s.unwrap(c.wrap(new byte[] {7})).data()).containsExactly(7);
    assertThat(c.unwrap(s.wrap(new byte[] {8})).data()).containsExactly(8);
  }

  @Test
  void eachSessionHasFreshKeys() {
    Run a = negotiate();
    Run b = negotiate();
    assertThat(negotiatedMasterKey()).isNotEqualTo(negotiatedMasterKey());
    assertThat(a.client().ephemeralPublic()).isNotEqualTo(b.client().ephemeralPublic());
    // a message of one session is refused by another (different session id)
    byte[] w = a.client().wrap(new byte[] {1});
    assertThatThrownBy(() -> b.server().unwrap(w)).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("another Secure Session");
  }

  @Test
  void argumentsAreChecked() {
    PeerKeyResolver r = resolver();
    assertThatThrownBy(() -> new SecureSession(null, CLIENT_KEYS.privateKey(), r))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new SecureSession(new byte[0], CLIENT_KEYS.privateKey(), r))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new SecureSession(CLIENT, null, r)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), null))
        .isInstanceOf(InvalidArgumentException.class);
    SecureSession s = server();
    assertThatThrownBy(() -> s.unwrap(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> s.unwrap(new byte[0])).isInstanceOf(InvalidArgumentException.class);
    Run run = negotiate();
    assertThatThrownBy(() -> run.client().wrap(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> run.client().wrap(new byte[0])).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> run.client().unwrap(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> run.client().receive(0)).isInstanceOf(InvalidArgumentException.class);
  }

  /** An RSA-2048 pair from Themis's own tests (generating one takes seconds). */
  private static KeyPair themisRsaTestKeys() throws IOException {
    try (InputStream in = SecureSessionTest.class.getResourceAsStream("/vectors/themis-rsa-test-keys.json")) {
      JsonNode n = new ObjectMapper().readTree(in);
      return KeyPair.of(PrivateKey.fromBytes(HexFormat.of().parseHex(n.get("privateKey").asText())),
          PublicKey.fromBytes(HexFormat.of().parseHex(n.get("publicKey").asText())));
    }
  }

  @Test
  void rsaKeysAreRefused() throws IOException {
    KeyPair rsa = themisRsaTestKeys();
    assertThatThrownBy(() -> new SecureSession(CLIENT, rsa.privateKey(), resolver()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("RSA");
    // a resolver handing out an RSA key: the peer is refused, the session is unchanged
    directory.put("client", rsa.publicKey());
    SecureSession s = server();
    byte[] m1 = client().connectRequest();
    assertThatThrownBy(() -> s.unwrap(m1)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("RSA");
    directory.put("client", CLIENT_KEYS.publicKey());
    assertThat(s.unwrap(m1).isControl()).isTrue();
  }

  @Test
  void callsAtTheWrongTimeAreRefused() {
    SecureSession c = client();
    assertThatThrownBy(() -> c.wrap(new byte[] {1})).isInstanceOf(ProtocolStateException.class)
        .hasMessageContaining("not established");
    byte[] first = c.connectRequest();
    byte[] again = c.connectRequest(); // allowed until the reply arrives; same ephemeral key
    assertThat(Arrays.copyOfRange(again, 12, 12 + 18 + 45)).isEqualTo(Arrays.copyOfRange(first, 12, 12 + 18 + 45));
    assertThatThrownBy(() -> c.wrap(new byte[] {1})).isInstanceOf(ProtocolStateException.class);

    SecureSession s = server();
    byte[] m2 = s.unwrap(again).data();
    assertThatThrownBy(s::connectRequest).isInstanceOf(ProtocolStateException.class); // acting as the server
    assertThatThrownBy(() -> s.wrap(new byte[] {1})).isInstanceOf(ProtocolStateException.class);
    byte[] m3 = c.unwrap(m2).data();
    assertThatThrownBy(c::connectRequest).isInstanceOf(ProtocolStateException.class);
    c.unwrap(s.unwrap(m3).data());
    assertThatThrownBy(c::connectRequest).isInstanceOf(ProtocolStateException.class);
    assertThatThrownBy(s::connectRequest).isInstanceOf(ProtocolStateException.class);

    // the transport-controlled methods need a SessionTransport
    assertThatThrownBy(c::connect).isInstanceOf(ProtocolStateException.class).hasMessageContaining("transport");
    assertThatThrownBy(() -> c.send(new byte[] {1})).isInstanceOf(ProtocolStateException.class);
    assertThatThrownBy(c::receive).isInstanceOf(ProtocolStateException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Peers and keys

  @Test
  void unknownPeersAreRejectedAndTheSessionStaysUsable() {
    directory.remove("client");
    SecureSession s = server();
    SecureSession c = client();
    byte[] m1 = c.connectRequest();
    assertThatThrownBy(() -> s.unwrap(m1)).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("unknown peer id");
    directory.put("client", CLIENT_KEYS.publicKey());
    byte[] m2 = s.unwrap(m1).data();

    directory.remove("server");
    assertThatThrownBy(() -> c.unwrap(m2)).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("unknown peer id");
    directory.put("server", SERVER_KEYS.publicKey());
    c.unwrap(s.unwrap(c.unwrap(m2).data()).data());
    assertThat(c.isEstablished() && s.isEstablished()).isTrue();
  }

  @Test
  void signaturesFromTheWrongKeyAreRejected() {
    KeyPair impostor = KeyPair.generate(KeyType.EC);
    // A client signing with a key that is not the one registered for its id.
    SecureSession fake = new SecureSession(CLIENT, impostor.privateKey(), resolver(), null, now::get);
    SecureSession s = server();
    assertThatThrownBy(() -> s.unwrap(fake.connectRequest())).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("signature");
    // A server doing the same.
    SecureSession c = client();
    byte[] m1 = c.connectRequest();
    SecureSession fakeServer = new SecureSession(SERVER, impostor.privateKey(), resolver(), null, now::get);
    assertThatThrownBy(() -> c.unwrap(fakeServer.unwrap(m1).data()))
        .isInstanceOf(AuthenticationFailedException.class);
    // The genuine server still gets through to both.
    assertThat(s.unwrap(m1).isControl()).isTrue();
    SecureSession s2 = server();
    assertThat(c.unwrap(s2.unwrap(m1).data()).isControl()).isTrue();
  }

  @Test
  void keyConfirmationWithTheWrongSignatureOrMacIsRejected() throws Exception {
    SecureSession c = client();
    SecureSession s = server();
    byte[] m1 = c.connectRequest();
    byte[] m2 = s.unwrap(m1).data();
    byte[] m3 = c.unwrap(m2).data();
    byte[] payload = Arrays.copyOfRange(m3, 12, m3.length);
    byte[] sig = Arrays.copyOf(payload, payload.length - 32);
    byte[] mac = Arrays.copyOfRange(payload, payload.length - 32, payload.length);

    // M3 signed by another key over the right transcript
    KeyPair impostor = KeyPair.generate(KeyType.EC);
    byte[] otherSig = SessionCrypto.sign((java.security.interfaces.ECPrivateKey) impostor.privateKey().toJcaKey(), c.ephemeralPublic(), s.ephemeralPublic(),
        CLIENT, SERVER);
    assertThatThrownBy(() -> s.unwrap(NegotiationMessage.protocol(otherSig, mac)))
        .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("signature");
    // the right signature but a MAC under another master key
    byte[] wrongMac = SessionCrypto.mac(random(32), s.ephemeralPublic(), c.sessionIdRaw());
    assertThatThrownBy(() -> s.unwrap(NegotiationMessage.protocol(sig, wrongMac)))
        .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("MAC");
    // too short to hold a signature and a MAC
    assertThatThrownBy(() -> s.unwrap(NegotiationMessage.protocol(mac))).isInstanceOf(MalformedDataException.class);
    // the server that got M1 again instead of M3
    assertThatThrownBy(() -> s.unwrap(m1)).isInstanceOf(AuthenticationFailedException.class);
    assertThat(s.isEstablished()).isFalse();

    byte[] m4 = s.unwrap(m3).data();
    // M4 with a short, long or empty MAC: Themis's client would accept a prefix; we require all 32 bytes.
    for (int len : new int[] {0, 1, 16, 31}) {
      byte[] shortMac = NegotiationMessage.protocol(Arrays.copyOfRange(m4, 12, 12 + len));
      assertThatThrownBy(() -> c.unwrap(shortMac)).isInstanceOf(AuthenticationFailedException.class);
    }
    byte[] longMac = NegotiationMessage.protocol(Arrays.copyOfRange(m4, 12, 44), new byte[1]);
    assertThatThrownBy(() -> c.unwrap(longMac)).isInstanceOf(AuthenticationFailedException.class);
    assertThat(c.isEstablished()).isFalse();
    assertThat(c.unwrap(m4).data()).isEmpty();
    assertThat(c.isEstablished()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Tampered, truncated and oversized negotiation messages

  /** Recomputes the CRC of the Soter container at {@code off} if its size field fits the buffer. */
  private static void fixCrc(byte[] b, int off) {
    if (b.length - off < 12) {
      return;
    }
    long size = Bytes.readBe32Unsigned(b, off + 4);
    if (size < 12 || size > b.length - off) {
      return;
    }
    CRC32C crc = new CRC32C();
    crc.update(b, off, 8);
    crc.update(new byte[4]);
    crc.update(b, off + 12, (int) size - 12);
    Bytes.writeLe32(b, off + 8, (int) crc.getValue());
  }

  private static boolean inCrcField(int byteIndex, int... containerOffsets) {
    for (int off : containerOffsets) {
      if (byteIndex >= off + 8 && byteIndex < off + 12) {
        return true;
      }
    }
    return false;
  }

  private static boolean inHeader(int byteIndex, int... containerOffsets) {
    for (int off : containerOffsets) {
      if (byteIndex >= off && byteIndex < off + 12) {
        return true;
      }
    }
    return false;
  }

  /**
   * Single-bit flips of {@code message}: every bit as is (the container checksums catch them), then
   * with the checksums recomputed, so that the signatures, MACs, key validation and length checks
   * must catch them (every bit of the container headers, one bit of every other byte, to keep the run
   * short). Each must be rejected with a ThemisException and leave {@code receiver} as it was.
   */
  private static void assertFlipsRejected(SecureSession receiver, byte[] message, int... containers) {
    String before = receiver.toString();
    int resealedCount = 0;
    for (int bit = 0; bit < message.length * 8; bit++) {
      byte[] raw = flip(message, bit);
      assertThatThrownBy(() -> receiver.unwrap(raw)).as("raw flip of bit %d", bit)
          .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
      int b = bit / 8;
      if (inCrcField(b, containers) || (!inHeader(b, containers) && bit % 8 != b % 8)) {
        continue;
      }
      byte[] resealed = flip(message, bit);
      for (int i = containers.length - 1; i >= 0; i--) { // inner containers first
        fixCrc(resealed, containers[i]);
      }
      assertThatThrownBy(() -> receiver.unwrap(resealed)).as("resealed flip of bit %d", bit)
          .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
      resealedCount++;
    }
    assertThat(receiver.toString()).isEqualTo(before);
    assertThat(resealedCount).isGreaterThanOrEqualTo(message.length - 4 * containers.length);
  }

  @Test
  void everyBitFlipInEveryNegotiationMessageIsRejected() {
    SecureSession c = client();
    SecureSession s = server();
    byte[] m1 = c.connectRequest();
    int m1Key = 12 + 12 + CLIENT.length;
    assertFlipsRejected(s, m1, 0, 12, m1Key);
    byte[] m2 = s.unwrap(m1).data();
    assertFlipsRejected(c, m2, 0, 12, 12 + 12 + SERVER.length);
    byte[] m3 = c.unwrap(m2).data();
    assertFlipsRejected(s, m3, 0);
    byte[] m4 = s.unwrap(m3).data();
    assertFlipsRejected(c, m4, 0);
    c.unwrap(m4);
    assertThat(c.isEstablished() && s.isEstablished()).isTrue();
    byte[] m = random(100);
    assertThat(s.unwrap(c.wrap(m)).data()).isEqualTo(m);
  }

  @Test
  void truncatedNegotiationMessagesAreRejectedAndTrailingBytesIgnored() {
    SecureSession c = client();
    SecureSession s = server();
    byte[] m1 = c.connectRequest();
    for (int len = 1; len < m1.length; len++) {
      byte[] cut = Arrays.copyOf(m1, len);
      assertThatThrownBy(() -> s.unwrap(cut)).isInstanceOf(MalformedDataException.class);
    }
    // Themis parses the container and ignores what follows it; so do we.
    byte[] m2 = s.unwrap(Bytes.concat(m1, random(20))).data();
    for (int len = 1; len < m2.length; len++) {
      byte[] cut = Arrays.copyOf(m2, len);
      assertThatThrownBy(() -> c.unwrap(cut)).isInstanceOf(MalformedDataException.class);
    }
    byte[] m3 = c.unwrap(m2).data();
    for (int len = 1; len < m3.length; len++) {
      byte[] cut = Arrays.copyOf(m3, len);
      assertThatThrownBy(() -> s.unwrap(cut)).isInstanceOf(MalformedDataException.class);
    }
    byte[] m4 = s.unwrap(m3).data();
    for (int len = 1; len < m4.length; len++) {
      byte[] cut = Arrays.copyOf(m4, len);
      assertThatThrownBy(() -> c.unwrap(cut)).isInstanceOf(MalformedDataException.class);
    }
    c.unwrap(Bytes.concat(m4, new byte[] {0}));
    assertThat(c.isEstablished()).isTrue();
  }

  @Test
  void oversizedLengthFieldsAreRejectedWithoutAllocating() {
    SecureSession c = client();
    SecureSession s = server();
    byte[] m1 = c.connectRequest();
    int keyOff = 12 + 12 + CLIENT.length;
    long[] sizes = {0xFFFFFFFFL, 0x80000000L, 0x7FFFFFFFL, m1.length + 1L, 0, 11};
    for (long size : sizes) {
      // outer container
      byte[] outer = m1.clone();
      Bytes.writeBe32(outer, 4, (int) size);
      assertThatThrownBy(() -> s.unwrap(outer)).isInstanceOf(MalformedDataException.class);
      // id container, with the outer checksum made valid again
      byte[] id = m1.clone();
      Bytes.writeBe32(id, 16, (int) size);
      fixCrc(id, 0);
      assertThatThrownBy(() -> s.unwrap(id)).isInstanceOf(MalformedDataException.class);
      // ephemeral key container
      byte[] key = m1.clone();
      Bytes.writeBe32(key, keyOff + 4, (int) size);
      fixCrc(key, 0);
      assertThatThrownBy(() -> s.unwrap(key)).isInstanceOf(MalformedDataException.class);
    }
    // an empty id container, and a message that ends right after the key (no signature)
    byte[] noId = NegotiationMessage.identity(new byte[0], c.ephemeralPublic(), new byte[] {0x30});
    assertThatThrownBy(() -> s.unwrap(noId))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("empty");
    byte[] noSig = NegotiationMessage.protocol(Arrays.copyOfRange(m1, 12, keyOff + 45));
    assertThatThrownBy(() -> s.unwrap(noSig)).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("no signature");
    // a data message where a negotiation message is expected
    Run other = negotiate();
    assertThatThrownBy(() -> s.unwrap(other.client().wrap(random(30)))).isInstanceOf(MalformedDataException.class);
    assertThat(s.unwrap(m1).isControl()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Data messages

  @Test
  void everyBitFlipInADataMessageIsRejectedExceptTheUnusedIvBytes() {
    Run run = negotiate();
    byte[] m = random(10);
    byte[] w = run.client().wrap(m);
    for (int bit = 0; bit < w.length * 8; bit++) {
      byte[] bad = flip(w, bit);
      int b = bit / 8;
      if (b >= 16 && b < 20) {
        // IV bytes 12..15 are not part of the 12-byte GCM nonce: Themis ignores them, so must we.
        assertThat(run.server().unwrap(bad).data()).isEqualTo(m);
      } else {
        assertThatThrownBy(() -> run.server().unwrap(bad)).as("bit %d", bit)
            .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class);
      }
    }
    assertThat(run.server().unwrap(w).data()).isEqualTo(m);
    assertThat(run.client().unwrap(run.server().wrap(m)).data()).isEqualTo(m);
  }

  @Test
  void truncatedDataMessagesAreRejectedAndTrailingBytesIgnored() {
    Run run = negotiate();
    byte[] m = random(40);
    byte[] w = run.client().wrap(m);
    for (int len = 1; len < w.length; len++) {
      byte[] cut = Arrays.copyOf(w, len);
      assertThatThrownBy(() -> run.server().unwrap(cut)).as("length %d", len)
          .isInstanceOf(MalformedDataException.class).hasMessageContaining("truncated");
    }
    assertThat(run.server().unwrap(Bytes.concat(w, random(9))).data()).isEqualTo(m);
  }

  /** Builds a data message with an arbitrary length field, properly encrypted with {@code key}. */
  private static byte[] craft(byte[] key, int wireSid, long lengthField, int seq, long ts, byte[] payload)
      throws GeneralSecurityException {
    byte[] plain = new byte[16 + payload.length];
    Bytes.writeBe32(plain, 0, (int) lengthField);
    Bytes.writeBe32(plain, 4, seq);
    Bytes.writeBe64(plain, 8, ts);
    System.arraycopy(payload, 0, plain, 16, payload.length);
    byte[] iv = random(16);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv, 0, 12));
    byte[] sid = new byte[4];
    Bytes.writeBe32(sid, 0, wireSid);
    return Bytes.concat(sid, iv, gcm.doFinal(plain));
  }

  @Test
  void dataLengthFieldsOutOfRangeAreRejected() throws Exception {
    Run run = negotiate();
    SecureSession s = run.server();
    byte[] key = s.incomingKey();
    int sid = SessionCrypto.wireSessionId(s.sessionIdRaw());
    int seq = s.incomingSequence();
    byte[] payload = random(20);
    // valid: length = 12 + 20
    assertThat(s.unwrap(craft(key, sid, 32, seq, now.get(), payload)).data()).isEqualTo(payload);
    for (long len : new long[] {0xFFFFFFFFL, 0x80000000L, 0x7FFFFFFFL, 33, 0, 11}) {
      byte[] bad = craft(key, sid, len, seq, now.get(), payload);
      assertThatThrownBy(() -> s.unwrap(bad)).as("length %d", len).isInstanceOf(MalformedDataException.class);
    }
    // A shorter length than the payload moves the tag: authentication fails.
    byte[] shorter = craft(key, sid, 31, seq, now.get(), payload);
    assertThatThrownBy(() -> s.unwrap(shorter)).isInstanceOf(AuthenticationFailedException.class);
    // length 12 = an empty payload: Themis never sends it (it refuses to wrap empty messages) but
    // accepts it, and so do we.
    assertThat(s.unwrap(craft(key, sid, 12, seq, now.get(), new byte[0])).data()).isEmpty();
    assertThat(s.unwrap(run.client().wrap(payload)).data()).isEqualTo(payload);
  }

  @Test
  void wrongSessionAndWrongDirectionAreRejected() {
    Run run = negotiate();
    byte[] own = run.client().wrap(random(8));
    // a client's message back to itself: right session id, wrong key. The length field decrypts to
    // garbage, so this is usually caught as an inconsistent length, otherwise by the GCM tag.
    assertThatThrownBy(() -> run.client().unwrap(own))
        .isInstanceOfAny(MalformedDataException.class, AuthenticationFailedException.class)
        .hasMessageContaining("keys");
    byte[] foreign = own.clone();
    foreign[0] ^= 1;
    assertThatThrownBy(() -> run.server().unwrap(foreign)).isInstanceOf(MalformedDataException.class);
    // negotiation messages after the handshake
    assertThatThrownBy(() -> run.server().unwrap(run.m3())).isInstanceOf(ThemisException.class);
    assertThatThrownBy(() -> run.client().unwrap(run.m4())).isInstanceOf(MalformedDataException.class);
    assertThat(run.server().unwrap(own)).extracting(UnwrapResult::isControl).isEqualTo(false);
  }

  @Test
  void replaysAndReordersFollowThemissWindow() {
    Run run = negotiate();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      sent.add(run.client().wrap(new byte[] {(byte) i}));
    }
    int[] schedule = {0, 0, 9, 8, 0, 16, 5, 13, 4, 20, 20, 12, 21, 20, 28, 17, 30};
    boolean[] expected = {
      true, true, false, true, true, false, true, true, false, true, true, true, false, true, true, false, true
    };
    for (int i = 0; i < schedule.length; i++) {
      byte[] w = sent.get(schedule[i]);
      if (expected[i]) {
        assertThat(run.server().unwrap(w).data()).containsExactly(schedule[i]);
      } else {
        assertThatThrownBy(() -> run.server().unwrap(w)).isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContaining("sequence number");
      }
    }
  }

  @Test
  void sequenceNumbersWrapAround() {
    Run run = negotiate();
    run.client().setSequences(0xFFFFFFFA, run.client().incomingSequence());
    run.server().setSequences(run.server().outgoingSequence(), 0xFFFFFFFA);
    for (int i = 0; i < 12; i++) {
      byte[] m = {(byte) i};
      assertThat(run.server().unwrap(run.client().wrap(m)).data()).isEqualTo(m);
    }
    assertThat(run.client().outgoingSequence()).isEqualTo(6);
    assertThat(run.server().incomingSequence()).isEqualTo(5);
    // Themis's unsigned comparison would reject all of these near the wrap; the window itself is the same.
    assertThat(SecureSession.inSequenceWindow(3, 0xFFFFFFFE)).isTrue();
    assertThat(SecureSession.inSequenceWindow(0xFFFFFFFE, 3)).isTrue();
    assertThat(SecureSession.inSequenceWindow(7, 0xFFFFFFFE)).isFalse(); // 9 away
    assertThat(SecureSession.inSequenceWindow(100, 92)).isTrue();
    assertThat(SecureSession.inSequenceWindow(100, 91)).isFalse();
    assertThat(SecureSession.inSequenceWindow(91, 99)).isTrue();
    assertThat(SecureSession.inSequenceWindow(90, 99)).isFalse();
    assertThat(SecureSession.inSequenceWindow(Integer.MIN_VALUE, Integer.MAX_VALUE)).isTrue();
  }

  @Test
  void timestampsMustBeWithinADay() throws Exception {
    Run run = negotiate();
    long t = now.get();
    // sender's clock far behind or ahead of the receiver's
    for (long skew : new long[] {-86_401, 86_401, -1_000_000, Long.MIN_VALUE / 2}) {
      now.set(t + skew);
      byte[] w = run.client().wrap(new byte[] {1});
      now.set(t);
      assertThatThrownBy(() -> run.server().unwrap(w)).isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("timestamp");
    }
    for (long skew : new long[] {-86_400, 86_400, 0}) {
      now.set(t + skew);
      byte[] w = run.client().wrap(new byte[] {2});
      now.set(t);
      assertThat(run.server().unwrap(w).data()).containsExactly(2);
    }
    // timestamps are unsigned 64-bit in Themis: 2^64-1 is far in the future, not -1
    SecureSession s = run.server();
    byte[] huge = craft(s.incomingKey(), SessionCrypto.wireSessionId(s.sessionIdRaw()), 13, s.incomingSequence(),
        -1L, new byte[] {3});
    assertThatThrownBy(() -> s.unwrap(huge)).isInstanceOf(AuthenticationFailedException.class);
    assertThat(SecureSession.inTimeWindow(t - 86_400, t)).isTrue();
    assertThat(SecureSession.inTimeWindow(t - 86_401, t)).isFalse();
    assertThat(SecureSession.inTimeWindow(-1L, t)).isFalse();
    assertThat(SecureSession.inTimeWindow(Long.MIN_VALUE, t)).isFalse();
  }
}
