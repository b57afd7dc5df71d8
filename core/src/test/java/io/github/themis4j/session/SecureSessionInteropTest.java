package io.github.themis4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Live runs against a wasm-themis 0.15.0 peer (the official C core as WebAssembly): negotiation in
 * both roles, then 1,000 messages each way, and the peers' verdicts on the same bad input compared.
 */
class SecureSessionInteropTest {
  private static final Random RANDOM = new Random(20261128);
  private static final byte[] CLIENT = "client".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SERVER = "server".getBytes(StandardCharsets.UTF_8);

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Long-term keys made by wasm-themis, so that its key format is exercised too. */
  private record Keys(byte[] priv, byte[] pub) {
    static Keys wasm(WasmThemis w) {
      byte[][] kp = w.call("keygen.ec");
      return new Keys(kp[0], kp[1]);
    }
  }

  private static PeerKeyResolver only(byte[] id, byte[] pub) {
    return SecureSessionVectorsTest.only(id, pub);
  }

  /** Message sizes for the bulk runs: 1 byte, 64 KiB and a spread in between. */
  private static int size(int i) {
    if (i % 100 == 0) {
      return 64 * 1024;
    }
    if (i % 10 == 1) {
      return 1;
    }
    return 1 + RANDOM.nextInt(i % 7 == 0 ? 5000 : 200);
  }

  /** Negotiates a themis4j client with a wasm-themis server. */
  private static SecureSession clientAgainstWasm(WasmThemis.Handle wasmServer, SecureSession client) {
    byte[] m2 = wasmServer.call1("session.negotiate", client.connectRequest());
    UnwrapResult r3 = client.unwrap(m2);
    assertThat(r3.isControl()).isTrue();
    byte[] m4 = wasmServer.call1("session.negotiate", r3.data());
    assertThat(wasmServer.flag("session.established")).isTrue();
    UnwrapResult r5 = client.unwrap(m4);
    assertThat(r5.isControl()).isFalse();
    assertThat(r5.data()).isEmpty();
    assertThat(client.isEstablished()).isTrue();
    return client;
  }

  /** Negotiates a wasm-themis client with a themis4j server. */
  private static SecureSession serverAgainstWasm(WasmThemis.Handle wasmClient, SecureSession server) {
    byte[] m1 = wasmClient.call1("session.connect");
    UnwrapResult r2 = server.unwrap(m1);
    assertThat(r2.isControl()).isTrue();
    byte[] m3 = wasmClient.call1("session.negotiate", r2.data());
    UnwrapResult r4 = server.unwrap(m3);
    assertThat(r4.isControl()).isTrue();
    assertThat(server.isEstablished()).isTrue();
    assertThat(wasmClient.call1("session.negotiate", r4.data())).isEmpty();
    assertThat(wasmClient.flag("session.established")).isTrue();
    return server;
  }

  /**
   * 1,000 messages each way: mostly alternating one by one, with a burst of 8 in each direction every
   * 100 rounds (still inside the sequence window). Sizes: every 100th message 64 KiB, every 10th
   * 1 byte, the rest 1..5000 bytes.
   */
  private static void exchange(SecureSession ours, WasmThemis.Handle theirs) {
    int sent = 0;
    int sixtyFour = 0;
    for (int round = 0; sent < 1000; round++) {
      int burst = Math.min(round % 100 == 50 ? 8 : 1, 1000 - sent);
      List<byte[]> plain = new ArrayList<>();
      List<byte[]> wrapped = new ArrayList<>();
      for (int j = 0; j < burst; j++) {
        byte[] m = random(size(sent + j));
        plain.add(m);
        wrapped.add(ours.wrap(m));
        assertThat(wrapped.get(j)).hasSize(m.length + 52);
        sixtyFour += m.length == 65536 ? 1 : 0;
      }
      for (int j = 0; j < burst; j++) {
        assertThat(theirs.call1("session.unwrap", wrapped.get(j))).isEqualTo(plain.get(j));
      }
      plain.clear();
      wrapped.clear();
      for (int j = 0; j < burst; j++) {
        byte[] m = random(size(sent + j));
        plain.add(m);
        wrapped.add(theirs.call1("session.wrap", m));
      }
      for (int j = 0; j < burst; j++) {
        UnwrapResult r = ours.unwrap(wrapped.get(j));
        assertThat(r.isControl()).isFalse();
        assertThat(r.data()).isEqualTo(plain.get(j));
      }
      sent += burst;
    }
    assertThat(sent).isEqualTo(1000);
    assertThat(sixtyFour).isEqualTo(10);
  }

