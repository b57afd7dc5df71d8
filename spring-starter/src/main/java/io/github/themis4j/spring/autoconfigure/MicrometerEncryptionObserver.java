package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records the JPA integration's work as Micrometer meters:
 *
 * <ul>
 *   <li>{@value #ENCRYPT} and {@value #DECRYPT}: timers (count and duration) per {@code entity},
 *       {@code attribute}, {@code key.ring} and {@code key.id} (the latter shows how much data is
 *       still read with an old key during a rotation);
 *   <li>{@value #FAILURES}: a counter per {@code entity}, {@code attribute} and {@code reason}
 *       ({@code unknown-key}, {@code authentication}, {@code malformed}, {@code encode}).
 * </ul>
 *
 * <p>Tags hold names and key ids only, never data or key material. Thread-safe.
 */
public final class MicrometerEncryptionObserver implements EncryptionObserver {
  /** Timer of attribute encryptions. */
  public static final String ENCRYPT = "themis4j.jpa.encrypt";
  /** Timer of attribute decryptions. */
  public static final String DECRYPT = "themis4j.jpa.decrypt";
  /** Counter of failed encryptions and decryptions. */
  public static final String FAILURES = "themis4j.jpa.failures";

  private final MeterRegistry registry;

  public MicrometerEncryptionObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEncrypt(String entity, String attribute, String keyRing, String keyId, long nanos) {
    timer(ENCRYPT, "Encryptions of @Encrypted attribute values", entity, attribute, keyRing, keyId)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onDecrypt(String entity, String attribute, String keyRing, String keyId, long nanos) {
    timer(DECRYPT, "Decryptions of @Encrypted attribute values", entity, attribute, keyRing, keyId)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onFailure(String entity, String attribute, String reason, Throwable error) {
    Counter.builder(FAILURES)
        .description("Failed encryptions and decryptions of @Encrypted attribute values")
        .tag("entity", entity)
        .tag("attribute", attribute)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Timer timer(String name, String description, String entity, String attribute, String keyRing,
      String keyId) {
    return Timer.builder(name)
        .description(description)
        .tag("entity", entity)
        .tag("attribute", attribute)
        .tag("key.ring", keyRing)
        .tag("key.id", keyId == null ? "none" : keyId)
        .register(registry);
  }
}
