package io.github.themis4j.session;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.ProtocolStateException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.SoterContainer;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.function.LongSupplier;

/**
 * Secure Session: Themis's stateful, forward-secret channel between two peers, wire-compatible with
 * Themis 0.15 (any Themis 0.15 wrapper or wasm-themis can be the other side).
 *
 * <h2>Protocol</h2>
 *
 * <p>A negotiation of four messages: each side sends a fresh ephemeral P-256 key signed (ECDSA
 * SHA-256) with its long-term EC key, the peer's long-term key being looked up by the id the peer
 * sends through a {@link PeerKeyResolver}; ECDH of the ephemeral keys gives a master key; each
 * side confirms it with an HMAC. Then data messages are encrypted with AES-256-GCM under a key per
 * direction and carry a sequence number and a timestamp.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Mutual authentication: a session becomes established only with a peer that holds the
 *       private key of the public key the resolver returned for the id it presented.
 *   <li>Forward secrecy: the message keys depend on ephemeral keys that live only until the
 *       session is established (the ephemeral private key and the master key are then dropped and
 *       wiped; only the two message keys stay, for the life of the session object); a later
 *       compromise of the long-term keys does not reveal past traffic.
 *   <li>Confidentiality and integrity of each message (AES-256-GCM); messages of one session cannot
 *       be moved to another session or direction.
 *   <li><b>Not</b> protected (as in Themis): replay and reordering inside the window. A message is
 *       accepted when its sequence number is within &plusmn;8 of the last accepted one and its
 *       timestamp within &plusmn;24 hours of this machine's clock, so the same message can be
 *       accepted twice, an older one after a newer one, and dropped messages go unnoticed. Add your
 *       own message numbering if the application needs exactly-once, in-order delivery. Message
 *       lengths are visible (ciphertext = message + 52 bytes).
 * </ul>
 *
 * <h2>Two ways to drive it</h2>
 *
 * <p><b>You move the bytes</b> (any transport, including asynchronous ones): the client calls
 * {@link #connectRequest()} and sends the result; each side passes every message it receives to
 * {@link #unwrap(byte[])} and, while {@link UnwrapResult#isControl()} is true, sends {@link
 * UnwrapResult#data()} back. Once {@link #isEstablished()} is true, {@link #wrap(byte[])} and
 * {@link #unwrap(byte[])} encrypt and decrypt application messages.
 *
 * <p><b>The session moves the bytes</b> when the resolver is a {@link SessionTransport}: the
 * client calls {@link #connect()}, then {@link #receive()} until {@link #isEstablished()}; the
 * server calls {@link #receive()} until {@link #isEstablished()}; then both use {@link
 * #send(byte[])} and {@link #receive()}. {@link SocketSessionTransport} is a ready TCP transport.
 *
 * <h2>Errors</h2>
 *
 * <p>A rejected incoming message throws {@link io.github.themis4j.MalformedDataException} (not a
 * well-formed message, wrong session), {@link AuthenticationFailedException} (unknown peer, bad
 * signature or MAC, tampering, sequence number or timestamp outside the window) and leaves the
 * session exactly as it was, so the caller can drop the message and carry on. Calls at the wrong
 * time throw {@link ProtocolStateException}; in particular {@link #wrap(byte[])} before the
 * session is established is refused (Themis 0.15 would silently encrypt with all-zero keys).
 *
 * <h2>Thread safety</h2>
 *
 * <p>Not thread-safe. A session is a single-owner state machine: use it from one thread at a time
 * (synchronise externally if several threads must share it, and keep sending and receiving under
 * the same lock).
 */
public final class SecureSession {
  /** Default cap on the size of an application message accepted by {@link #receive()}: 16 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

  /** Cap on the size of a negotiation message requested from a transport (ids up to ~64 KiB). */
  static final int MAX_NEGOTIATION_MESSAGE_LENGTH = 64 * 1024;

  /** Sequence numbers may differ by at most this much from the last accepted one (Themis). */
  static final int SEQUENCE_WINDOW = 8;

  /** Timestamps may differ by at most this many seconds from the local clock (Themis: one day). */
  static final long TIMESTAMP_WINDOW_SECONDS = 86_400;

