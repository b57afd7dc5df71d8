package io.github.themis4j.demo.web;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.DemoKeyRings;
import io.github.themis4j.demo.NotFoundException;
import io.github.themis4j.demo.keys.KeyRotation;
import io.github.themis4j.demo.keys.KeyUsage;
import io.github.themis4j.demo.patient.EncryptedColumn;
import io.github.themis4j.jpa.rotation.RotationReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key rings and their rotation: key ids (never keys), which keys the stored values need, a new
 * active key, the re-encryption of the stored values (the starter's key rotation job), and the
 * removal of keys no stored value needs.
 */
@RestController
class KeyRingController {
  private final DemoKeyRings rings;
  private final KeyRotation rotation;
  private final KeyUsage usage;

  KeyRingController(DemoKeyRings rings, KeyRotation rotation, KeyUsage usage) {
    this.rings = rings;
    this.rotation = rotation;
    this.usage = usage;
  }

  /**
   * @param rings the rings (ids only)
   * @param rotatable rings that can be rotated from the page
   * @param usage stored values per column and key id (read from the envelopes)
   * @param reencryption the last re-encryption since the application started, or null
   */
  record KeyRings(
      List<DemoKeyRings.RingInfo> rings,
      List<String> rotatable,
      List<KeyUsage.ColumnUsage> usage,
      Reencryption reencryption) {}

  record RetireRequest(String keyId) {}

  /**
   * A key rotation job report, without anything secret (as {@link RotationReport}).
   *
   * @param complete every attribute is under its target key
   * @param valuesRotated values re-encrypted by the run
   * @param failures values that could not be read
   * @param millis duration
   * @param valuesByKey stored values per ring and key id after the run
   * @param oldKeysStillNeeded keys other than the targets that values still need, per ring
   * @param attributes one entry per encrypted column
   * @param summary the job's own summary
   */
  record Reencryption(
      boolean complete,
      long valuesRotated,
      long failures,
      long millis,
      Map<String, Map<String, Long>> valuesByKey,
      Map<String, Set<String>> oldKeysStillNeeded,
      List<Attribute> attributes,
      String summary) {}

  record Attribute(
      String column,
      String mode,
      String keyRing,
      String targetKeyId,
      String status,
      long valuesRotated,
      long valuesCurrent,
      long failures,
      String note) {}

  @GetMapping("/api/key-rings")
  KeyRings list() {
    return new KeyRings(
        rings.describe(),
        rotatableRings(),
        usage.byColumn(),
        rotation.lastReport().map(KeyRingController::view).orElse(null));
  }

  /** Step 1: a new key, active for every value written from now on. */
  @PostMapping("/api/key-rings/{ring}/rotate")
  KeyRings rotate(@PathVariable String ring) {
    check(ring);
    rotation.rotate(ring);
    return list();
  }

  /**
   * Step 2: the key rotation job re-encrypts every stored value that is not under its target key.
   */
  @PostMapping("/api/key-rings/re-encrypt")
  KeyRings reencrypt() {
    rotation.reencrypt();
    return list();
  }

  /** Step 3: removes a key that, by the job's inventory, no stored value needs. */
  @PostMapping("/api/key-rings/{ring}/retire")
  KeyRings retire(@PathVariable String ring, @RequestBody RetireRequest request) {
    check(ring);
    if (request == null || request.keyId() == null || request.keyId().isBlank()) {
      throw new BadRequestException("keyId is required: the id of the key to retire");
    }
    try {
      rotation.retire(ring, request.keyId());
    } catch (InvalidArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    return list();
  }

  private static Reencryption view(RotationReport r) {
    List<Attribute> attributes =
        r.attributes().stream()
            .map(
                a ->
                    new Attribute(
                        a.column(),
                        a.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        a.keyRing(),
                        a.targetKeyId(),
                        a.status().name(),
                        a.valuesRotated(),
                        a.valuesCurrent(),
                        a.failureCount(),
                        a.note()))
            .toList();
    return new Reencryption(
        r.isComplete(),
        r.valuesRotated(),
        r.failures(),
        r.duration().toMillis(),
        r.valuesByKey(),
        r.oldKeysStillNeeded(),
        attributes,
        r.summary());
  }

  private void check(String ring) {
    if (!DemoKeyRings.names().contains(ring)) {
      throw new NotFoundException("there is no key ring '" + ring + "'");
    }
    if (!rotatableRings().contains(ring)) {
      throw new BadRequestException(
          "key ring '"
              + ring
              + "' holds a Context Imprint column, whose key is pinned in the mapping (Context"
              + " Imprint stores no key id): rotating it takes a code change and a maintenance"
              + " window (docs/KEY-ROTATION.md)");
    }
  }

  private static List<String> rotatableRings() {
    return DemoKeyRings.names().stream()
        .filter(
            r ->
                EncryptedColumn.PATIENT.stream()
                    .noneMatch(c -> c.keyRing().equals(r) && c.pinnedKeyId() != null))
        .toList();
  }
}