  @Test
  void themis4jClientWithWasmServer() {
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    try (WasmThemis.Handle server = wasm.create("session.new", SERVER, s.priv(), CLIENT, c.pub())) {
      SecureSession client = clientAgainstWasm(server,
          new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s.pub())));
      assertThat(client.peerId()).isEqualTo(SERVER);
      exchange(client, server);
    }
  }

  @Test
  void wasmClientWithThemis4jServer() {
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    try (WasmThemis.Handle client = wasm.create("session.new", CLIENT, c.priv(), SERVER, s.pub())) {
      SecureSession server = serverAgainstWasm(client,
          new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub())));
      assertThat(server.peerId()).isEqualTo(CLIENT);
      exchange(server, client);
    }
  }

  @Test
  void themis4jKeysAndLongIdsWorkWithWasm() {
    // Keys generated by themis4j on both sides, binary ids of unusual lengths.
    WasmThemis wasm = WasmThemis.get();
    KeyPair c = KeyPair.generate(KeyType.EC);
    KeyPair s = KeyPair.generate(KeyType.EC);
    byte[] clientId = random(1);
    byte[] serverId = random(700);
    try (WasmThemis.Handle server = wasm.create("session.new", serverId, s.privateKey().toByteArray(), clientId,
        c.publicKey().toByteArray())) {
      SecureSession client = clientAgainstWasm(server,
          new SecureSession(clientId, c.privateKey(), only(serverId, s.publicKey().toByteArray())));
      byte[] m = random(33);
      assertThat(server.call1("session.unwrap", client.wrap(m))).isEqualTo(m);
      assertThat(client.unwrap(server.call1("session.wrap", m)).data()).isEqualTo(m);
    }
  }

  @Test
  void wrongKeysAreRejectedByBothImplementations() {
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    Keys other = Keys.wasm(wasm);

    // wasm server believes the client has another key: it rejects our connect request.
    try (WasmThemis.Handle server = wasm.create("session.new", SERVER, s.priv(), CLIENT, other.pub())) {
      SecureSession client = new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s.pub()));
      assertThatThrownBy(() -> server.call1("session.negotiate", client.connectRequest()))
          .isInstanceOf(WasmThemis.Failure.class);
    }
    // our server believes the same: it rejects wasm's connect request, and stays usable.
    try (WasmThemis.Handle client = wasm.create("session.new", CLIENT, c.priv(), SERVER, s.pub())) {
      byte[] m1 = client.call1("session.connect");
      SecureSession wrong = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, other.pub()));
      assertThatThrownBy(() -> wrong.unwrap(m1)).isInstanceOf(AuthenticationFailedException.class);
      // unknown id: wasm reports its callback error (21), we an authentication failure
      SecureSession stranger = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), id -> null);
      assertThatThrownBy(() -> stranger.unwrap(m1)).isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("unknown peer");
      SecureSession right = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub()));
      assertThat(right.unwrap(m1).isControl()).isTrue();
    }
    // a server signing with a key the client does not expect: both clients reject its reply.
    try (WasmThemis.Handle wasmClient = wasm.create("session.new", CLIENT, c.priv(), SERVER, other.pub())) {
      SecureSession server = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub()));
      byte[] m2 = server.unwrap(wasmClient.call1("session.connect")).data();
      assertThatThrownBy(() -> wasmClient.call1("session.negotiate", m2)).isInstanceOf(WasmThemis.Failure.class);

      SecureSession misled = new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, other.pub()));
      SecureSession server2 = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub()));
      byte[] reply = server2.unwrap(misled.connectRequest()).data();
      assertThatThrownBy(() -> misled.unwrap(reply)).isInstanceOf(AuthenticationFailedException.class);

      // a genuine reply, but to another client's request (the signature covers the request's
      // ephemeral key): rejected too, and the client still accepts the reply meant for it.
      SecureSession client = new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s.pub()));
      byte[] ownRequest = client.connectRequest();
      assertThatThrownBy(() -> client.unwrap(m2)).isInstanceOf(AuthenticationFailedException.class);
      SecureSession server3 = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub()));
      assertThat(client.unwrap(server3.unwrap(ownRequest).data()).isControl()).isTrue();
    }
  }

  /**
   * Replay and reordering: the same delivery schedule (offsets from the first sequence number) is
   * played to a wasm-themis receiver and to a themis4j receiver; both must accept and reject exactly
   * the same messages. Themis has no replay protection: a message within 8 of the last accepted
   * sequence number is accepted, again and again.
   */
  @Test
  void replayAndReorderVerdictsMatchThemis() {
    int[] schedule = {0, 0, 9, 8, 0, 16, 5, 13, 4, 20, 20, 12, 21, 20, 28, 17, 30};
    boolean[] expected = {
      true, true, false, true, true, false, true, true, false, true, true, true, false, true, true, false, true
    };
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    try (WasmThemis.Handle server = wasm.create("session.new", SERVER, s.priv(), CLIENT, c.pub())) {
      SecureSession client = clientAgainstWasm(server,
          new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s.pub())));
      List<byte[]> ours = new ArrayList<>();
      List<byte[]> theirs = new ArrayList<>();
      for (int i = 0; i <= 30; i++) {
        ours.add(client.wrap(new byte[] {(byte) i}));
        theirs.add(server.call1("session.wrap", new byte[] {(byte) i}));
      }
      boolean[] wasmVerdicts = play(schedule, k -> {
        try {
          return server.call1("session.unwrap", ours.get(k))[0] == (byte) k;
        } catch (WasmThemis.Failure e) {
          assertThat(e.code()).isEqualTo(12); // THEMIS_INVALID_PARAMETER: sequence number out of window
          return false;
        }
      });
      boolean[] ourVerdicts = play(schedule, k -> {
        try {
          return client.unwrap(theirs.get(k)).data()[0] == (byte) k;
        } catch (AuthenticationFailedException e) {
          assertThat(e).hasMessageContaining("sequence number");
          return false;
        }
      });
      assertThat(wasmVerdicts).isEqualTo(expected);
      assertThat(ourVerdicts).isEqualTo(expected);

      // Both sessions are still usable after the rejections.
      byte[] m = random(10);
      assertThat(server.call1("session.unwrap", client.wrap(m))).isEqualTo(m);
    }
  }

  private static boolean[] play(int[] schedule, IntPredicate deliver) {
    boolean[] verdicts = new boolean[schedule.length];
    for (int i = 0; i < schedule.length; i++) {
      verdicts[i] = deliver.test(schedule[i]);
    }
    return verdicts;
  }

  /** Timestamps: wasm-themis (real clock) and themis4j (shifted clock) accept exactly &plusmn;24 hours. */
  @Test
  void timestampWindowMatchesThemis() {
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    long[] offset = {0};
    try (WasmThemis.Handle server = wasm.create("session.new", SERVER, s.priv(), CLIENT, c.pub())) {
      SecureSession client = clientAgainstWasm(server, new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()),
          only(SERVER, s.pub()), null, () -> System.currentTimeMillis() / 1000 + offset[0]));
      // Our messages stamped far from wasm's clock (margin of 100 s for the test's own run time).
      for (long shift : new long[] {-86_500, 86_500}) {
        offset[0] = shift;
        byte[] w = client.wrap(new byte[] {1});
        assertThatThrownBy(() -> server.call1("session.unwrap", w)).isInstanceOf(WasmThemis.Failure.class)
            .satisfies(e -> assertThat(((WasmThemis.Failure) e).code()).isEqualTo(12));
      }
      for (long shift : new long[] {-86_300, 86_300}) {
        offset[0] = shift;
        assertThat(server.call1("session.unwrap", client.wrap(new byte[] {2}))).containsExactly(2);
      }
      // wasm's messages seen by our client with a clock that is far off.
      for (long shift : new long[] {-86_500, 86_500}) {
        offset[0] = shift;
        byte[] w = server.call1("session.wrap", new byte[] {3});
        assertThatThrownBy(() -> client.unwrap(w)).isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContaining("timestamp");
      }
      for (long shift : new long[] {-86_300, 86_300}) {
        offset[0] = shift;
        assertThat(client.unwrap(server.call1("session.wrap", new byte[] {4})).data()).containsExactly(4);
      }
    }
  }

  /** Tampered data messages: wasm-themis and themis4j reject the same bit flips. */
  @Test
  void tamperedDataVerdictsMatchThemis() {
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    Keys s = Keys.wasm(wasm);
    try (WasmThemis.Handle server = wasm.create("session.new", SERVER, s.priv(), CLIENT, c.pub())) {
      SecureSession client = clientAgainstWasm(server,
          new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s.pub())));
      byte[] m = random(5);
      byte[] ours = client.wrap(m);
      byte[] theirs = server.call1("session.wrap", m);
      int accepted = 0;
      for (int bit = 0; bit < ours.length * 8; bit += 3) {
        byte[] a = flip(ours, bit);
        byte[] b = flip(theirs, bit);
        boolean wasmAccepts;
        try {
          wasmAccepts = Arrays.equals(server.call1("session.unwrap", a), m);
        } catch (WasmThemis.Failure e) {
          wasmAccepts = false;
        }
        boolean weAccept;
        try {
          weAccept = Arrays.equals(client.unwrap(b).data(), m);
        } catch (ThemisException e) {
          weAccept = false;
        }
        assertThat(weAccept).as("bit %d", bit).isEqualTo(wasmAccepts);
        // Only the 4 IV bytes that are not part of the GCM nonce (offsets 16..19) are unauthenticated.
        assertThat(weAccept).as("bit %d", bit).isEqualTo(bit / 8 >= 16 && bit / 8 < 20);
        accepted += weAccept ? 1 : 0;
      }
      assertThat(accepted).isGreaterThan(0);
      assertThat(server.call1("session.unwrap", ours)).isEqualTo(m);
      assertThat(client.unwrap(theirs).data()).isEqualTo(m);
    }
  }

  static byte[] flip(byte[] in, int bit) {
    byte[] out = in.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }

  @Test
  void wasmRefusesWhatWeRefuse() {
    // Two behaviours where the implementations deliberately differ are pinned here:
    // (1) wasm-themis wraps before the handshake (with all-zero keys); we refuse.
    WasmThemis wasm = WasmThemis.get();
    Keys c = Keys.wasm(wasm);
    try (WasmThemis.Handle early = wasm.create("session.new", CLIENT, c.priv())) {
      assertThat(early.call1("session.wrap", new byte[] {1})).hasSize(53);
    }
    SecureSession ours = new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), id -> null);
    assertThatThrownBy(() -> ours.wrap(new byte[] {1}))
        .isInstanceOf(io.github.themis4j.ProtocolStateException.class);
    // (2) wasm-themis's client accepts a truncated final MAC; ours requires all 32 bytes.
    Keys s = Keys.wasm(wasm);
    try (WasmThemis.Handle wasmClient = wasm.create("session.new", CLIENT, c.priv(), SERVER, s.pub())) {
      SecureSession server = new SecureSession(SERVER, PrivateKey.fromBytes(s.priv()), only(CLIENT, c.pub()));
      byte[] m3 = wasmClient.call1("session.negotiate", server.unwrap(wasmClient.call1("session.connect")).data());
      byte[] m4 = server.unwrap(m3).data();
      byte[] truncated = NegotiationMessage.protocol(Arrays.copyOfRange(m4, 12, 12 + 8));
      assertThat(wasmClient.call1("session.negotiate", truncated)).isEmpty();
      assertThat(wasmClient.flag("session.established")).isTrue();
    }
    Keys s2 = Keys.wasm(wasm);
    try (WasmThemis.Handle wasmServer = wasm.create("session.new", SERVER, s2.priv(), CLIENT, c.pub())) {
      SecureSession client = new SecureSession(CLIENT, PrivateKey.fromBytes(c.priv()), only(SERVER, s2.pub()));
      byte[] m4 = wasmServer.call1("session.negotiate",
          client.unwrap(wasmServer.call1("session.negotiate", client.connectRequest())).data());
      byte[] truncated = NegotiationMessage.protocol(Arrays.copyOfRange(m4, 12, 12 + 8));
      assertThatThrownBy(() -> client.unwrap(truncated)).isInstanceOf(AuthenticationFailedException.class);
      assertThat(client.isEstablished()).isFalse();
      assertThat(client.unwrap(m4).data()).isEmpty();
      assertThat(client.isEstablished()).isTrue();
    }
  }

}
