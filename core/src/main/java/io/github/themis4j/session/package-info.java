/**
 * Secure Session: Themis 0.15's mutually authenticated, forward-secret channel between two peers.
 *
 * <p>{@link io.github.themis4j.session.SecureSession} is the endpoint; {@link
 * io.github.themis4j.session.PeerKeyResolver} maps peer ids to their public keys; {@link
 * io.github.themis4j.session.SessionTransport} lets the session move its own messages, and {@link
 * io.github.themis4j.session.SocketSessionTransport} does that over TCP. See docs/SECURE-SESSION.md
 * for a guide.
 */
package io.github.themis4j.session;
