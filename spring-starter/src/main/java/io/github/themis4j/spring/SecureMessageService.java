package io.github.themis4j.spring;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.message.SecureMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secure Message between this application (its {@code themis4j.key-pair}) and its peers ({@code
 * themis4j.peers}), by peer id.
 *
 * <h2>Security guarantees</h2>
 *
 * <p>{@link #encrypt} gives a message that only the named peer (and this application) can decrypt.
 * {@link #decrypt} with <b>EC</b> keys accepts only messages encrypted between this application's
 * key pair and the named peer's (so they come from that peer, or from this application itself);
 * with <b>RSA</b> keys, as in Themis, encryption does not involve the sender's key, so anyone who
 * has this application's public key can produce a message that decrypts under any peer id. {@link
 * #sign} makes a signed, <b>not encrypted</b> message that anyone can read and only this application
 * can produce; {@link #verify} checks that a message was signed by the named peer: use it whenever
 * the origin matters. Unknown peer ids fail with {@link UnknownPeerException}. See {@link
 * SecureMessage} for formats and the absence of forward secrecy.
 *
 * <p>Arguments must not be null; messages must not be empty. Failures are {@link
 * io.github.themis4j.ThemisException}s as documented by {@link SecureMessage}. Thread-safe.
 */
public final class SecureMessageService {
  private final KeyPair keyPair;
  private final PeerPublicKeys peers;
  private final Map<String, SecureMessage> byPeer = new ConcurrentHashMap<>();

  public SecureMessageService(KeyPair keyPair, PeerPublicKeys peers) {
    if (keyPair == null || peers == null) {
      throw new InvalidArgumentException("key pair and peers must not be null");
    }
    this.keyPair = keyPair;
    this.peers = peers;
  }

  /** This application's public key, to hand to peers. */
  public PublicKey publicKey() {
    return keyPair.publicKey();
  }

  /** The configured peers. */
  public PeerPublicKeys peers() {
    return peers;
  }

  /**
   * Encrypts {@code message} for peer {@code peerId}.
   *
   * @throws UnknownPeerException if {@code peerId} has no configured public key
   */
  public byte[] encrypt(String peerId, byte[] message) {
    return channel(peerId).encrypt(message);
  }

  /**
   * Decrypts a message that peer {@code peerId} encrypted for this application (for RSA keys the
   * sender is not authenticated: see the class description).
   *
   * @throws UnknownPeerException if {@code peerId} has no configured public key
   * @throws io.github.themis4j.AuthenticationFailedException if the message was not encrypted for
   *     this application (for EC keys: by that peer), or was tampered with
   */
  public byte[] decrypt(String peerId, byte[] encrypted) {
    return channel(peerId).decrypt(encrypted);
  }

  /** Signs {@code message} with this application's private key (the result is not encrypted). */
  public byte[] sign(byte[] message) {
    return SecureMessage.sign(keyPair.privateKey(), message);
  }

  /**
   * Verifies a message signed by peer {@code peerId} and returns its content.
   *
   * @throws UnknownPeerException if {@code peerId} has no configured public key
   * @throws io.github.themis4j.AuthenticationFailedException if the signature is not that peer's
   */
  public byte[] verify(String peerId, byte[] signed) {
    return SecureMessage.verify(peers.require(peerId), signed);
  }

  private SecureMessage channel(String peerId) {
    SecureMessage m = byPeer.get(peerId == null ? "" : peerId);
    if (m == null) {
      PublicKey peer = peers.require(peerId);
      m = byPeer.computeIfAbsent(peerId, id -> new SecureMessage(keyPair.privateKey(), peer));
    }
    return m;
  }

  @Override
  public String toString() {
    return "SecureMessageService[" + keyPair.publicKey().type() + ", peers " + peers.ids() + "]";
  }
}
