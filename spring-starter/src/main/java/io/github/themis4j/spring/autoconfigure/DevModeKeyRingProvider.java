package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keys.SymmetricKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Development mode: the configured key rings, plus a throwaway ring (one random key, id {@code
 * dev}) generated the first time any other ring name is asked for. Every generation is logged as
 * a warning. Thread-safe.
 */
final class DevModeKeyRingProvider implements KeyRingProvider {
  private static final Log log = LogFactory.getLog(DevModeKeyRingProvider.class);

  /** Key id of generated keys. */
  static final String DEV_KEY_ID = "dev";

  private final Map<String, KeyRing> rings = new ConcurrentHashMap<>();
  private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

  DevModeKeyRingProvider(Collection<KeyRing> configured) {
    for (KeyRing ring : configured) {
      rings.put(ring.name(), ring);
      order.add(ring.name());
    }
  }

  @Override
  public KeyRing keyRing(String name) {
    KeyRing ring = name == null ? null : rings.get(name);
    if (ring != null) {
      return ring;
    }
    KeyRing.checkId(name, "key ring name");
    return rings.computeIfAbsent(
        name,
        n -> {
          log.warn("themis4j DEVELOPMENT MODE: generated a THROWAWAY key for key ring '" + n
              + "'. Data encrypted with it cannot be decrypted after a restart. Configure"
              + " themis4j.key-rings." + n + " and set themis4j.dev-mode.enabled=false before real use.");
          order.add(n);
          return KeyRing.of(n, DEV_KEY_ID, SymmetricKey.generate());
        });
  }

  /** The rings held so far (configured and generated). */
  List<KeyRing> all() {
    List<KeyRing> all = new ArrayList<>();
    for (String name : order) {
      all.add(rings.get(name));
    }
    return all;
  }

  @Override
  public String toString() {
    return "DevModeKeyRingProvider" + order;
  }
}
