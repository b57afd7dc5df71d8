package io.github.themis4j.spring.autoconfigure;

import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.UnwrapResult;
import io.github.themis4j.spring.PeerPublicKeys;
import io.github.themis4j.spring.SecureMessageService;
import io.github.themis4j.spring.SecureSessionFactory;
import io.github.themis4j.spring.UnknownPeerException;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Secure Message and Secure Session beans: wiring, back-off, live runs with wasm-themis. */
class ThemisMessagingAutoConfigurationTests {
  private static final Random RANDOM = new Random(7);
  private static final byte[] ORDERS = "orders".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BILLING = "billing".getBytes(StandardCharsets.UTF_8);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class, ThemisMessagingAutoConfiguration.class));

  private static String[] keyPairProperties(byte[] priv, byte[] pub) {
    return new String[] {
      "themis4j.key-pair.private-key.value=" + b64(priv), "themis4j.key-pair.public-key.value=" + b64(pub)
    };
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void noKeyPairMeansNoMessagingBeans() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SecureSessionFactory.class)
        .doesNotHaveBean(SecureMessageService.class));
  }

  @Test
  void secureMessagesWithWasmThemisPeersInBothDirections() {
    WasmThemis wasm = WasmThemis.get();
    for (String kind : new String[] {"keygen.ec", "keygen.rsa"}) {
      // EC keys from wasm-themis; RSA keys from themis4j (wasm-themis RSA key generation is slow),
      // which wasm-themis then uses: keys of either origin are exercised.
      byte[][] ours = keys(wasm, kind);
      byte[][] billing = keys(wasm, kind);
      byte[][] ledger = keys(wasm, kind);
      runner
          .withPropertyValues(keyPairProperties(ours[0], ours[1]))
          .withPropertyValues("themis4j.peers.billing=" + b64(billing[1]),
              "themis4j.peers[ledger.example.com]=" + b64(ledger[1]))
          .run(
              context -> {
                SecureMessageService service = context.getBean(SecureMessageService.class);
                assertThat(service.publicKey().toByteArray()).isEqualTo(ours[1]);
                for (int i = 0; i < 5; i++) {
                  byte[] msg = random(1 + RANDOM.nextInt(2000));
                  // ours -> theirs
                  assertThat(wasm.call1("msg.decrypt", billing[0], ours[1], service.encrypt("billing", msg)))
                      .isEqualTo(msg);
                  assertThat(wasm.call1("msg.verify", ours[1], service.sign(msg))).isEqualTo(msg);
                  // theirs -> ours
                  assertThat(service.decrypt("billing", wasm.call1("msg.encrypt", billing[0], ours[1], msg)))
                      .isEqualTo(msg);
                  assertThat(service.verify("ledger.example.com", wasm.call1("msg.sign", ledger[0], msg)))
                      .isEqualTo(msg);
                }
                byte[] fromBilling = wasm.call1("msg.encrypt", billing[0], ours[1], random(10));
                if (kind.equals("keygen.ec")) {
                  // EC: the message is bound to the (sender, recipient) key pair.
                  assertThatThrownBy(() -> service.decrypt("ledger.example.com", fromBilling))
                      .isInstanceOf(AuthenticationFailedException.class);
                } else {
                  // RSA (as in Themis): encryption does not involve the sender's key, so any peer
                  // id decrypts it; the service's javadoc says to sign for origin.
                  assertThat(service.decrypt("ledger.example.com", fromBilling)).hasSize(10);
                }
                byte[] signedByBilling = wasm.call1("msg.sign", billing[0], random(10));
                assertThatThrownBy(() -> service.verify("ledger.example.com", signedByBilling))
                    .isInstanceOf(AuthenticationFailedException.class);
                assertThatThrownBy(() -> service.encrypt("mallory", random(10)))
                    .isInstanceOf(UnknownPeerException.class).hasMessageContaining("mallory");
                assertThatThrownBy(() -> service.encrypt(null, random(10))).isInstanceOf(UnknownPeerException.class);
              });
    }
  }

  private static byte[][] keys(WasmThemis wasm, String kind) {
    if (kind.equals("keygen.ec")) {
      return wasm.call(kind);
    }
    KeyPair pair = KeyPair.generate(KeyType.RSA);
    return new byte[][] {pair.privateKey().toByteArray(), pair.publicKey().toByteArray()};
  }

  @Test
  void secureMessageServiceIsThreadSafe() throws Exception {
    KeyPair own = KeyPair.generate(KeyType.EC);
    KeyPair a = KeyPair.generate(KeyType.EC);
    KeyPair b = KeyPair.generate(KeyType.EC);
    SecureMessageService service = new SecureMessageService(own,
        PeerPublicKeys.of(java.util.Map.of("a", a.publicKey(), "b", b.publicKey())));
    SecureMessageService peerA = new SecureMessageService(a, PeerPublicKeys.of(java.util.Map.of("own", own.publicKey())));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int seed = t;
        futures.add(pool.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 100; i++) {
            byte[] msg = new byte[1 + r.nextInt(100)];
            r.nextBytes(msg);
            String peer = r.nextBoolean() ? "a" : "b";
            byte[] ct = service.encrypt(peer, msg);
            if (peer.equals("a")) {
              assertThat(peerA.decrypt("own", ct)).isEqualTo(msg);
            }
            assertThat(service.decrypt(peer, ct)).isEqualTo(msg); // the sender can read its own message
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void backsOffForTheApplicationsOwnMessageService() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    SecureMessageService own = new SecureMessageService(pair, PeerPublicKeys.empty());
    runner
        .withPropertyValues(keyPairProperties(pair.privateKey().toByteArray(), pair.publicKey().toByteArray()))
        .withBean(SecureMessageService.class, () -> own)
        .run(context -> assertThat(context.getBean(SecureMessageService.class)).isSameAs(own));
  }

  @Test
  void sessionWithAWasmThemisPeerInBothRoles() {
    WasmThemis wasm = WasmThemis.get();
    byte[][] ours = wasm.call("keygen.ec"); // keys made by Themis itself, configured as base64
    byte[][] theirs = wasm.call("keygen.ec");
    runner
        .withPropertyValues(keyPairProperties(ours[0], ours[1]))
        .withPropertyValues("themis4j.session.id=orders", "themis4j.peers.billing=" + b64(theirs[1]))
        .run(
            context -> {
              SecureSessionFactory factory = context.getBean(SecureSessionFactory.class);
              assertThat(factory.id()).isEqualTo("orders");

              // themis4j client (from the factory), wasm-themis server.
              try (WasmThemis.Handle server = wasm.create("session.new", BILLING, theirs[0], ORDERS, ours[1])) {
                SecureSession client = factory.newSession();
                byte[] m2 = server.call1("session.negotiate", client.connectRequest());
                UnwrapResult r3 = client.unwrap(m2);
                byte[] m4 = server.call1("session.negotiate", r3.data());
                assertThat(client.unwrap(m4).isControl()).isFalse();
                assertThat(client.isEstablished()).isTrue();
                assertThat(client.peerId()).isEqualTo(BILLING);
                for (int i = 0; i < 20; i++) {
                  byte[] msg = random(1 + RANDOM.nextInt(300));
                  assertThat(server.call1("session.unwrap", client.wrap(msg))).isEqualTo(msg);
                  byte[] reply = random(1 + RANDOM.nextInt(300));
                  assertThat(client.unwrap(server.call1("session.wrap", reply)).data()).isEqualTo(reply);
                }
              }

              // wasm-themis client, themis4j server (from the factory).
              try (WasmThemis.Handle client = wasm.create("session.new", BILLING, theirs[0], ORDERS, ours[1])) {
                SecureSession server = factory.newSession();
                UnwrapResult r2 = server.unwrap(client.call1("session.connect"));
                UnwrapResult r4 = server.unwrap(client.call1("session.negotiate", r2.data()));
                assertThat(client.call1("session.negotiate", r4.data())).isEmpty();
                assertThat(server.isEstablished()).isTrue();
                byte[] msg = random(100);
                assertThat(server.unwrap(client.call1("session.wrap", msg)).data()).isEqualTo(msg);
                assertThat(client.call1("session.unwrap", server.wrap(msg))).isEqualTo(msg);
              }
            });
  }

  @Test
  void peersThatAreNotConfiguredAreRejected() {
    WasmThemis wasm = WasmThemis.get();
    byte[][] ours = wasm.call("keygen.ec");
    byte[][] stranger = wasm.call("keygen.ec");
    byte[][] billing = wasm.call("keygen.ec");
    runner
        .withPropertyValues(keyPairProperties(ours[0], ours[1]))
        .withPropertyValues("themis4j.session.id=orders", "themis4j.peers.billing=" + b64(billing[1]))
        .run(
            context -> {
              SecureSessionFactory factory = context.getBean(SecureSessionFactory.class);
              // An unknown id, and a known id with the wrong key: both refused by our server.
              try (WasmThemis.Handle unknown = wasm.create("session.new",
                      "mallory".getBytes(StandardCharsets.UTF_8), stranger[0], ORDERS, ours[1]);
                  WasmThemis.Handle impostor = wasm.create("session.new", BILLING, stranger[0], ORDERS, ours[1])) {
                byte[] m1 = unknown.call1("session.connect");
                assertThatThrownBy(() -> factory.newSession().unwrap(m1)).isInstanceOf(AuthenticationFailedException.class);
                byte[] m1b = impostor.call1("session.connect");
                assertThatThrownBy(() -> factory.newSession().unwrap(m1b)).isInstanceOf(AuthenticationFailedException.class);
              }
              assertThat(factory.peerKeyResolver().publicKeyFor("billing".getBytes(StandardCharsets.UTF_8))
                  .toByteArray()).isEqualTo(billing[1]);
              assertThat(factory.peerKeyResolver().publicKeyFor("nobody".getBytes(StandardCharsets.UTF_8))).isNull();
            });
  }

  @Test
  void sessionIdDefaultsToTheApplicationNameAndIsRequired() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    String[] keys = keyPairProperties(pair.privateKey().toByteArray(), pair.publicKey().toByteArray());
    runner.withPropertyValues(keys).withPropertyValues("spring.application.name=shop")
        .run(context -> assertThat(context.getBean(SecureSessionFactory.class).id()).isEqualTo("shop"));
    runner.withPropertyValues(keys).run(
        context -> {
          SecureSessionFactory factory = context.getBean(SecureSessionFactory.class);
          assertThat(factory.id()).isNull();
          assertThatThrownBy(factory::newSession).isInstanceOf(InvalidArgumentException.class)
              .hasMessageContaining("themis4j.session.id");
        });
  }

  @Test
  void backsOffForTheApplicationsOwnFactory() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    SecureSessionFactory own = new SecureSessionFactory("mine", pair.privateKey(), PeerPublicKeys.empty());
    runner
        .withPropertyValues(keyPairProperties(pair.privateKey().toByteArray(), pair.publicKey().toByteArray()))
        .withBean(SecureSessionFactory.class, () -> own)
        .run(context -> assertThat(context.getBean(SecureSessionFactory.class)).isSameAs(own));
  }

  @Test
  void usesTheApplicationsOwnKeyPairBean() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    runner.withBean(KeyPair.class, () -> pair).withPropertyValues("themis4j.session.id=x").run(
        context -> {
          SecureSession session = context.getBean(SecureSessionFactory.class).newSession();
          assertThat(session.connectRequest()).isNotEmpty();
        });
  }

  @Test
  void rsaKeyPairCannotMakeSessions() {
    KeyPair rsa = KeyPair.generate(KeyType.RSA);
    runner.withBean(KeyPair.class, () -> rsa).withPropertyValues("themis4j.session.id=x").run(
        context -> assertThatThrownBy(() -> context.getBean(SecureSessionFactory.class).newSession())
            .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("RSA"));
  }

}
