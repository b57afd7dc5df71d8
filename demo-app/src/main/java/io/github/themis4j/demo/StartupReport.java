package io.github.themis4j.demo;

import io.github.themis4j.demo.crypto.SessionServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs where the demo runs, where its data lives and that its keys are demo keys. */
@Component
class StartupReport {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final Environment environment;
  private final DemoProperties properties;
  private final DemoKeyRings keyRings;
  private final SessionServer sessionServer;

  StartupReport(
      Environment environment,
      DemoProperties properties,
      DemoKeyRings keyRings,
      SessionServer sessionServer) {
    this.environment = environment;
    this.properties = properties;
    this.keyRings = keyRings;
    this.sessionServer = sessionServer;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    InetSocketAddress session = sessionServer.address();
    StringBuilder rings = new StringBuilder();
    for (DemoKeyRings.RingInfo r : keyRings.describe()) {
      rings
          .append("\n    key ring '")
          .append(r.name())
          .append("': keys ")
          .append(r.keyIds())
          .append(", active '")
          .append(r.activeKeyId())
          .append('\'');
    }
    log.info(
        """

        ==============================================================================
          themis4j demo is running:  http://localhost:{}/
          H2 database file:          {}
          Secure Session server:     {}:{} (session id '{}')
          Key rings:{}
          WARNING: these are DEMO KEYS from application.yml. They are public: never
          use them, or data encrypted with them, for anything real.
        ==============================================================================\
        """,
        port,
        Path.of(properties.dataDir(), "themis4j-demo.mv.db").toAbsolutePath().normalize(),
        session == null ? "-" : session.getHostString(),
        session == null ? "-" : session.getPort(),
        sessionServer.sessionId(),
        rings);
  }
}
