package io.github.themis4j.spring;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.session.PeerKeyResolver;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.SessionTransport;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Creates Secure Sessions for this application: its session id ({@code themis4j.session.id}, else
 * {@code spring.application.name}), its private key ({@code themis4j.key-pair}, which must be EC),
 * and a {@link PeerKeyResolver} that trusts exactly the peers configured under {@code
 * themis4j.peers} (peer ids are matched as UTF-8).
 *
 * <p>The factory is thread-safe; each {@link SecureSession} it returns is not (see there).
 */
public final class SecureSessionFactory {
  private final @Nullable String id;
  private final PrivateKey privateKey;
  private final PeerPublicKeys peers;
  private final PeerKeyResolver resolver;

  /**
   * @param id this application's session id, or null if none is configured (then {@link
   *     #newSession()} fails with a message naming the property)
   */
  public SecureSessionFactory(@Nullable String id, PrivateKey privateKey, PeerPublicKeys peers) {
    if (privateKey == null || peers == null) {
      throw new InvalidArgumentException("private key and peers must not be null");
    }
    this.id = id == null || id.isEmpty() ? null : id;
    this.privateKey = privateKey;
    this.peers = peers;
    this.resolver = peerId -> peers.find(new String(peerId, StandardCharsets.UTF_8)).orElse(null);
  }

  /** Resolves peer ids (UTF-8) to the configured peers' public keys; null for unknown peers. */
  public PeerKeyResolver peerKeyResolver() {
    return resolver;
  }

  /**
   * A new session where the caller moves the bytes ({@link SecureSession#connectRequest()}, {@link
   * SecureSession#unwrap}, {@link SecureSession#wrap}).
   *
   * @throws InvalidArgumentException if no session id is configured, or this application's key
   *     pair is RSA (Secure Session needs EC keys)
   */
  public SecureSession newSession() {
    return new SecureSession(idBytes(), privateKey, resolver);
  }

  /**
   * A new session that moves its messages through {@code transport} ({@link SecureSession#connect()},
   * {@link SecureSession#send}, {@link SecureSession#receive()}). Peer keys are resolved by the
   * transport: create it with {@link #peerKeyResolver()}, for example {@code
   * SocketSessionTransport.connect(host, port, factory.peerKeyResolver())}.
   */
  public SecureSession newSession(SessionTransport transport) {
    if (transport == null) {
      throw new InvalidArgumentException("transport must not be null");
    }
    return new SecureSession(idBytes(), privateKey, transport);
  }

  /** This application's session id, if configured. */
  public @Nullable String id() {
    return id;
  }

  /** The public key of peer {@code peerId}, as the sessions will trust it. */
  public PublicKey peerPublicKey(String peerId) {
    return peers.require(peerId);
  }

  private byte[] idBytes() {
    if (id == null) {
      throw new InvalidArgumentException(
          "no Secure Session id is configured: set themis4j.session.id (or spring.application.name)");
    }
    return id.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecureSessionFactory[id=" + id + ", peers " + peers.ids() + "]";
  }
}
