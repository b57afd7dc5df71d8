package io.github.themis4j.demo.web;

import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.DemoKeyRings;
import io.github.themis4j.demo.NotFoundException;
import io.github.themis4j.demo.keys.KeyUsage;
import io.github.themis4j.demo.keys.RotatableKeyRings;
import io.github.themis4j.demo.patient.EncryptedColumn;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key rings: their key ids, which keys the stored values need, and rotation (a new active key)
 * and retirement (removing a key no value needs). Key material never leaves the application.
 */
@RestController
class KeyRingController {
  private static final Logger log = LoggerFactory.getLogger(KeyRingController.class);

  private final DemoKeyRings rings;
  private final RotatableKeyRings rotatable;
  private final KeyUsage usage;

  KeyRingController(DemoKeyRings rings, KeyRingProvider provider, KeyUsage usage) {
    this.rings = rings;
    if (!(provider instanceof RotatableKeyRings r)) {
      throw new IllegalStateException("the demo's key rings are not rotatable: " + provider);
    }
    this.rotatable = r;
    this.usage = usage;
  }

  /**
   * @param rings the rings (ids only)
   * @param rotatable rings that can be rotated from the page
   * @param usage stored values per column and key id
   */
  record KeyRings(List<DemoKeyRings.RingInfo> rings, List<String> rotatable, List<KeyUsage.ColumnUsage> usage) {}

  record RetireRequest(String keyId) {}

  @GetMapping("/api/key-rings")
  KeyRings list() {
    return new KeyRings(rings.describe(), rotatableRings(), usage.byColumn());
  }

  @PostMapping("/api/key-rings/{ring}/rotate")
  KeyRings rotate(@PathVariable String ring) {
    check(ring);
    String key = rotatable.rotate(ring).activeKeyId();
    log.info("Key ring '{}' rotated: new active key '{}' (a DEMO KEY, kept in the data directory)", ring, key);
    return list();
  }

  @PostMapping("/api/key-rings/{ring}/retire")
  KeyRings retire(@PathVariable String ring, @RequestBody RetireRequest request) {
    check(ring);
    String keyId = request == null ? null : request.keyId();
    if (keyId == null || !rotatable.keyRing(ring).contains(keyId)) {
      throw new BadRequestException("key ring '" + ring + "' has no key '" + keyId + "'");
    }
    if (rotatable.keyRing(ring).activeKeyId().equals(keyId)) {
      throw new BadRequestException("'" + keyId + "' is the active key of ring '" + ring + "'; rotate first");
    }
    long uses = usage.uses(ring, keyId);
    if (uses > 0) {
      throw new BadRequestException(uses + " stored values still need key '" + keyId
          + "'; re-encrypt them first");
    }
    rotatable.retire(ring, keyId);
    log.info("Key '{}' of ring '{}' retired", keyId, ring);
    return list();
  }

  private void check(String ring) {
    if (!DemoKeyRings.names().contains(ring)) {
      throw new NotFoundException("there is no key ring '" + ring + "'");
    }
    if (!rotatableRings().contains(ring)) {
      throw new BadRequestException("key ring '" + ring + "' holds a Context Imprint column, whose key is"
          + " pinned in the mapping (Context Imprint stores no key id): rotating it takes a code change");
    }
  }

  private static List<String> rotatableRings() {
    return DemoKeyRings.names().stream()
        .filter(r -> EncryptedColumn.PATIENT.stream().noneMatch(c -> c.keyRing().equals(r) && c.pinnedKeyId() != null))
        .toList();
  }
}
