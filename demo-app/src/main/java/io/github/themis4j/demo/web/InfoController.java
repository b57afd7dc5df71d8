package io.github.themis4j.demo.web;

import io.github.themis4j.demo.DemoKeyRings;
import io.github.themis4j.demo.crypto.PartnerClinic;
import io.github.themis4j.demo.crypto.SessionServer;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.spring.PeerPublicKeys;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the page shows about the application: key ids (never keys), public keys, endpoints. */
@RestController
class InfoController {
  static final String DEMO_KEYS_WARNING =
      "This demo uses DEMO KEYS from its application.yml. They are public:"
          + " never use them, or data encrypted with them, for anything real.";

  private final DemoKeyRings keyRings;
  private final KeyPair applicationKeys;
  private final PeerPublicKeys peers;
  private final PartnerClinic partner;
  private final SessionServer sessionServer;
  private final String database;

  InfoController(
      DemoKeyRings keyRings,
      KeyPair applicationKeys,
      PeerPublicKeys peers,
      PartnerClinic partner,
      SessionServer sessionServer,
      @Value("${spring.datasource.url}") String database) {
    this.keyRings = keyRings;
    this.applicationKeys = applicationKeys;
    this.peers = peers;
    this.partner = partner;
    this.sessionServer = sessionServer;
    this.database = database;
  }

  record Info(
      String application,
      boolean demoKeys,
      String warning,
      List<DemoKeyRings.RingInfo> keyRings,
      String publicKey,
      String sessionServer,
      List<String> peers,
      String partner,
      String partnerPublicKey,
      String database) {}

  @GetMapping("/api/info")
  Info info() {
    InetSocketAddress session = sessionServer.address();
    return new Info(
        sessionServer.sessionId(),
        true,
        DEMO_KEYS_WARNING,
        keyRings.describe(),
        MessageController.base64(applicationKeys.publicKey().toByteArray()),
        session == null ? null : session.getHostString() + ":" + session.getPort(),
        List.copyOf(peers.ids()),
        partner.id(),
        MessageController.base64(partner.keys().publicKey().toByteArray()),
        database);
  }
}