  private static final byte[] EMPTY = new byte[0];

  private enum State {
    /** Fresh: may become a client (connectRequest) or a server (on receiving M1). */
    IDLE,
    CLIENT_AWAITING_M2,
    CLIENT_AWAITING_M4,
    SERVER_AWAITING_M3,
    ESTABLISHED
  }

  /** What the peer told us about itself in M1/M2, after its signature checked out. */
  private record Peer(
      byte[] id, byte[] ephemeral, ECPublicKey ephemeralKey, ECPublicKey signingKey) {}

  /** The outcome of one negotiation step, applied only if the step (and any send) succeeds. */
  private record Transition(
      State next, boolean client, Peer peer, byte[] sessionIdRaw, byte[] master, byte[] output) {}

  private final byte[] ownId;
  private final ECPrivateKey signingKey;
  private final PeerKeyResolver resolver;
  /** Needed only for the ECDH during negotiation; dropped once established. */
  private ECPrivateKey ephemeralPrivate;
  /** Our ephemeral public key as the 45-byte UEC2 container that is sent, signed and hashed. */
  private final byte[] ephemeral;
  private final LongSupplier clock;

  private State state = State.IDLE;
  private boolean client;
  private Peer peer;
  private byte[] sessionIdRaw;
  /** Held only between deriving it and establishing (client: from M2 to M4); then wiped. */
  private byte[] master;
  private int wireSessionId;
  private byte[] outKey;
  private byte[] inKey;
  private int outSeq;
  private int inSeq;
  /** Test hook: receives a copy of the master key when the session is established. */
  private java.util.function.Consumer<byte[]> masterKeyObserver;

  /**
   * Creates a session endpoint. Either side may create it this way; it becomes the client by
   * calling {@link #connectRequest()} or {@link #connect()}, the server by receiving the client's
   * first message. A fresh ephemeral P-256 key pair is generated here.
   *
   * @param id this endpoint's id, sent to the peer in the clear and used by the peer to look up our
   *     public key; not null or empty (copied)
   * @param key this endpoint's long-term EC private key (P-256 as Themis generates; P-384 and P-521
   *     are accepted)
   * @param resolver looks up peers' public keys; if it is a {@link SessionTransport}, the
   *     transport-controlled methods use it to move messages
   * @throws InvalidArgumentException if an argument is null, {@code id} is empty, or {@code key}
   *     is an RSA key (Themis refuses RSA in Secure Session)
   */
  public SecureSession(byte[] id, PrivateKey key, PeerKeyResolver resolver) {
    this(id, key, resolver, null, () -> System.currentTimeMillis() / 1000);
  }

  /** Test hook: a fixed ephemeral key (null = generate) and a clock in unix seconds. */
  SecureSession(
      byte[] id, PrivateKey key, PeerKeyResolver resolver, PrivateKey ephemeralKey, LongSupplier clock) {
    Bytes.requireNonEmpty(id, "session id");
    if (key == null) {
      throw new InvalidArgumentException("private key must not be null");
    }
    if (resolver == null) {
      throw new InvalidArgumentException("peer key resolver must not be null");
    }
    if (key.type() != KeyType.EC) {
      throw new InvalidArgumentException(
          "Secure Session needs an EC private key; RSA keys are not supported (as in Themis)");
    }
    this.ownId = id.clone();
    this.signingKey = (ECPrivateKey) key.toJcaKey();
    this.resolver = resolver;
    if (ephemeralKey == null) {
      // A generated pair already carries its public key as the compressed UEC2 container that is sent.
      KeyPair pair = KeyPair.generate(KeyType.EC);
      this.ephemeralPrivate = (ECPrivateKey) pair.privateKey().toJcaKey();
      this.ephemeral = pair.publicKey().toByteArray();
    } else {
      if (ephemeralKey.type() != KeyType.EC || ephemeralKey.ecCurve() != EcCurve.P256) {
        throw new InvalidArgumentException("ephemeral key must be a P-256 EC key");
      }
      this.ephemeralPrivate = (ECPrivateKey) ephemeralKey.toJcaKey();
      this.ephemeral =
          SoterContainer.wrap(
              "UEC2", EcCurve.P256.encodeCompressed(EcCurve.P256.publicKey(ephemeralPrivate)));
    }
    this.clock = clock;
  }

