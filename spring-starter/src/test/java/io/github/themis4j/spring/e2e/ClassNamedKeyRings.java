package io.github.themis4j.spring.e2e;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.util.Base64;

/**
 * A key ring provider named by class in {@code spring.jpa.properties.themis4j.jpa.key_ring_provider}:
 * Hibernate instantiates it, not Spring. Key ids "u1" and "u2" are its own.
 */
public class ClassNamedKeyRings implements KeyRingProvider {
  static final String PII = "I+3f8QhAtdcrKrt6C4EJ5Gxq8XLsELCOUlcYJpaMPg4=";
  static final String DEFAULT = "XTS7GiiBWTwWCRYBDzv180HsKGLGoRXWjXi5Ol1UUyg=";

  private final KeyRings rings = KeyRings.of(java.util.List.of(
      KeyRing.of("pii", "u1", SymmetricKey.fromBytes(Base64.getDecoder().decode(PII))),
      KeyRing.of("default", "u2", SymmetricKey.fromBytes(Base64.getDecoder().decode(DEFAULT)))));

  @Override
  public KeyRing keyRing(String name) {
    return rings.keyRing(name);
  }
}
