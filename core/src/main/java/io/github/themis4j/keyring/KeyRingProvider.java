package io.github.themis4j.keyring;

/**
 * Supplies key rings by name. The application implements it (or uses {@link KeyRings}) and hands
 * it to the JPA integration or the Spring starter. Implementations must be thread-safe; they may
 * return a different ring over time (for example after a rotation reloads configuration).
 */
@FunctionalInterface
public interface KeyRingProvider {
  /**
   * Returns the ring with this name.
   *
   * @throws UnknownKeyException if there is no such ring (never return null)
   */
  KeyRing keyRing(String name);
}
