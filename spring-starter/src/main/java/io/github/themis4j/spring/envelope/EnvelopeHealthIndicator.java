package io.github.themis4j.spring.envelope;

import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code themis4jEnvelope}: whether the KEK is reachable now (a wrap and unwrap
 * of a throwaway value in the HSM or keystore) and which rings' data keys are unwrapped. DOWN when
 * the KEK cannot be used or a ring configured in {@code themis4j.envelope.rings} is not unwrapped.
 * Details name the KEK URI, rings and key ids; never a key or a PIN.
 */
public final class EnvelopeHealthIndicator implements HealthIndicator {
  private final EnvelopeKeyRings rings;
  private final KekSource source;
  private final java.util.List<String> required;

  EnvelopeHealthIndicator(EnvelopeKeyRings rings, KekSource source, java.util.List<String> required) {
    this.rings = rings;
    this.source = source;
    this.required = java.util.List.copyOf(required);
  }

  @Override
  public Health health() {
    boolean up = true;
    Map<String, Object> kek = new LinkedHashMap<>();
    kek.put("uri", rings.currentKek().uri());
    kek.put("where", source.description());
    try {
      rings.currentKek().checkReachable();
      kek.put("reachable", true);
    } catch (ThemisException e) {
      up = false;
      kek.put("reachable", false);
      kek.put("error", e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      for (EnvelopeKeyRings.RingStatus s : rings.status()) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (s.shredded()) {
          d.put("shredded", s.shreddedAt().toString());
        } else {
          d.put("active", s.activeKeyId());
          d.put("keys", s.keyIds());
          d.put("keks", s.kekUris());
          d.put("unwrapped", s.unwrapped());
          if (!s.unwrapped() && required.contains(s.name())) {
            up = false;
          }
        }
        out.put(s.name(), d);
      }
    } catch (ThemisException e) {
      up = false;
      out.put("error", e.getMessage());
    }
    return (up ? Health.up() : Health.down())
        .withDetail("kek", kek)
        .withDetail("rings", out)
        .withDetail("dataKeysUnwrapped", rings.unwrapCount())
        .build();
  }
}