  /** True once the negotiation has completed on this side; data can then be wrapped and unwrapped. */
  public boolean isEstablished() {
    return state == State.ESTABLISHED;
  }

  /**
   * The id of the authenticated peer (a copy), or null until the session is established.
   */
  public byte[] peerId() {
    return state == State.ESTABLISHED ? peer.id().clone() : null;
  }

  // ---------------------------------------------------------------------------------------------
  // User-controlled flow

  /**
   * Starts the negotiation as the client: returns the first negotiation message, to be sent to the
   * server. May be called again before the server's reply arrives (the new request carries the same
   * ephemeral key).
   *
   * @throws ProtocolStateException if this endpoint is already acting as the server, is further in
   *     the negotiation, or is established
   */
  public byte[] connectRequest() {
    byte[] request = buildConnectRequest();
    becomeClient();
    return request;
  }

  /**
   * Processes one message from the peer.
   *
   * <p>Before the session is established the message is a negotiation message: the result is
   * either a reply to send ({@link UnwrapResult#isControl()}) or, for the client's final step,
   * empty data. Afterwards it is a data message and the result holds the decrypted message.
   *
   * <p>A rejected message throws and leaves the session unchanged.
   *
   * @throws InvalidArgumentException if {@code message} is null or empty, or the resolver returned
   *     a valid key of the wrong kind (RSA: a misconfigured resolver; the session stays unchanged)
   * @throws io.github.themis4j.MalformedDataException if the message is not well formed (truncated,
   *     wrong tag or checksum, inconsistent lengths, another session's id)
   * @throws AuthenticationFailedException if the peer is unknown, a signature or MAC does not
   *     verify, a data message does not authenticate, or its sequence number or timestamp is
   *     outside the accepted window
   */
  public UnwrapResult unwrap(byte[] message) {
    Bytes.requireNonEmpty(message, "message");
    if (state == State.ESTABLISHED) {
      return UnwrapResult.data(unwrapData(message));
    }
    Transition t = negotiate(message);
    apply(t);
    return t.output().length > 0 ? UnwrapResult.control(t.output()) : UnwrapResult.nothing();
  }

  /**
   * Encrypts an application message for the peer. Each call uses the next sequence number and the
   * current time.
   *
   * @return the data message, {@code message.length + 52} bytes
   * @throws ProtocolStateException if the session is not established
   * @throws InvalidArgumentException if {@code message} is null or empty (Themis refuses empty
   *     messages)
   */
  public byte[] wrap(byte[] message) {
    Bytes.requireNonEmpty(message, "message");
    if (state != State.ESTABLISHED) {
      throw new ProtocolStateException("Secure Session is not established yet: cannot wrap data");
    }
    byte[] wrapped = DataMessage.seal(outKey, wireSessionId, outSeq, clock.getAsLong(), message);
    outSeq++;
    return wrapped;
  }

  // ---------------------------------------------------------------------------------------------
  // Transport-controlled flow

  /**
   * Starts the negotiation as the client and sends the request over the transport. Then call
   * {@link #receive()} until {@link #isEstablished()}.
   *
   * @throws ProtocolStateException if the resolver is not a {@link SessionTransport}, or as for
   *     {@link #connectRequest()}
   * @throws TransportException if sending failed (the session stays as it was)
   */
  public void connect() {
    SessionTransport transport = transport();
    byte[] request = buildConnectRequest();
    transport.send(request);
    becomeClient();
  }

  /**
   * Encrypts {@code message} and sends it over the transport.
   *
   * @throws ProtocolStateException if the resolver is not a {@link SessionTransport} or the
   *     session is not established
   * @throws TransportException if sending failed
   */
  public void send(byte[] message) {
    SessionTransport transport = transport();
    transport.send(wrap(message));
  }

