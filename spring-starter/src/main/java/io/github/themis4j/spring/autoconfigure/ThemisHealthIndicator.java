package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.spring.PeerPublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether themis4j's keys are usable: every key ring is loaded and a Secure Cell round trip
 * with its active key succeeds.
 *
 * <p>Details (shown only where Actuator is configured to show them) name key rings, key ids,
 * counts and key types; never key material. Status is DOWN when a ring cannot be loaded or its
 * round trip fails. Thread-safe.
 */
public final class ThemisHealthIndicator implements HealthIndicator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRingProvider provider;
  private final Collection<String> configuredRingNames;
  private final @Nullable KeyPair keyPair;
  private final @Nullable PeerPublicKeys peers;
  private final boolean devMode;
  private final Supplier<Map<String, UnitKeyRings>> units;

  /**
   * The key ring provider a persistence unit's Hibernate really uses, when it is not the
   * application's {@link KeyRingProvider} bean, and the rings its attributes use.
   */
  public record UnitKeyRings(KeyRingProvider provider, Collection<String> ringNames) {}

  /**
   * @param provider the application's key rings
   * @param configuredRingNames ring names to check when {@code provider} cannot list its rings
   * @param keyPair this application's key pair, if it has one
   * @param peers the peers' public keys, if any
   * @param devMode whether development mode is on
   */
  public ThemisHealthIndicator(KeyRingProvider provider, Collection<String> configuredRingNames,
      @Nullable KeyPair keyPair, @Nullable PeerPublicKeys peers, boolean devMode) {
    this(provider, configuredRingNames, keyPair, peers, devMode, Map::of);
  }

  /**
   * @param units the persistence units whose Hibernate uses another key ring provider than {@code
   *     provider}, by entity manager factory bean name; their rings are checked too
   */
  public ThemisHealthIndicator(KeyRingProvider provider, Collection<String> configuredRingNames,
      @Nullable KeyPair keyPair, @Nullable PeerPublicKeys peers, boolean devMode,
      Supplier<Map<String, UnitKeyRings>> units) {
    this.units = units;
    this.provider = provider;
    this.configuredRingNames = List.copyOf(configuredRingNames);
    this.keyPair = keyPair;
    this.peers = peers;
    this.devMode = devMode;
  }

  @Override
  public Health health() {
    Map<String, Object> rings = new LinkedHashMap<>();
    boolean up = check(provider, ringNames(), rings);
    Map<String, Object> unitDetails = new LinkedHashMap<>();
    Map<String, UnitKeyRings> unitRingsByName;
    try {
      unitRingsByName = units.get();
    } catch (RuntimeException e) {
      up = false;
      unitRingsByName = Map.of();
      unitDetails.put("error", e.getClass().getName());
    }
    for (Map.Entry<String, UnitKeyRings> unit : unitRingsByName.entrySet()) {
      Map<String, Object> unitRings = new LinkedHashMap<>();
      up &= check(unit.getValue().provider(), unit.getValue().ringNames(), unitRings);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("provider", unit.getValue().provider().getClass().getName());
      detail.put("keyRings", unitRings);
      unitDetails.put(unit.getKey(), detail);
    }
    Health.Builder builder = up ? Health.up() : Health.down();
    builder.withDetail("keyRings", rings);
    if (!unitDetails.isEmpty()) {
      builder.withDetail("persistenceUnits", unitDetails);
    }
    if (keyPair != null) {
      builder.withDetail("keyPair", keyPair.publicKey().type()
          + (keyPair.publicKey().ecCurve() != null ? " " + keyPair.publicKey().ecCurve().curveName() : ""));
    }
    if (peers != null) {
      builder.withDetail("peers", peers.ids().size());
    }
    if (devMode) {
      builder.withDetail("devMode", "ON: throwaway keys, not for production");
    }
    return builder.build();
  }

  /** Loads each ring and round-trips its active key; false if any fails. */
  private static boolean check(KeyRingProvider provider, Collection<String> names, Map<String, Object> rings) {
    boolean up = true;
    for (String name : names) {
      Map<String, Object> detail = new LinkedHashMap<>();
      try {
        KeyRing ring = provider.keyRing(name);
        detail.put("active", ring.activeKeyId());
        detail.put("keys", new ArrayList<>(ring.keyIds()));
        roundTrip(ring);
        detail.put("roundTrip", "ok");
      } catch (RuntimeException e) {
        up = false;
        // Library messages name rings and key ids only; other exceptions are reduced to their type.
        detail.put("error", e instanceof io.github.themis4j.ThemisException
            ? e.getMessage() : e.getClass().getName());
      }
      rings.put(name, detail);
    }
    return up;
  }

  private Collection<String> ringNames() {
    if (provider instanceof KeyRings rings) {
      return rings.all().stream().map(KeyRing::name).toList();
    }
    if (provider instanceof DevModeKeyRingProvider dev) {
      return dev.all().stream().map(KeyRing::name).toList();
    }
    return configuredRingNames;
  }

  private static void roundTrip(KeyRing ring) {
    byte[] probe = new byte[32];
    RANDOM.nextBytes(probe);
    byte[] context = ("themis4j-health:" + ring.name()).getBytes(StandardCharsets.UTF_8);
    SecureCell.Seal cell = SecureCell.sealWithKey(ring.activeKey());
    byte[] back = cell.decrypt(cell.encrypt(probe, context), context);
    if (!java.security.MessageDigest.isEqual(probe, back)) {
      throw new IllegalStateException("Secure Cell round trip returned different data");
    }
  }
}
