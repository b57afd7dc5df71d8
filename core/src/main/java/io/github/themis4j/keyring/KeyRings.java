package io.github.themis4j.keyring;

import io.github.themis4j.InvalidArgumentException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable set of key rings by name: the simplest {@link KeyRingProvider}. */
public final class KeyRings implements KeyRingProvider {
  private final Map<String, KeyRing> rings;

  private KeyRings(Map<String, KeyRing> rings) {
    this.rings = rings;
  }

  /**
   * The given rings, by name.
   *
   * @param rings the rings (none is allowed); not null, no null element
   * @return an immutable, thread-safe provider
   * @throws InvalidArgumentException if {@code rings} or an element is null, or two rings have the
   *     same name
   */
  public static KeyRings of(KeyRing... rings) {
    if (rings == null) {
      throw new InvalidArgumentException("key rings must not be null");
    }
    return of(java.util.Arrays.asList(rings));
  }

  /**
   * The given rings, by name, in iteration order (the collection is copied).
   *
   * @param rings the rings (none is allowed); not null, no null element
   * @return an immutable, thread-safe provider
   * @throws InvalidArgumentException if {@code rings} or an element is null, or two rings have the
   *     same name
   */
  public static KeyRings of(Collection<KeyRing> rings) {
    if (rings == null) {
      throw new InvalidArgumentException("key rings must not be null");
    }
    Map<String, KeyRing> m = new LinkedHashMap<>();
    for (KeyRing r : rings) {
      if (r == null) {
        throw new InvalidArgumentException("key ring must not be null");
      }
      if (m.putIfAbsent(r.name(), r) != null) {
        throw new InvalidArgumentException("two key rings are named '" + r.name() + "'");
      }
    }
    return new KeyRings(Collections.unmodifiableMap(m));
  }

  @Override
  public KeyRing keyRing(String name) {
    KeyRing r = name == null ? null : rings.get(name);
    if (r == null) {
      throw UnknownKeyException.noSuchRing(name, rings.keySet());
    }
    return r;
  }

  /** All rings, in the order given (an unmodifiable view). */
  public Collection<KeyRing> all() {
    return rings.values();
  }

  @Override
  public String toString() {
    return "KeyRings" + rings.values();
  }
}
