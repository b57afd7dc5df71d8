package io.github.themis4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ProtocolStateException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PublicKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two themis4j peers talking over real TCP connections on the loopback interface (127.0.0.1), each in
 * its own thread, through the transport-controlled API; plus the framing's handling of bad frames.
 */
class SocketSessionTransportTest {
  private static final KeyPair CLIENT_KEYS = KeyPair.generate(KeyType.EC);
  private static final KeyPair SERVER_KEYS = KeyPair.generate(KeyType.EC);
  private static final byte[] CLIENT = "client".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SERVER = "server".getBytes(StandardCharsets.UTF_8);
  private static final int TIMEOUT_MS = 20_000;

  private ExecutorService pool;
  private ServerSocket listener;

  @BeforeEach
  void listen() throws IOException {
    pool = Executors.newFixedThreadPool(2);
    listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    listener.setSoTimeout(TIMEOUT_MS);
  }

  @AfterEach
  void stop() throws IOException {
    listener.close();
    pool.shutdownNow();
  }

  private static PeerKeyResolver knows(byte[] id, PublicKey key) {
    return peerId -> Arrays.equals(peerId, id) ? key : null;
  }

  private SocketSessionTransport connectClient(PeerKeyResolver resolver) {
    return SocketSessionTransport.connect("127.0.0.1", listener.getLocalPort(), resolver);
  }

