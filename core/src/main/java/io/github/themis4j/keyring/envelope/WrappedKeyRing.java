package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key ring as a {@link WrappedKeyStore} holds it: its wrapped data keys and the active key id,
 * or, once {@linkplain #shredded(String, Instant) shredded}, a tombstone without any key (kept so
 * that readers can tell erased data from a missing ring). Immutable.
 */
public final class WrappedKeyRing {
  private final String name;
  private final String activeKeyId;
  private final Map<String, WrappedDataKey> keys;
  private final Instant shreddedAt;

  private WrappedKeyRing(
      String name, String activeKeyId, Map<String, WrappedDataKey> keys, Instant shreddedAt) {
    this.name = KeyRing.checkId(name, "key ring name");
    this.activeKeyId = activeKeyId;
    this.keys = keys;
    this.shreddedAt = shreddedAt;
  }

  /**
   * A live ring.
   *
   * @throws InvalidArgumentException if there are no keys, two with one id, or the active id is not
   *     among them
   */
  public static WrappedKeyRing of(String name, String activeKeyId, List<WrappedDataKey> keys) {
    if (keys == null || keys.isEmpty()) {
      throw new InvalidArgumentException("wrapped key ring '" + name + "' has no keys");
    }
    Map<String, WrappedDataKey> m = new LinkedHashMap<>();
    for (WrappedDataKey k : keys) {
      if (m.putIfAbsent(k.keyId(), k) != null) {
        throw new InvalidArgumentException(
            "wrapped key ring '" + name + "' has two keys with id '" + k.keyId() + "'");
      }
    }
    if (activeKeyId == null || !m.containsKey(activeKeyId)) {
      throw new InvalidArgumentException(
          "wrapped key ring '" + name + "' names an active key it does not hold");
    }
    return new WrappedKeyRing(name, activeKeyId, java.util.Collections.unmodifiableMap(m), null);
  }

  /** The tombstone of a ring whose keys were destroyed at {@code at}. */
  public static WrappedKeyRing shredded(String name, Instant at) {
    if (at == null) {
      throw new InvalidArgumentException("shredding time must not be null");
    }
    return new WrappedKeyRing(name, null, Map.of(), at);
  }

  public String name() {
    return name;
  }

  /** The active key id; null for a shredded ring. */
  public String activeKeyId() {
    return activeKeyId;
  }

  /** The wrapped keys in the order they were added; empty for a shredded ring. */
  public List<WrappedDataKey> keys() {
    return List.copyOf(keys.values());
  }

  public Optional<WrappedDataKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  public boolean isShredded() {
    return shreddedAt != null;
  }

  /** When the ring was shredded; null if it is live. */
  public Instant shreddedAt() {
    return shreddedAt;
  }

  /** A copy with one more key. */
  public WrappedKeyRing withKey(WrappedDataKey key) {
    List<WrappedDataKey> all = new ArrayList<>(keys.values());
    all.add(key);
    return of(name, activeKeyId, all);
  }

  /** A copy with another active key (already in the ring). */
  public WrappedKeyRing withActive(String keyId) {
    return of(name, keyId, keys());
  }

  /** A copy with {@code key} replacing the key of the same id (after a rewrap). */
  public WrappedKeyRing withReplaced(WrappedDataKey key) {
    List<WrappedDataKey> all = new ArrayList<>();
    for (WrappedDataKey k : keys.values()) {
      all.add(k.keyId().equals(key.keyId()) ? key : k);
    }
    return of(name, activeKeyId, all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKeyRing w
        && name.equals(w.name)
        && java.util.Objects.equals(activeKeyId, w.activeKeyId)
        && keys.equals(w.keys)
        && java.util.Objects.equals(shreddedAt, w.shreddedAt);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return isShredded()
        ? "WrappedKeyRing[" + name + ", shredded " + shreddedAt + "]"
        : "WrappedKeyRing[" + name + ", keys " + keys.keySet() + ", active " + activeKeyId + "]";
  }
}