  /**
   * Receives one message from the transport and processes it. While negotiating, any reply is
   * sent back through the transport and an empty array is returned; once established, the
   * decrypted application message is returned. Accepts messages up to {@link
   * #DEFAULT_MAX_MESSAGE_LENGTH}.
   *
   * @throws ProtocolStateException if the resolver is not a {@link SessionTransport}
   * @throws TransportException if receiving or sending failed
   * @throws io.github.themis4j.MalformedDataException if the message is malformed (see {@link
   *     #unwrap(byte[])})
   * @throws AuthenticationFailedException if the message is rejected (see {@link #unwrap(byte[])})
   * @throws InvalidArgumentException if the resolver returned an RSA key (see {@link
   *     #unwrap(byte[])})
   */
  public byte[] receive() {
    return receive(DEFAULT_MAX_MESSAGE_LENGTH);
  }

  /**
   * As {@link #receive()}, accepting application messages of up to {@code maxMessageLength}
   * bytes.
   *
   * @throws InvalidArgumentException if {@code maxMessageLength} is not positive
   */
  public byte[] receive(int maxMessageLength) {
    if (maxMessageLength < 1) {
      throw new InvalidArgumentException("maximum message length must be positive");
    }
    SessionTransport transport = transport();
    if (state == State.ESTABLISHED) {
      int limit = (int) Math.min((long) maxMessageLength + DataMessage.OVERHEAD, Integer.MAX_VALUE - 64);
      return unwrapData(received(transport.receive(limit), limit));
    }
    int limit = MAX_NEGOTIATION_MESSAGE_LENGTH;
    Transition t = negotiate(received(transport.receive(limit), limit));
    if (t.output().length > 0) {
      try {
        transport.send(t.output());
      } catch (RuntimeException e) {
        discard(t);
        throw e;
      }
    }
    apply(t);
    return EMPTY;
  }

  private static byte[] received(byte[] message, int limit) {
    if (message == null || message.length == 0) {
      throw new TransportException("transport returned no message");
    }
    if (message.length > limit) {
      throw new TransportException("transport returned a message longer than requested");
    }
    return message;
  }

  private SessionTransport transport() {
    if (!(resolver instanceof SessionTransport)) {
      throw new ProtocolStateException(
          "this session has no transport: create it with a SessionTransport, or use "
              + "connectRequest/wrap/unwrap");
    }
    return (SessionTransport) resolver;
  }

  // ---------------------------------------------------------------------------------------------
  // Negotiation

  private byte[] buildConnectRequest() {
    if (state != State.IDLE && state != State.CLIENT_AWAITING_M2) {
      throw new ProtocolStateException(
          "connect request is only possible on a fresh session (state " + state + ")");
    }
    return NegotiationMessage.identity(ownId, ephemeral, SessionCrypto.sign(signingKey, ephemeral));
  }

  private void becomeClient() {
    state = State.CLIENT_AWAITING_M2;
    client = true;
  }

  private Transition negotiate(byte[] message) {
    switch (state) {
      case IDLE:
        return serverAccept(message);
      case CLIENT_AWAITING_M2:
        return clientProceed(message);
      case SERVER_AWAITING_M3:
        return serverFinish(message);
      case CLIENT_AWAITING_M4:
        return clientFinish(message);
      default:
        throw new IllegalStateException(state.name());
    }
  }

  private void apply(Transition t) {
    state = t.next();
    client = t.client();
    peer = t.peer();
    sessionIdRaw = t.sessionIdRaw();
    master = t.master();
    if (state == State.ESTABLISHED) {
      wireSessionId = SessionCrypto.wireSessionId(sessionIdRaw);
      outKey = SessionCrypto.messageKey(master, sessionIdRaw, client);
      inKey = SessionCrypto.messageKey(master, sessionIdRaw, !client);
      outSeq = SessionCrypto.initialSequence(master, sessionIdRaw, client);
      inSeq = SessionCrypto.initialSequence(master, sessionIdRaw, !client);
      if (masterKeyObserver != null) {
        masterKeyObserver.accept(master.clone());
      }
      // Only the two message keys are needed from here on.
      java.util.Arrays.fill(master, (byte) 0);
      master = null;
      ephemeralPrivate = null;
    }
  }

