package io.github.themis4j.demo;

import io.github.themis4j.demo.patient.EncryptedColumn;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The key rings the demo's entities use, as the application currently holds them. Thread-safe. */
@Component
public class DemoKeyRings {
  private final KeyRingProvider provider;

  public DemoKeyRings(KeyRingProvider provider) {
    this.provider = provider;
  }

  /**
   * A key ring without its keys.
   *
   * @param name ring name
   * @param keyIds ids of the keys it holds
   * @param activeKeyId the key new values are encrypted with
   */
  public record RingInfo(String name, List<String> keyIds, String activeKeyId) {}

  /** Names of the rings used by encrypted columns, in first-use order. */
  public static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (EncryptedColumn c : EncryptedColumn.PATIENT) {
      names.add(c.keyRing());
    }
    return names;
  }

  public List<RingInfo> describe() {
    List<RingInfo> rings = new ArrayList<>();
    for (String name : names()) {
      KeyRing ring = provider.keyRing(name);
      rings.add(new RingInfo(ring.name(), List.copyOf(ring.keyIds()), ring.activeKeyId()));
    }
    return rings;
  }
}
