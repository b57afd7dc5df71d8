package io.github.themis4j.demo.keys;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The key rotation cycle of the demo, in the order of docs/KEY-ROTATION.md: a new active key
 * ({@link RotatableKeyRings#rotate}), the re-encryption of the stored values by the starter's
 * {@link KeyRotationJob}, and the removal of an old key once the job's inventory says that no
 * stored value needs it. Thread-safe: the steps are serialized.
 */
@Service
public class KeyRotation {
  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

  private final RotatableKeyRings rings;
  private final KeyRotationJob job;

  public KeyRotation(KeyRingProvider rings, KeyRotationJob job) {
    if (!(rings instanceof RotatableKeyRings r)) {
      throw new IllegalStateException("the demo's key rings are not rotatable: " + rings);
    }
    this.rings = r;
    this.job = job;
  }

  /** Step 1: a new key, active from now on. */
  public synchronized KeyRing rotate(String ring) {
    KeyRing rotated = rings.rotate(ring);
    log.info(
        "Key ring '{}' rotated: new active key '{}' (a DEMO KEY, kept in the data directory)",
        ring,
        rotated.activeKeyId());
    return rotated;
  }

  /** Step 2: re-encrypts every stored value that is not under its target key. */
  public synchronized RotationReport reencrypt() {
    RotationReport report = job.run();
    log.info("Re-encryption: {}", report.summary());
    return report;
  }

  /** The report of the last re-encryption since the application started, if any. */
  public Optional<RotationReport> lastReport() {
    return job.lastReport();
  }

  /**
   * Step 3: removes key {@code keyId} from {@code ring}, if the job's inventory (taken now) says no
   * stored value needs it.
   *
   * @throws InvalidArgumentException if the key is not in the ring, is active, or still needed
   */
  public synchronized KeyRing retire(String ring, String keyId) {
    KeyRing current = rings.keyRing(ring);
    if (keyId == null || !current.contains(keyId)) {
      throw new InvalidArgumentException("key ring '" + ring + "' has no key '" + keyId + "'");
    }
    if (current.activeKeyId().equals(keyId)) {
      throw new InvalidArgumentException(
          "'" + keyId + "' is the active key of ring '" + ring + "'; rotate first");
    }
    RotationReport inventory = job.inventory();
    if (!inventory.canRetire(ring, keyId)) {
      long values = inventory.valuesByKey().getOrDefault(ring, Map.of()).getOrDefault(keyId, 0L);
      throw new InvalidArgumentException(
          values + " stored values still need key '" + keyId + "'; re-encrypt them first");
    }
    KeyRing retired = rings.retire(ring, keyId);
    log.info("Key '{}' of ring '{}' retired: no stored value needs it", keyId, ring);
    return retired;
  }
}
