package io.github.themis4j.demo.crypto;

import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.session.PeerKeyResolver;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.SocketSessionTransport;
import io.github.themis4j.session.TransportException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The partner clinic's side of a Secure Session: connects to this application's {@link
 * SessionServer} over TCP, negotiates a session with the partner's id and key (trusting only this
 * application's public key under its session id), sends messages and reads the replies. Records
 * every message on the wire so the page can show that only ciphertext travels. Thread-safe: each
 * call uses its own connection and session.
 */
@Component
public class PartnerSessionClient {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final PartnerClinic partner;
  private final SessionServer server;

  public PartnerSessionClient(PartnerClinic partner, SessionServer server) {
    this.partner = partner;
    this.server = server;
  }

  /**
   * One message on the wire.
   *
   * @param from who sent it (session id)
   * @param bytes its length (each is sent as one frame behind a 4-byte length)
   * @param hex its bytes
   */
  public record WireMessage(String from, int bytes, String hex) {}

  /**
   * One request and its reply.
   *
   * @param request what the partner sent (plaintext)
   * @param reply what the server answered (plaintext)
   * @param wire what travelled on the connection for this exchange
   */
  public record Exchange(String request, String reply, List<WireMessage> wire) {}

  /**
   * A whole session.
   *
   * @param client the partner's session id
   * @param server this application's session id
   * @param address where the server listens
   * @param handshake the negotiation messages (four for Themis 0.15)
   * @param exchanges the messages and replies
   */
  public record Transcript(
      String client,
      String server,
      String address,
      List<WireMessage> handshake,
      List<Exchange> exchanges) {}

  /** Opens a session to the server, sends each message and collects the replies. */
  public Transcript exchange(List<String> messages) {
    InetSocketAddress address = server.address();
    if (address == null) {
      throw new IllegalStateException("the Secure Session server is not running");
    }
    String serverId = server.sessionId();
    PublicKey serverKey = partner.applicationKey();
    PeerKeyResolver trustServerOnly =
        id -> serverId.equals(new String(id, StandardCharsets.UTF_8)) ? serverKey : null;
    Socket socket = new Socket();
    try {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new TransportException("cannot connect to the Secure Session server at " + address, e);
    }
    try (SocketSessionTransport tcp = new SocketSessionTransport(socket, trustServerOnly)) {
      RecordingTransport wire = new RecordingTransport(tcp);
      SecureSession session =
          new SecureSession(
              partner.id().getBytes(StandardCharsets.UTF_8), partner.keys().privateKey(), wire);
      session.connect();
      while (!session.isEstablished()) {
        session.receive(64 * 1024);
      }
      List<WireMessage> handshake = describe(wire.since(0), serverId);
      List<Exchange> exchanges = new ArrayList<>();
      for (String message : messages) {
        int mark = wire.size();
        session.send(message.getBytes(StandardCharsets.UTF_8));
        String reply = new String(session.receive(64 * 1024), StandardCharsets.UTF_8);
        exchanges.add(new Exchange(message, reply, describe(wire.since(mark), serverId)));
      }
      return new Transcript(
          partner.id(),
          serverId,
          address.getHostString() + ":" + address.getPort(),
          handshake,
          exchanges);
    }
  }

  private List<WireMessage> describe(List<RecordingTransport.Frame> frames, String serverId) {
    List<WireMessage> out = new ArrayList<>();
    for (RecordingTransport.Frame f : frames) {
      out.add(
          new WireMessage(
              f.outgoing() ? partner.id() : serverId,
              f.bytes().length,
              HexFormat.of().formatHex(f.bytes())));
    }
    return out;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
