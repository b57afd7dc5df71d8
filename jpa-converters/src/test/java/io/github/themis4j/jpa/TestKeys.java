package io.github.themis4j.jpa;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** Fixed test keys (seeded, so failures reproduce) and a provider whose rings can be swapped. */
final class TestKeys {
  static final byte[] K1 = bytes(1);
  static final byte[] K2 = bytes(2);
  static final byte[] PII = bytes(3);

  private TestKeys() {}

  static byte[] bytes(int seed) {
    byte[] b = new byte[32];
    new Random(7_000 + seed).nextBytes(b);
    return b;
  }

  /** Ring "default" with k1 (active) and k2; ring "pii" with p1. */
  static KeyRings standard() {
    return KeyRings.of(
        KeyRing.builder("default")
            .add("k1", SymmetricKey.fromBytes(K1))
            .add("k2", SymmetricKey.fromBytes(K2))
            .active("k1")
            .build(),
        KeyRing.of("pii", "p1", SymmetricKey.fromBytes(PII)));
  }

  /** A provider delegating to rings that tests can replace at any time. */
  static final class Swappable implements KeyRingProvider {
    private final AtomicReference<KeyRingProvider> current;

    Swappable(KeyRingProvider initial) {
      current = new AtomicReference<>(initial);
    }

    void set(KeyRingProvider next) {
      current.set(next);
    }

    @Override
    public KeyRing keyRing(String name) {
      return current.get().keyRing(name);
    }
  }

  /**
   * {@link #standard()} as a class with a public no-argument constructor, for settings given by
   * class name.
   */
  public static final class StandardProvider implements KeyRingProvider {
    private final KeyRings rings = standard();

    public StandardProvider() {}

    @Override
    public KeyRing keyRing(String name) {
      return rings.keyRing(name);
    }
  }
}
