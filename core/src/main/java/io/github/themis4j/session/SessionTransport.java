package io.github.themis4j.session;

/**
 * A message transport for the transport-controlled flow of {@link SecureSession} ({@link
 * SecureSession#connect()}, {@link SecureSession#send(byte[])}, {@link SecureSession#receive()}),
 * in the spirit of Themis's {@code send_data}/{@code receive_data} callbacks. It also resolves peer
 * keys, as Themis keeps both in one callback structure.
 *
 * <p>A transport moves whole messages: each {@code send} must be delivered to the peer as exactly
 * one {@code receive}, in order. Themis itself has no framing; a stream transport has to add its
 * own (see {@link SocketSessionTransport}). Implementations should report failures as {@link
 * TransportException}; the session passes them on unchanged.
 */
public interface SessionTransport extends PeerKeyResolver {
  /**
   * Sends one complete message to the peer.
   *
   * @param data a Secure Session message (negotiation or data), never null or empty
   * @throws TransportException if the message could not be sent
   */
  void send(byte[] data);

  /**
   * Blocks until one complete message from the peer has arrived and returns it.
   *
   * @param maxLength the largest message the caller accepts; a transport must not return more
   *     (reject such a message with {@link io.github.themis4j.MalformedDataException} rather than
   *     buffering it)
   * @return the message, never null or empty
   * @throws TransportException if nothing could be received (closed connection, timeout, I/O error)
   */
  byte[] receive(int maxLength);
}