  /** Wipes a master key derived by a transition that is not going to be applied. */
  private void discard(Transition t) {
    if (t.master() != null && t.master() != master) {
      java.util.Arrays.fill(t.master(), (byte) 0);
    }
  }

  /** Looks up and checks the peer's long-term key. */
  private ECPublicKey resolvePeerKey(byte[] peerId) {
    PublicKey key = resolver.publicKeyFor(peerId.clone());
    if (key == null) {
      throw new AuthenticationFailedException("unknown peer id: the resolver has no public key for it");
    }
    if (key.type() != KeyType.EC) {
      throw new InvalidArgumentException("the resolver returned an RSA key; Secure Session needs EC keys");
    }
    return (ECPublicKey) key.toJcaKey();
  }

  /** Server, on M1: check the client's signature over its ephemeral key and answer with M2. */
  private Transition serverAccept(byte[] m1) {
    NegotiationMessage.Identity c = NegotiationMessage.parseIdentity(m1, "connect request");
    ECPublicKey clientKey = resolvePeerKey(c.id());
    SessionCrypto.verify(clientKey, c.signature(), "client's connect request", c.ephemeralContainer());
    byte[] signature = SessionCrypto.sign(signingKey, ephemeral, c.ephemeralContainer(), ownId, c.id());
    byte[] m2 = NegotiationMessage.identity(ownId, ephemeral, signature);
    Peer p = new Peer(c.id(), c.ephemeralContainer(), c.ephemeralKey(), clientKey);
    return new Transition(State.SERVER_AWAITING_M3, false, p, null, null, m2);
  }

  /** Client, on M2: check the server's signature, derive the master key, answer with M3. */
  private Transition clientProceed(byte[] m2) {
    NegotiationMessage.Identity s = NegotiationMessage.parseIdentity(m2, "server's negotiation reply");
    ECPublicKey serverKey = resolvePeerKey(s.id());
    SessionCrypto.verify(
        serverKey, s.signature(), "server's negotiation reply",
        s.ephemeralContainer(), ephemeral, s.id(), ownId);
    byte[] sid = SessionCrypto.sessionId(ephemeral, s.ephemeralContainer(), ownId, s.id());
    byte[] shared = SessionCrypto.sharedSecret(ephemeralPrivate, s.ephemeralKey());
    byte[] masterKey = SessionCrypto.masterKey(shared, sid);
    java.util.Arrays.fill(shared, (byte) 0);
    byte[] signature = SessionCrypto.sign(signingKey, ephemeral, s.ephemeralContainer(), ownId, s.id());
    byte[] mac = SessionCrypto.mac(masterKey, s.ephemeralContainer(), sid);
    byte[] m3 = NegotiationMessage.protocol(signature, mac);
    Peer p = new Peer(s.id(), s.ephemeralContainer(), s.ephemeralKey(), serverKey);
    return new Transition(State.CLIENT_AWAITING_M4, true, p, sid, masterKey, m3);
  }

  /** Server, on M3: check the client's signature and MAC, answer with M4; established. */
  private Transition serverFinish(byte[] m3) {
    byte[] payload = NegotiationMessage.payload(m3, "client's key confirmation");
    if (payload.length <= SessionCrypto.MAC_LENGTH) {
      throw new io.github.themis4j.MalformedDataException("client's key confirmation is truncated");
    }
    int sigLength = payload.length - SessionCrypto.MAC_LENGTH;
    byte[] signature = java.util.Arrays.copyOfRange(payload, 0, sigLength);
    byte[] mac = java.util.Arrays.copyOfRange(payload, sigLength, payload.length);
    SessionCrypto.verify(
        peer.signingKey(), signature, "client's key confirmation",
        peer.ephemeral(), ephemeral, peer.id(), ownId);
    byte[] sid = SessionCrypto.sessionId(peer.ephemeral(), ephemeral, peer.id(), ownId);
    byte[] shared = SessionCrypto.sharedSecret(ephemeralPrivate, peer.ephemeralKey());
    byte[] masterKey = SessionCrypto.masterKey(shared, sid);
    java.util.Arrays.fill(shared, (byte) 0);
    try {
      SessionCrypto.verifyMac(SessionCrypto.mac(masterKey, ephemeral, sid), mac, "client's key confirmation");
    } catch (RuntimeException e) {
      java.util.Arrays.fill(masterKey, (byte) 0);
      throw e;
    }
    byte[] m4 = NegotiationMessage.protocol(SessionCrypto.mac(masterKey, peer.ephemeral(), sid));
    return new Transition(State.ESTABLISHED, false, peer, sid, masterKey, m4);
  }