  private SocketSessionTransport acceptServer(PeerKeyResolver resolver) {
    return SocketSessionTransport.accept(listener, resolver);
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception) {
        throw (Exception) e.getCause();
      }
      throw e;
    }
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  @Test
  void twoPeersTalkOverLoopback() throws Exception {
    int rounds = 120;
    Future<byte[]> server = pool.submit(() -> {
      try (SocketSessionTransport t = acceptServer(knows(CLIENT, CLIENT_KEYS.publicKey()))) {
        SecureSession session = new SecureSession(SERVER, SERVER_KEYS.privateKey(), t);
        assertThat(session.toString()).doesNotContain("client");
        while (!session.isEstablished()) {
          assertThat(session.receive()).isEmpty();
        }
        for (int i = 0; i < rounds; i++) {
          session.send(reversed(session.receive()));
        }
        return session.peerId();
      }
    });
    Future<List<byte[]>> client = pool.submit(() -> {
      try (SocketSessionTransport t = connectClient(knows(SERVER, SERVER_KEYS.publicKey()))) {
        SecureSession session = new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), t);
        assertThatThrownBy(() -> session.send(new byte[] {1})).isInstanceOf(ProtocolStateException.class);
        session.connect();
        int steps = 0;
        while (!session.isEstablished()) {
          assertThat(session.receive()).isEmpty();
          steps++;
        }
        assertThat(steps).isEqualTo(2); // M2, then M4
        assertThat(session.peerId()).isEqualTo(SERVER);
        Random random = new Random(1);
        List<byte[]> failures = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          int n = i == 0 ? 1 : i == 1 ? 64 * 1024 : i == 2 ? 1024 * 1024 : 1 + random.nextInt(3000);
          byte[] m = new byte[n];
          random.nextBytes(m);
          session.send(m);
          byte[] reply = session.receive();
          if (!Arrays.equals(reply, reversed(m))) {
            failures.add(m);
          }
        }
        return failures;
      }
    });
    assertThat(await(client)).isEmpty();
    assertThat(await(server)).isEqualTo(CLIENT);
  }

  @Test
  void rejectedClientSeesTheConnectionClose() throws Exception {
    Future<Exception> server = pool.submit(() -> {
      try (SocketSessionTransport t = acceptServer(id -> null)) { // knows nobody
        SecureSession session = new SecureSession(SERVER, SERVER_KEYS.privateKey(), t);
        try {
          session.receive();
          return null;
        } catch (AuthenticationFailedException e) {
          assertThat(session.isEstablished()).isFalse();
          return e;
        }
      }
    });
    Callable<Exception> clientSide = () -> {
      try (SocketSessionTransport t = connectClient(knows(SERVER, SERVER_KEYS.publicKey()))) {
        SecureSession session = new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), t);
        session.connect();
        try {
          session.receive();
          return null;
        } catch (TransportException e) {
          assertThat(session.isEstablished()).isFalse();
          return e;
        }
      }
    };
    Future<Exception> client = pool.submit(clientSide);
    assertThat(await(server)).hasMessageContaining("unknown peer id");
    assertThat(await(client)).isInstanceOf(TransportException.class).hasMessageContaining("receive");
  }

  /** What the server's first receive() threw, and whether its connection was still open afterwards. */
  private record Outcome(Exception error, boolean open) {}

  /** Opens a raw connection, writes {@code bytes} and closes it; the server tries one receive(). */
  private Outcome serverReceiving(byte[] bytes) throws Exception {
    Future<Outcome> server = pool.submit(() -> {
      try (SocketSessionTransport t = acceptServer(knows(CLIENT, CLIENT_KEYS.publicKey()))) {
        SecureSession session = new SecureSession(SERVER, SERVER_KEYS.privateKey(), t);
        try {
          session.receive();
          return new Outcome(null, t.isOpen());
        } catch (RuntimeException e) {
          return new Outcome(e, t.isOpen());
        }
      }
    });
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), TIMEOUT_MS);
      OutputStream out = raw.getOutputStream();
      out.write(bytes);
      out.flush();
      raw.shutdownOutput();
      return await(server);
    }
  }

  private static byte[] frameHeader(long length) {
    byte[] h = new byte[4];
    Bytes.writeBe32(h, 0, (int) length);
    return h;
  }

  @Test
  void badFramesAreRejectedBeforeAllocating() throws Exception {
    // Frame lengths up to 2^32-1, above the negotiation limit, and zero: rejected from the header
    // alone, and the connection is closed because the stream cannot be resynchronised.
    for (long length : new long[] {0xFFFFFFFFL, 0x80000000L, 0x7FFFFFFFL, 64 * 1024 + 1, 0}) {
      Outcome o = serverReceiving(frameHeader(length));
      assertThat(o.error()).as("frame length %d", length)
          .isInstanceOf(MalformedDataException.class).hasMessageContaining("frame length");
      assertThat(o.open()).isFalse();
    }
    // a frame cut short by the peer closing the connection, and a header cut short
    assertThat(serverReceiving(Bytes.concat(frameHeader(100), new byte[10])).error())
        .isInstanceOf(TransportException.class);
    assertThat(serverReceiving(new byte[] {0, 0}).error()).isInstanceOf(TransportException.class);
    // a well-framed message that is not a negotiation message: rejected by the session, the
    // connection stays open
    Outcome o = serverReceiving(Bytes.concat(frameHeader(3), new byte[] {1, 2, 3}));
    assertThat(o.error()).isInstanceOf(MalformedDataException.class).hasMessageContaining("truncated");
    assertThat(o.open()).isTrue();
  }

  @Test
  void applicationMessagesLongerThanTheReceiverAllowsAreRejected() throws Exception {
    Future<Exception> server = pool.submit(() -> {
      try (SocketSessionTransport t = acceptServer(knows(CLIENT, CLIENT_KEYS.publicKey()))) {
        SecureSession session = new SecureSession(SERVER, SERVER_KEYS.privateKey(), t);
        while (!session.isEstablished()) {
          session.receive();
        }
        assertThat(session.receive(100)).hasSize(100);
        try {
          session.receive(100);
          return null;
        } catch (MalformedDataException e) {
          assertThat(t.isOpen()).isFalse();
          return e;
        }
      }
    });
    try (SocketSessionTransport t = connectClient(knows(SERVER, SERVER_KEYS.publicKey()))) {
      SecureSession session = new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), t);
      session.connect();
      while (!session.isEstablished()) {
        session.receive();
      }
      session.send(new byte[100]);
      session.send(new byte[101]);
      assertThat(await(server)).hasMessageContaining("frame length 153");
    }
  }

  @Test
  void argumentsAndClosedSockets() throws Exception {
    PeerKeyResolver none = id -> null;
    assertThatThrownBy(() -> new SocketSessionTransport(null, none)).isInstanceOf(InvalidArgumentException.class);
    try (Socket unconnected = new Socket()) {
      assertThatThrownBy(() -> new SocketSessionTransport(unconnected, none))
          .isInstanceOf(InvalidArgumentException.class);
    }
    assertThatThrownBy(() -> SocketSessionTransport.accept(null, none))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SocketSessionTransport.connect((InetSocketAddress) null, none))
        .isInstanceOf(InvalidArgumentException.class);

    Future<SocketSessionTransport> accepted = pool.submit(() -> acceptServer(none));
    SocketSessionTransport t = connectClient(knows(SERVER, SERVER_KEYS.publicKey()));
    try (SocketSessionTransport other = await(accepted)) {
      assertThatThrownBy(() -> new SocketSessionTransport(new Socket(), none, 0))
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> t.send(null)).isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> t.send(new byte[0])).isInstanceOf(InvalidArgumentException.class);
      assertThat(t.publicKeyFor(SERVER)).isEqualTo(SERVER_KEYS.publicKey());
      assertThat(other.publicKeyFor(SERVER)).isNull();

      // connect() over a closed transport fails and leaves the session fresh
      SecureSession session = new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), t);
      t.close();
      assertThat(t.isOpen()).isFalse();
      assertThatThrownBy(session::connect).isInstanceOf(TransportException.class);
      assertThat(session.toString()).isEqualTo("SecureSession[IDLE]");
      assertThatThrownBy(session::receive).isInstanceOf(TransportException.class);
    }
    // nobody listening
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> SocketSessionTransport.connect("127.0.0.1", port, none))
        .isInstanceOf(TransportException.class).hasMessageContaining("cannot connect");
  }

  /** An in-memory transport pair; {@code failSends} makes the next sends fail. */
  private static final class MemoryTransport implements SessionTransport {
    final Deque<byte[]> inbox = new ArrayDeque<>();
    MemoryTransport peer;
    final PeerKeyResolver resolver;
    int failSends;

    MemoryTransport(PeerKeyResolver resolver) {
      this.resolver = resolver;
    }

    @Override
    public PublicKey publicKeyFor(byte[] peerId) {
      return resolver.publicKeyFor(peerId);
    }

    @Override
    public void send(byte[] data) {
      if (failSends > 0) {
        failSends--;
        throw new TransportException("simulated send failure");
      }
      peer.inbox.add(data.clone());
    }

    @Override
    public byte[] receive(int maxLength) {
      byte[] m = inbox.poll();
      if (m == null) {
        throw new TransportException("nothing to receive");
      }
      return m;
    }
  }

  @Test
  void aFailedSendLeavesTheNegotiationWhereItWas() {
    MemoryTransport c = new MemoryTransport(knows(SERVER, SERVER_KEYS.publicKey()));
    MemoryTransport s = new MemoryTransport(knows(CLIENT, CLIENT_KEYS.publicKey()));
    c.peer = s;
    s.peer = c;
    SecureSession client = new SecureSession(CLIENT, CLIENT_KEYS.privateKey(), c);
    SecureSession server = new SecureSession(SERVER, SERVER_KEYS.privateKey(), s);

    c.failSends = 1;
    assertThatThrownBy(client::connect).isInstanceOf(TransportException.class);
    assertThat(client.toString()).isEqualTo("SecureSession[IDLE]");
    client.connect();
    byte[] m1 = s.inbox.peek();
    s.failSends = 1;
    assertThatThrownBy(server::receive).isInstanceOf(TransportException.class); // could not send M2
    assertThat(server.toString()).isEqualTo("SecureSession[IDLE]");
    s.inbox.add(m1); // the request again
    assertThat(server.receive()).isEmpty();
    assertThat(client.receive()).isEmpty();
    assertThat(server.receive()).isEmpty();
    assertThat(server.isEstablished()).isTrue();
    assertThat(client.receive()).isEmpty();
    assertThat(client.isEstablished()).isTrue();
    client.send("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(server.receive()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    assertThatThrownBy(server::receive).isInstanceOf(TransportException.class);
  }
}
