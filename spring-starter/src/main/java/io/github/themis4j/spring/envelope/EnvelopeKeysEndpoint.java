package io.github.themis4j.spring.envelope;

import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.KeyEncryptionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code themis4jenvelope} Actuator endpoint:
 *
 * <ul>
 *   <li>{@code GET /actuator/themis4jenvelope}: the KEK URI and every ring's key ids, wrapping
 *       KEKs, unwrapped or shredded state;
 *   <li>{@code POST /actuator/themis4jenvelope/add-data-key {"ring": "pii"}}: a new data key
 *       (wrapped, stored, not active);
 *   <li>{@code POST /actuator/themis4jenvelope/activate {"ring": "pii", "keyId": "dk-..."}};
 *   <li>{@code POST /actuator/themis4jenvelope/rewrap {"keyLabel": "kek-2027"}}: rewraps every
 *       data key under that KEK of the same token or keystore (no row is touched);
 *   <li>{@code POST /actuator/themis4jenvelope/create-ring {"ring": "notes"}};
 *   <li>{@code POST /actuator/themis4jenvelope/shred {"ring": "pii.clinic-a"}}: crypto-shredding,
 *       irreversible; only with {@code themis4j.envelope.actuator.shred-enabled=true}.
 * </ul>
 *
 * Administrative: expose it only to operators. Responses never hold key material. After changes,
 * other instances of the application see them when restarted (or refreshed).
 */
@Endpoint(id = "themis4jenvelope")
public class EnvelopeKeysEndpoint {
  private final EnvelopeKeyRings rings;
  private final KekSource source;
  private final boolean shredEnabled;

  EnvelopeKeysEndpoint(EnvelopeKeyRings rings, KekSource source, boolean shredEnabled) {
    this.rings = rings;
    this.source = source;
    this.shredEnabled = shredEnabled;
  }

  @ReadOperation
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kek", rings.currentKek().uri());
    List<Map<String, Object>> list = new ArrayList<>();
    for (EnvelopeKeyRings.RingStatus s : rings.status()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("ring", s.name());
      d.put("active", s.activeKeyId());
      d.put("keys", s.keyIds());
      d.put("keks", s.kekUris());
      d.put("unwrapped", s.unwrapped());
      d.put("shredded", s.shredded() ? s.shreddedAt().toString() : null);
      list.add(d);
    }
    out.put("rings", list);
    return out;
  }

  /** Performs {@code action}: add-data-key, activate, rewrap, create-ring or shred. */
  @WriteOperation
  public synchronized Map<String, Object> perform(
      @Selector String action, @Nullable String ring, @Nullable String keyId, @Nullable String keyLabel) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("action", action);
    try {
      switch (action) {
        case "add-data-key" -> out.put("keyId", rings.addDataKey(required(ring, "ring")));
        case "activate" -> {
          rings.activate(required(ring, "ring"), required(keyId, "keyId"));
          out.put("active", keyId);
        }
        case "create-ring" -> out.put("active", rings.createRing(required(ring, "ring")).activeKeyId());
        case "rewrap" -> {
          KeyEncryptionKey kek = source.kek(required(keyLabel, "keyLabel"));
          EnvelopeKeyRings.RewrapResult r = rings.rewrap(kek);
          out.put("kek", r.kekUri());
          out.put("rings", r.rings());
          out.put("dataKeys", r.dataKeys());
        }
        case "shred" -> {
          if (!shredEnabled) {
            out.put("error", "shredding over Actuator is off (themis4j.envelope.actuator.shred-enabled)");
            return out;
          }
          out.put("shredded", rings.shred(required(ring, "ring")));
        }
        default -> out.put("error", "unknown action; use add-data-key, activate, create-ring, rewrap or shred");
      }
    } catch (ThemisException e) {
      out.put("error", e.getMessage());
    }
    return out;
  }

  private static String required(@Nullable String v, String name) {
    if (v == null || v.isBlank()) {
      throw new ThemisException("parameter '" + name + "' is required");
    }
    return v.trim();
  }
}
