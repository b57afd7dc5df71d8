package io.github.themis4j.session;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.keys.PublicKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A {@link SessionTransport} over a TCP socket, so that two processes can run a {@link
 * SecureSession} over a network connection.
 *
 * <h2>Framing</h2>
 *
 * <p>Themis defines no framing of its own; this transport sends every Secure Session message as
 * one frame:
 *
 * <pre>
 * BE32 length (1 .. maxFrameLength) | length bytes of the message
 * </pre>
 *
 * <p>Both ends must use this class (or the same framing). The frame length is checked against the
 * configured maximum before anything is allocated; a frame that is empty or too long throws {@link
 * MalformedDataException} and closes the connection, because the stream cannot be resynchronised.
 * The frame layer adds no protection: confidentiality and integrity come from the session.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * // server
 * try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
 *     SocketSessionTransport t = SocketSessionTransport.accept(server, keys::get)) {
 *   SecureSession session = new SecureSession(serverId, serverKey, t);
 *   while (!session.isEstablished()) {
 *     session.receive();
 *   }
 *   byte[] request = session.receive();
 *   session.send(response);
 * }
 * // client
 * try (SocketSessionTransport t = SocketSessionTransport.connect(address, keys::get)) {
 *   SecureSession session = new SecureSession(clientId, clientKey, t);
 *   session.connect();
 *   while (!session.isEstablished()) {
 *     session.receive();
 *   }
 *   session.send(request);
 *   byte[] response = session.receive();
 * }
 * }</pre>
 *
 * <p>Reads block; set a read timeout on the socket ({@link Socket#setSoTimeout(int)}) to bound
 * them. I/O failures, timeouts and a connection closed by the peer are reported as {@link
 * TransportException}.
 *
 * <p>Not thread-safe, like the session that uses it: one thread at a time.
 */
public final class SocketSessionTransport implements SessionTransport, Closeable {
  /** Default largest frame accepted: a 16 MiB message plus Secure Session overhead. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = SecureSession.DEFAULT_MAX_MESSAGE_LENGTH + 1024;

  private final Socket socket;
  private final PeerKeyResolver resolver;
  private final int maxFrameLength;
  private final InputStream in;
  private final OutputStream out;

  /**
   * Wraps a connected socket. Closing this transport closes the socket.
   *
   * @param resolver looks up peers' public keys for the session
   * @throws InvalidArgumentException if an argument is null or the socket is not connected
   * @throws TransportException if the socket's streams cannot be opened
   */
  public SocketSessionTransport(Socket socket, PeerKeyResolver resolver) {
    this(socket, resolver, DEFAULT_MAX_FRAME_LENGTH);
  }

  /**
   * As {@link #SocketSessionTransport(Socket, PeerKeyResolver)}, accepting frames of at most
   * {@code maxFrameLength} bytes.
   */
  public SocketSessionTransport(Socket socket, PeerKeyResolver resolver, int maxFrameLength) {
    if (socket == null || resolver == null) {
      throw new InvalidArgumentException("socket and resolver must not be null");
    }
    if (!socket.isConnected()) {
      throw new InvalidArgumentException("socket is not connected");
    }
    if (maxFrameLength < 1) {
      throw new InvalidArgumentException("maximum frame length must be positive");
    }
    this.socket = socket;
    this.resolver = resolver;
    this.maxFrameLength = maxFrameLength;
    try {
      socket.setTcpNoDelay(true); // one small frame per negotiation step: do not wait for Nagle
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = new BufferedOutputStream(socket.getOutputStream());
    } catch (IOException e) {
      throw new TransportException("cannot open the socket's streams", e);
    }
  }

  /**
   * Connects to a Secure Session server.
   *
   * @throws TransportException if the connection fails
   */
  public static SocketSessionTransport connect(SocketAddress address, PeerKeyResolver resolver) {
    if (address == null) {
      throw new InvalidArgumentException("address must not be null");
    }
    Socket s = new Socket();
    try {
      s.connect(address);
    } catch (IOException e) {
      closeQuietly(s);
      throw new TransportException("cannot connect to " + describe(address), e);
    }
    return new SocketSessionTransport(s, resolver);
  }

  /** Connects to {@code host:port}; see {@link #connect(SocketAddress, PeerKeyResolver)}. */
  public static SocketSessionTransport connect(String host, int port, PeerKeyResolver resolver) {
    return connect(new InetSocketAddress(host, port), resolver);
  }

  /**
   * Waits for one client on {@code server} and wraps the accepted connection.
   *
   * @throws TransportException if accepting fails
   */
  public static SocketSessionTransport accept(ServerSocket server, PeerKeyResolver resolver) {
    if (server == null) {
      throw new InvalidArgumentException("server socket must not be null");
    }
    try {
      return new SocketSessionTransport(server.accept(), resolver);
    } catch (IOException e) {
      throw new TransportException("cannot accept a connection", e);
    }
  }

  @Override
  public PublicKey publicKeyFor(byte[] peerId) {
    return resolver.publicKeyFor(peerId);
  }

  /**
   * Sends {@code data} as one frame.
   *
   * @throws InvalidArgumentException if {@code data} is null or empty
   * @throws TransportException on an I/O failure
   */
  @Override
  public void send(byte[] data) {
    Bytes.requireNonEmpty(data, "data");
    byte[] header = new byte[4];
    Bytes.writeBe32(header, 0, data.length);
    try {
      out.write(header);
      out.write(data);
      out.flush();
    } catch (IOException e) {
      throw new TransportException("cannot send a frame", e);
    }
  }

  /**
   * Reads one frame.
   *
   * @throws MalformedDataException if the frame is empty or longer than {@code maxLength} or the
   *     configured maximum (the connection is then closed)
   * @throws TransportException on an I/O failure, a timeout or a connection closed by the peer
   */
  @Override
  public byte[] receive(int maxLength) {
    try {
      byte[] header = new byte[4];
      readFully(header);
      long length = Bytes.readBe32Unsigned(header, 0);
      long limit = Math.min(maxLength, maxFrameLength);
      if (length == 0 || length > limit) {
        close();
        throw new MalformedDataException(
            "frame length " + length + " is outside 1.." + limit + "; connection closed");
      }
      byte[] data = new byte[(int) length];
      readFully(data);
      return data;
    } catch (IOException e) {
      throw new TransportException("cannot receive a frame", e);
    }
  }

  private void readFully(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int n = in.read(b, off, b.length - off);
      if (n < 0) {
        throw new EOFException("connection closed by the peer");
      }
      off += n;
    }
  }

  /** True until this transport (or its socket) is closed. */
  public boolean isOpen() {
    return !socket.isClosed();
  }

  /** Closes the socket. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do: the socket is unusable either way
    }
  }

  private static String describe(SocketAddress address) {
    return address instanceof InetSocketAddress
        ? ((InetSocketAddress) address).getHostString() + ":" + ((InetSocketAddress) address).getPort()
        : address.toString();
  }

  @Override
  public String toString() {
    return "SocketSessionTransport[" + socket.getRemoteSocketAddress() + "]";
  }
}
