package io.github.themis4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests: transcripts recorded from wasm-themis 0.15.0 peers, replayed against themis4j
 * endpoints whose ephemeral keys are set to the ones wasm-themis used. This checks the message
 * layouts, both signatures, the ECDH and every KDF step, the MACs, the message keys, the initial
 * sequence numbers and the data-message decryption against values Themis computed.
 */
class SecureSessionVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A resolver that knows exactly one peer. */
  static PeerKeyResolver only(byte[] id, byte[] publicKey) {
    PublicKey key = PublicKey.fromBytes(publicKey);
    return peerId -> Arrays.equals(peerId, id) ? key : null;
  }

  // ---- themis-spec.md Appendix A.2/A.3 (long-term keys: Themis's tests/themis/themis_secure_session_test_keys.h)

  static final String CLIENT_PRIV =
      "524543320000002d51f4aa72009f0f09cebe0933c25e9a0599539db232a234647adede838f65a92a146daa9001";
  static final String CLIENT_PUB =
      "554543320000002d138bdf0c021f098839d9733a848fa850d92bed3d38cf1dd0cef4aedbcfafcb6ba54a081121";
  static final String SERVER_PRIV =
      "524543320000002d4987046b00f206077dc71c59a18f39fc94813f9ec5ba706f93088de385825bf83fc69f0bdf";
  static final String SERVER_PUB =
      "554543320000002d755833d40212df1fe9ea4811e1f9718e2411cbfdc0a36ed6ac88b644c29a2484ee504c3ea0";
  static final String CLIENT_EPH_PRIV =
      "524543320000002dc77b52a8005c620ce47005560669998e1bb4d2facf32dac8f11b644407198655ebf0a14d41";
  static final String CLIENT_EPH_PUB =
      "554543320000002de931e95e0365278bdd52f94cde8cb89d07d3133ea438855b98a1f839042ee5ee6b4ebbc812";
  static final String SERVER_EPH_PRIV =
      "524543320000002de948143800b3d8505b0d336d7e355998afaeef8b2a61247c2ce23949f15ed045b75a0698d3";
  static final String SERVER_EPH_PUB =
      "554543320000002d130c95830344b8afee7f861a99354f377ddc9e2fad84f3cfd3a20b8db83dc95d4696b7d046";
  static final String M1 =
      "5453504d000000919a4f838054534944000000124a5d0d03636c69656e74554543320000002de931e95e0365278bdd52f94cde8cb8"
          + "9d07d3133ea438855b98a1f839042ee5ee6b4ebbc81230440220329df788db1602f3352d34825b6f739b03555171294d103231f6"
          + "86d65ccaa64e0220371756350d69e23e39d305ebb7e69635048cae7f7bdd56f47dc3eafaae31924a";
  static final String M2 =
      "5453504d0000009250171aad54534944000000129b63ab56736572766572554543320000002d130c95830344b8afee7f861a99354f"
          + "377ddc9e2fad84f3cfd3a20b8db83dc95d4696b7d0463045022100c394fdbc3fbff153cc238fcaa5dbd0efbefe86b5f4fdace451"
          + "b18d5202512d2402200c851aa272504df693915e9868ca9a06f18694b419dae40df4ffa4f065720893";
  static final String M3 =
      "5453504d00000072045ccb7f3044022079e66134706447e76182c4e90fe30e0dcc95810a8b3cec8f39a95c700f0f4078022049ce2c"
          + "9c9665f60b88b159f2194a88fc67ea3e3fef25ff09a697954ba03aa028c6b398782f1918724440d0a031dacc5ce9d8d92120cc6f"
          + "365be774977f96d53c";
  static final String M4 = "5453504d0000002cd354187964efde96676f6c0c05cc94a50e98b1926ec0cb5e1f923d042b47160094381992";
  static final String PING =
      "ec35f7ec1f47243025baebcd308f69b26a9a4d2be7135f1a3137ec0b60acfe43b3b8c4713e758df73c4b2f98f8"
          + "ec2c87c461b4cf4f1da83c";
  static final String PONG =
      "ec35f7eca9d1633d2904c431d4759e7bad0fa5fef2772ffaadc40d584c17a5fc83809f91e85488a6381c38107e"
          + "373847e3cc65c2e3e65585";

  @Test
  void specTranscriptA3() {
    AtomicLong now = new AtomicLong(System.currentTimeMillis() / 1000);
    SecureSession client = new SecureSession(utf8("client"), PrivateKey.fromBytes(hex(CLIENT_PRIV)),
        only(utf8("server"), hex(SERVER_PUB)), PrivateKey.fromBytes(hex(CLIENT_EPH_PRIV)), now::get);
    SecureSession server = new SecureSession(utf8("server"), PrivateKey.fromBytes(hex(SERVER_PRIV)),
        only(utf8("client"), hex(CLIENT_PUB)), PrivateKey.fromBytes(hex(SERVER_EPH_PRIV)), now::get);
    assertThat(client.ephemeralPublic()).isEqualTo(hex(CLIENT_EPH_PUB));
    assertThat(server.ephemeralPublic()).isEqualTo(hex(SERVER_EPH_PUB));
    AtomicReference<byte[]> clientMaster = captureMasterKey(client);
    AtomicReference<byte[]> serverMaster = captureMasterKey(server);

    replayHandshake(client, server, hex(M1), hex(M2), hex(M3), hex(M4));

    byte[] sid = hex("ecf735ec");
    byte[] master = hex("5a50c47569c2842ab9e12ce0f6c5c138ec13bab7edfdabed0ee51256751b7ced");
    byte[] clientKey = hex("bb2f44dc4f1d2ae322b5016506d2ad8eb1c0d14871cd40a12cc3c184d0fa0a9f");
    byte[] serverKey = hex("4eacb96d1e3f42ed16c56314137fd70731f6daa9105f1db14a3540e6fc2dd19a");
    int clientSeq0 = 0x45d24e52;
    int serverSeq0 = 0x0812d56d;
    for (SecureSession s : List.of(client, server)) {
      assertThat(s.sessionIdRaw()).isEqualTo(sid);
    }
    assertThat(clientMaster.get()).isEqualTo(master);
    assertThat(serverMaster.get()).isEqualTo(master);
    assertThat(client.outgoingKey()).isEqualTo(clientKey);
    assertThat(client.incomingKey()).isEqualTo(serverKey);
    assertThat(server.outgoingKey()).isEqualTo(serverKey);
    assertThat(server.incomingKey()).isEqualTo(clientKey);
    assertThat(client.outgoingSequence()).isEqualTo(clientSeq0);
    assertThat(client.incomingSequence()).isEqualTo(serverSeq0);
    assertThat(server.outgoingSequence()).isEqualTo(serverSeq0);
    assertThat(server.incomingSequence()).isEqualTo(clientSeq0);
    assertThat(SessionCrypto.sharedSecret(
            (java.security.interfaces.ECPrivateKey) PrivateKey.fromBytes(hex(CLIENT_EPH_PRIV)).toJcaKey(),
            (java.security.interfaces.ECPublicKey) PublicKey.fromBytes(hex(SERVER_EPH_PUB)).toJcaKey()))
        .isEqualTo(hex("a1e23281eed7cdebc6adc12001ffa3534cdbbef8cb40ffc7abeaac7785446c1f"));

    // The data messages: session id on the wire is the raw id reversed; the payload decrypts with the
    // direction's key and carries that direction's initial sequence number.
    byte[] ping = hex(PING);
    byte[] pong = hex(PONG);
    assertThat(Arrays.copyOf(ping, 4)).isEqualTo(hex("ec35f7ec"));
    DataMessage.Opened p = DataMessage.open(clientKey, ping);
    assertThat(p.payload()).isEqualTo(utf8("ping"));
    assertThat(p.sequence()).isEqualTo(clientSeq0);
    DataMessage.Opened q = DataMessage.open(serverKey, pong);
    assertThat(q.payload()).isEqualTo(utf8("pong"));
    assertThat(q.sequence()).isEqualTo(serverSeq0);
    assertThat(p.timestamp()).isBetween(1_600_000_000L, now.get()); // generated in the past, after 2020

    // Through the sessions, with the clock set near the time the messages were made: accepted up to
    // exactly 24 hours either way, rejected one second later.
    now.set(p.timestamp() - 86_401);
    assertThatThrownBy(() -> server.unwrap(ping)).isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("timestamp");
    now.set(p.timestamp() + 86_401);
    assertThatThrownBy(() -> server.unwrap(ping)).isInstanceOf(AuthenticationFailedException.class);
    now.set(p.timestamp() + 86_400);
    assertThat(server.unwrap(ping).data()).isEqualTo(utf8("ping"));
    now.set(p.timestamp() - 86_400);
    assertThat(server.unwrap(ping).isControl()).isFalse();
    now.set(q.timestamp() + 60);
    UnwrapResult r = client.unwrap(pong);
    assertThat(r.isControl()).isFalse();
    assertThat(r.data()).isEqualTo(utf8("pong"));
  }

  /**
   * Feeds Themis's messages to our endpoints (injected with Themis's ephemeral keys) and checks that
   * what we produce matches Themis byte for byte wherever the protocol is deterministic: the id and
   * ephemeral key parts of M1/M2, the MAC in M3 and all of M4. ECDSA signatures are randomised and
   * are checked by verification instead (each side verifies Themis's signatures).
   */
  static void replayHandshake(
      SecureSession client, SecureSession server, byte[] m1, byte[] m2, byte[] m3, byte[] m4) {
    byte[] ourM1 = client.connectRequest();
    int identityLength = 12 + Bytes.readBe32(m1, 16) + Bytes.readBe32(m1, 12 + Bytes.readBe32(m1, 16) + 4);
    assertThat(Arrays.copyOfRange(ourM1, 0, 4)).isEqualTo(utf8("TSPM"));
    assertThat(Arrays.copyOfRange(ourM1, 12, identityLength)).isEqualTo(Arrays.copyOfRange(m1, 12, identityLength));

    UnwrapResult r2 = server.unwrap(m1); // verifies Themis's client signature
    assertThat(r2.isControl()).isTrue();
    int serverIdentityLength = 12 + Bytes.readBe32(m2, 16) + Bytes.readBe32(m2, 12 + Bytes.readBe32(m2, 16) + 4);
    assertThat(Arrays.copyOfRange(r2.data(), 12, serverIdentityLength))
        .isEqualTo(Arrays.copyOfRange(m2, 12, serverIdentityLength));

    UnwrapResult r3 = client.unwrap(m2); // verifies Themis's server signature, derives the master key
    assertThat(r3.isControl()).isTrue();
    byte[] ourM3 = r3.data();
    assertThat(Arrays.copyOfRange(ourM3, ourM3.length - 32, ourM3.length))
        .isEqualTo(Arrays.copyOfRange(m3, m3.length - 32, m3.length));

    UnwrapResult r4 = server.unwrap(m3); // verifies Themis's client signature and MAC
    assertThat(r4.isControl()).isTrue();
    assertThat(r4.data()).isEqualTo(m4);
    assertThat(server.isEstablished()).isTrue();

    UnwrapResult r5 = client.unwrap(m4);
    assertThat(r5.isControl()).isFalse();
    assertThat(r5.data()).isEmpty();
    assertThat(client.isEstablished()).isTrue();
    assertThat(client.peerId()).isEqualTo(idOf(m2));
    assertThat(server.peerId()).isEqualTo(idOf(m1));
  }

  private static byte[] idOf(byte[] identityMessage) {
    int idContainer = Bytes.readBe32(identityMessage, 16);
    return Arrays.copyOfRange(identityMessage, 24, 12 + idContainer);
  }

  // ---- interop/vectors-session.js output

  record Transcript(String name, JsonNode node, long generatedAt) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Transcript> transcripts() throws IOException {
    try (InputStream in = SecureSessionVectorsTest.class.getResourceAsStream("/vectors/session.json")) {
      JsonNode doc = new ObjectMapper().readTree(in);
      assertThat(doc.get("themis").asText()).isEqualTo("wasm-themis 0.15.0");
      List<Transcript> list = new ArrayList<>();
      for (JsonNode t : doc.get("transcripts")) {
        list.add(new Transcript(t.get("name").asText(), t, doc.get("generatedAt").asLong()));
      }
      assertThat(list).hasSize(2);
      return list;
    }
  }

  @ParameterizedTest
  @MethodSource("transcripts")
  void wasmTranscripts(Transcript t) {
    JsonNode c = t.node().get("client");
    JsonNode s = t.node().get("server");
    AtomicLong now = new AtomicLong(t.generatedAt());
    SecureSession client = endpoint(c, s, now);
    SecureSession server = endpoint(s, c, now);
    AtomicReference<byte[]> clientMaster = captureMasterKey(client);
    AtomicReference<byte[]> serverMaster = captureMasterKey(server);

    replayHandshake(client, server, hex(t.node().get("m1").asText()), hex(t.node().get("m2").asText()),
        hex(t.node().get("m3").asText()), hex(t.node().get("m4").asText()));

    // Themis's saved state (TSSC): BE32 session id (= wire form), BE32 is_client, master key, out/in seq.
    checkSavedState(hex(t.node().get("clientState").asText()), client, clientMaster.get(), true);
    checkSavedState(hex(t.node().get("serverState").asText()), server, serverMaster.get(), false);

    int messages = 0;
    for (JsonNode m : t.node().get("messages")) {
      SecureSession receiver = m.get("from").asText().equals("client") ? server : client;
      UnwrapResult r = receiver.unwrap(hex(m.get("wrapped").asText()));
      assertThat(r.isControl()).isFalse();
      assertThat(r.data()).isEqualTo(hex(m.get("plaintext").asText()));
      messages++;
    }
    assertThat(messages).isEqualTo(6);
  }

  /** An endpoint with the keys and ephemeral key of {@code self}, knowing only {@code peer}. */
  private static SecureSession endpoint(JsonNode self, JsonNode peer, AtomicLong now) {
    return new SecureSession(
        hex(self.get("id").asText()),
        PrivateKey.fromBytes(hex(self.get("privateKey").asText())),
        only(hex(peer.get("id").asText()), hex(peer.get("publicKey").asText())),
        PrivateKey.fromBytes(hex(self.get("ephemeralPrivateKey").asText())),
        now::get);
  }

  /** The master key {@code s} derives, captured when it is established (it is wiped right after). */
  static AtomicReference<byte[]> captureMasterKey(SecureSession s) {
    AtomicReference<byte[]> master = new AtomicReference<>();
    s.observeMasterKey(master::set);
    return master;
  }

  private static void checkSavedState(byte[] tssc, SecureSession ours, byte[] master, boolean isClient) {
    assertThat(Arrays.copyOf(tssc, 4)).isEqualTo(utf8("TSSC"));
    assertThat(tssc).hasSize(60);
    byte[] sidRaw = ours.sessionIdRaw();
    byte[] reversed = {sidRaw[3], sidRaw[2], sidRaw[1], sidRaw[0]};
    assertThat(Arrays.copyOfRange(tssc, 12, 16)).isEqualTo(reversed);
    assertThat(Bytes.readBe32(tssc, 16)).isEqualTo(isClient ? 1 : 0);
    assertThat(Arrays.copyOfRange(tssc, 20, 52)).isEqualTo(master);
    assertThat(Bytes.readBe32(tssc, 52)).isEqualTo(ours.outgoingSequence());
    assertThat(Bytes.readBe32(tssc, 56)).isEqualTo(ours.incomingSequence());
  }
}
