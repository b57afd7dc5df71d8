package io.github.themis4j.spring;

import io.github.themis4j.keyring.KeyRing;

/** Receives key rings from {@link KeyRingRegistrar}s at startup. */
public interface KeyRingRegistry {
  /**
   * Adds a key ring.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code ring} is null or a ring of the
   *     same name is already registered or configured
   */
  void register(KeyRing ring);
}
