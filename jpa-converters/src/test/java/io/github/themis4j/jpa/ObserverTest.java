package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link EncryptionObserver} sees every encryption, decryption and failure, never a value. */
class ObserverTest {
  private static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
  private static volatile boolean explode;
  private static JpaFixture jpa;

  /** Records events; optionally throws, which must not disturb the session. */
  static final class Recorder implements EncryptionObserver {
    @Override
    public void onEncrypt(
        String entity, String attribute, String keyRing, String keyId, long nanos) {
      assertThat(nanos).isPositive();
      EVENTS.add("encrypt " + entity + "." + attribute + " " + keyRing + "/" + keyId);
      maybeExplode();
    }

    @Override
    public void onDecrypt(
        String entity, String attribute, String keyRing, String keyId, long nanos) {
      EVENTS.add("decrypt " + entity + "." + attribute + " " + keyRing + "/" + keyId);
      maybeExplode();
    }

    @Override
    public void onFailure(String entity, String attribute, String reason, Throwable error) {
      EVENTS.add(
          "failure "
              + entity
              + "."
              + attribute
              + " "
              + reason
              + " "
              + error.getClass().getSimpleName());
      maybeExplode();
    }

    private static void maybeExplode() {
      if (explode) {
        throw new IllegalStateException("observer failure");
      }
    }
  }

  @BeforeAll
  static void start() {
    jpa =
        JpaFixture.builder(Note.class, Customer.class)
            .keys(TestKeys.standard())
            .set(ThemisJpaSettings.OBSERVER, new Recorder())
            .build();
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  @BeforeEach
  void clear() {
    EVENTS.clear();
    explode = false;
  }

  private static List<String> events(String prefix) {
    List<String> out = new ArrayList<>();
    synchronized (EVENTS) {
      for (String e : EVENTS) {
        if (e.startsWith(prefix)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  @Test
  void everyValueIsReported() {
    Customer c = new Customer("observed", "observed-secret");
    c.ssnText = null;
    jpa.inTransaction(s -> s.persist(c));
    assertThat(events("encrypt"))
        .containsExactlyInAnyOrder(
            "encrypt Customer.email default/k1",
            "encrypt Customer.emailText default/k1",
            "encrypt Customer.ssn default/k1",
            "encrypt Customer.nickName default/k1",
            "encrypt Customer.nickNameText default/k1",
            "encrypt Customer.summary pii/p1");
    EVENTS.clear();
    jpa.inTransaction(s -> s.find(Customer.class, c.id));
    assertThat(events("decrypt")).hasSize(6).contains("decrypt Customer.summary pii/p1");
    assertThat(events("encrypt")).isEmpty();
    synchronized (EVENTS) {
      assertThat(EVENTS.toString()).doesNotContain("observed-secret");
    }
  }

  @Test
  void failuresAreReportedWithAStableReason() {
    Customer c = new Customer("failing", "failing-secret");
    jpa.inTransaction(s -> s.persist(c));
    Object fromOtherRow = jpa.query("select email from jpa_customer where id = ?", c.id).get(0)[0];
    Customer d = new Customer("victim", "victim-secret");
    jpa.inTransaction(s -> s.persist(d));
    jpa.update("update jpa_customer set email = ? where id = ?", fromOtherRow, d.id);
    EVENTS.clear();
    Failures.attributeFailure(() -> jpa.fromTransaction(s -> s.find(Customer.class, d.id)));
    assertThat(events("failure"))
        .containsExactly("failure Customer.email authentication AuthenticationFailedException");
  }

  @Test
  void aThrowingObserverDoesNotBreakTheSession() {
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(
            io.github.themis4j.jpa.hibernate.EncryptionEventListener.class.getName());
    java.util.logging.Level level = log.getLevel();
    log.setLevel(
        java.util.logging.Level.OFF); // the expected warning would only clutter the test output
    try {
      throwingObserver();
    } finally {
      log.setLevel(level);
    }
  }

  private void throwingObserver() {
    explode = true;
    Customer c = new Customer("exploding", "still-works");
    jpa.inTransaction(s -> s.persist(c));
    assertThat(jpa.fromTransaction(s -> s.find(Customer.class, c.id)).email)
        .isEqualTo("still-works");
    assertThat(events("encrypt")).isNotEmpty();
  }
}
