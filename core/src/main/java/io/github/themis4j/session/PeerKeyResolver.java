package io.github.themis4j.session;

import io.github.themis4j.keys.PublicKey;

/**
 * Tells a {@link SecureSession} which long-term public key belongs to a peer id. Called during
 * negotiation with the id the peer presented; the peer must then prove possession of the matching
 * private key by signing the handshake, so this lookup is what decides whom a session trusts.
 *
 * <p>Implementations are called on the thread that drives the session; they need not be
 * thread-safe unless shared between sessions used by different threads. An exception thrown here
 * reaches the caller of {@code unwrap}/{@code receive} unchanged, and the session stays as it was.
 */
@FunctionalInterface
public interface PeerKeyResolver {
  /**
   * Returns the EC public key registered for {@code peerId}, or null if the id is unknown (the
   * session then rejects the peer with an {@link io.github.themis4j.AuthenticationFailedException}).
   *
   * @param peerId the id the peer sent, never null or empty; the array may be modified freely
   */
  PublicKey publicKeyFor(byte[] peerId);
}
