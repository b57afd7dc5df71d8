package io.github.themis4j.demo.crypto;

import io.github.themis4j.ThemisException;
import io.github.themis4j.demo.DemoProperties;
import io.github.themis4j.demo.NotFoundException;
import io.github.themis4j.demo.patient.PatientService;
import io.github.themis4j.demo.patient.PatientView;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.SocketSessionTransport;
import io.github.themis4j.session.TransportException;
import io.github.themis4j.spring.SecureSessionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This application's Secure Session server: TCP on the loopback interface ({@code
 * demo.session.port}, 0 for any free port), one Secure Session per connection, with this
 * application's session id and private key, trusting exactly the configured peers ({@code
 * themis4j.peers}).
 *
 * <p>Once a session is established it answers each message: {@code PING} with {@code PONG}, {@code
 * COUNT} with the number of patients, {@code GET <id>} with that patient's name and city (decrypted
 * from the database and sent only inside the session), and anything else with what it received.
 * Connections idle for 30 seconds are closed.
 *
 * <p>Thread-safe: each connection is served on a pool thread with its own session.
 */
@Component
public class SessionServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SessionServer.class);
  private static final int IDLE_TIMEOUT_MILLIS = 30_000;

  private final SecureSessionFactory sessions;
  private final PatientService patients;
  private final int configuredPort;
  private volatile ServerSocket listener;
  private volatile ThreadPoolExecutor workers;

  public SessionServer(
      SecureSessionFactory sessions, PatientService patients, DemoProperties properties) {
    this.sessions = sessions;
    this.patients = patients;
    this.configuredPort = properties.session() == null ? 0 : properties.session().port();
  }

  /** The address the server listens on, or null when stopped. */
  public InetSocketAddress address() {
    ServerSocket s = listener;
    return s == null ? null : (InetSocketAddress) s.getLocalSocketAddress();
  }

  /** This application's Secure Session id. */
  public String sessionId() {
    return sessions.id();
  }

  @Override
  public synchronized void start() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), configuredPort), 16);
      listener = s;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for Secure Sessions on port "
              + configuredPort
              + " (set demo.session.port to a free port, or 0)",
          e);
    }
    workers =
        new ThreadPoolExecutor(
            4,
            4,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16),
            r -> {
              Thread t = new Thread(r, "secure-session-worker");
              t.setDaemon(true);
              return t;
            });
    Thread acceptor = new Thread(this::acceptLoop, "secure-session-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override
  public synchronized void stop() {
    ServerSocket s = listener;
    listener = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("Closing the Secure Session listener failed", e);
      }
    }
    if (workers != null) {
      workers.shutdownNow();
      workers = null;
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null;
  }

  private void acceptLoop() {
    ServerSocket s = listener;
    while (s != null && !s.isClosed()) {
      Socket socket;
      try {
        socket = s.accept();
      } catch (IOException e) {
        if (!s.isClosed()) {
          log.warn("Accepting a Secure Session connection failed: {}", e.toString());
        }
        continue;
      }
      ThreadPoolExecutor pool = workers;
      try {
        if (pool == null) {
          closeQuietly(socket);
          return;
        }
        pool.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket); // busy: the client sees the connection closed
      }
    }
  }

  private void serve(Socket socket) {
    String remote = socket.getRemoteSocketAddress().toString();
    try (socket;
        SocketSessionTransport transport =
            new SocketSessionTransport(socket, sessions.peerKeyResolver())) {
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      SecureSession session = sessions.newSession(transport);
      while (!session.isEstablished()) {
        session.receive(64 * 1024);
      }
      String peer = new String(session.peerId(), StandardCharsets.UTF_8);
      log.info("Secure Session with '{}' established ({})", peer, remote);
      while (true) {
        byte[] request;
        try {
          request = session.receive(64 * 1024);
        } catch (TransportException e) {
          break; // the client closed the connection, or stayed idle too long
        }
        session.send(
            answer(new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      }
      log.info("Secure Session with '{}' closed", peer);
    } catch (ThemisException e) {
      log.warn("Secure Session from {} failed: {}", remote, e.getMessage());
    } catch (IOException | RuntimeException e) {
      log.warn("Secure Session connection from {} failed", remote, e);
    }
  }

  /** The server's reply to one decrypted request. */
  String answer(String request) {
    String r = request.strip();
    String upper = r.toUpperCase(Locale.ROOT);
    if (upper.equals("PING")) {
      return "PONG";
    }
    if (upper.equals("COUNT")) {
      return patients.count() + " patients";
    }
    if (upper.startsWith("GET ")) {
      String arg = r.substring(4).strip();
      try {
        PatientView p = patients.get(Long.parseLong(arg));
        return "patient " + p.id() + ": " + p.value("fullName") + ", " + p.city();
      } catch (NumberFormatException e) {
        return "GET needs a numeric id";
      } catch (NotFoundException e) {
        return "no patient " + arg;
      }
    }
    return "received " + request.getBytes(StandardCharsets.UTF_8).length + " bytes: " + request;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  @Override
  public String toString() {
    return "SessionServer[" + address() + "]";
  }
}