  /**
   * Client, on M4: check the server's MAC; established. Themis 0.15 compares only as many MAC
   * bytes as it received, so a truncated (even empty) MAC passes there; the full 32 bytes are
   * required here.
   */
  private Transition clientFinish(byte[] m4) {
    byte[] mac = NegotiationMessage.payload(m4, "server's key confirmation");
    byte[] expected = SessionCrypto.mac(master, ephemeral, sessionIdRaw);
    SessionCrypto.verifyMac(expected, mac, "server's key confirmation");
    return new Transition(State.ESTABLISHED, true, peer, sessionIdRaw, master, EMPTY);
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  private byte[] unwrapData(byte[] message) {
    if (message.length >= DataMessage.OVERHEAD && DataMessage.wireSessionId(message) != wireSessionId) {
      throw new io.github.themis4j.MalformedDataException(
          "data message belongs to another Secure Session (session id mismatch)");
    }
    DataMessage.Opened m = DataMessage.open(inKey, message);
    if (!inSequenceWindow(m.sequence(), inSeq)) {
      throw new AuthenticationFailedException(
          "data message rejected: its sequence number is more than " + SEQUENCE_WINDOW
              + " away from the last accepted one (replayed, reordered or lost messages)");
    }
    if (!inTimeWindow(m.timestamp(), clock.getAsLong())) {
      throw new AuthenticationFailedException(
          "data message rejected: its timestamp is more than 24 hours away from the local clock");
    }
    inSeq = m.sequence();
    return m.payload();
  }

  /**
   * Themis's window: at most 8 away from the last accepted sequence number. Themis compares in
   * unsigned 32-bit arithmetic, which within 8 of the 2^32 wrap-around rejects every message; the
   * modular distance used here gives the same answer everywhere else and keeps working there.
   */
  static boolean inSequenceWindow(int seq, int expected) {
    int distance = seq - expected; // modulo 2^32
    return distance >= -SEQUENCE_WINDOW && distance <= SEQUENCE_WINDOW;
  }

  /** Themis's window: the unsigned 64-bit timestamp within one day (inclusive) of now. */
  static boolean inTimeWindow(long timestamp, long now) {
    return Long.compareUnsigned(timestamp, now - TIMESTAMP_WINDOW_SECONDS) >= 0
        && Long.compareUnsigned(timestamp, now + TIMESTAMP_WINDOW_SECONDS) <= 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Test hooks (package-private): derived values and sequence counters.

  byte[] sessionIdRaw() {
    return sessionIdRaw == null ? null : sessionIdRaw.clone();
  }

  /**
   * Registers {@code observer} to receive a copy of the master key at the moment the session is
   * established (the session wipes its own copy right after deriving the message keys).
   */
  void observeMasterKey(java.util.function.Consumer<byte[]> observer) {
    masterKeyObserver = observer;
  }

  /** True while the ephemeral private key is still held (that is, before establishment). */
  boolean holdsEphemeralPrivateKey() {
    return ephemeralPrivate != null;
  }

  /** True while the master key is still held (that is, before establishment). */
  boolean holdsMasterKey() {
    return master != null;
  }

  byte[] outgoingKey() {
    return outKey == null ? null : outKey.clone();
  }

  byte[] incomingKey() {
    return inKey == null ? null : inKey.clone();
  }

  int outgoingSequence() {
    return outSeq;
  }

  int incomingSequence() {
    return inSeq;
  }

  void setSequences(int outgoing, int incoming) {
    outSeq = outgoing;
    inSeq = incoming;
  }

  byte[] ephemeralPublic() {
    return ephemeral.clone();
  }

  @Override
  public String toString() {
    return "SecureSession[" + state + (state != State.IDLE ? (client ? ", client" : ", server") : "") + "]";
  }
}
