package io.github.themis4j.jpa.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.KeyShreddedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Per-tenant keys: a {@link KeyRingProvider} that serves the rings named in {@code tenantRings}
 * (for example {@code "pii"}) as one envelope ring per tenant, {@code <ring>.<tenant>} (for example
 * {@code pii.clinic-a}), chosen by the current tenant. A tenant's ring is created on first use: a
 * new data key, wrapped by the KEK and stored. Other ring names go to {@code shared}.
 *
 * <p>With Hibernate multi-tenancy, take the tenant from the application's {@link
 * CurrentTenantIdentifierResolver} ({@link #of(EnvelopeKeyRings, CurrentTenantIdentifierResolver,
 * Set, KeyRingProvider)}); sessions must be opened for the resolver's current tenant (the default,
 * and what Spring does). Set {@link io.github.themis4j.jpa.ThemisJpaSettings#VALIDATE_KEY_RINGS} to
 * {@code false}: at bootstrap there is no current tenant.
 *
 * <p>Crypto-shredding: {@link #shredTenant} destroys every ring of a tenant; its values then fail
 * to load with {@link io.github.themis4j.jpa.EncryptedAttributeException} of reason {@code
 * shredded} (cause {@link KeyShreddedException}), or load as null where {@link
 * io.github.themis4j.jpa.ThemisJpaSettings#SHREDDED_AS_NULL} is set; every other tenant's values
 * stay readable. Without a current tenant, per-tenant rings fail closed ({@link
 * UnknownKeyException}). Thread-safe.
 */
public final class TenantKeyRings implements KeyRingProvider {
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private final EnvelopeKeyRings envelope;
  private final Supplier<String> currentTenant;
  private final Set<String> tenantRings;
  private final KeyRingProvider shared;

  private TenantKeyRings(
      EnvelopeKeyRings envelope,
      Supplier<String> currentTenant,
      Set<String> tenantRings,
      KeyRingProvider shared) {
    if (envelope == null || currentTenant == null || tenantRings == null || tenantRings.isEmpty()) {
      throw new InvalidArgumentException(
          "envelope rings, tenant supplier and at least one per-tenant ring are required");
    }
    tenantRings.forEach(r -> KeyRing.checkId(r, "per-tenant key ring name"));
    this.envelope = envelope;
    this.currentTenant = currentTenant;
    this.tenantRings = Set.copyOf(tenantRings);
    this.shared = shared != null ? shared : envelope;
  }

  /**
   * Per-tenant rings with the tenant from {@code currentTenant}.
   *
   * @param envelope where tenants' rings are stored and unwrapped
   * @param currentTenant the current tenant id (1-40 characters of {@code [A-Za-z0-9_-]}), or null
   *     when there is none
   * @param tenantRings the ring names (as in {@code @Encrypted(keyRing = ...)}) that are per tenant
   * @param shared the provider of every other ring (null: {@code envelope} itself)
   */
  public static TenantKeyRings of(
      EnvelopeKeyRings envelope,
      Supplier<String> currentTenant,
      Set<String> tenantRings,
      KeyRingProvider shared) {
    return new TenantKeyRings(envelope, currentTenant, tenantRings, shared);
  }

  /**
   * Per-tenant rings with the tenant from Hibernate's resolver (its identifier's {@code
   * toString()}).
   */
  public static TenantKeyRings of(
      EnvelopeKeyRings envelope,
      CurrentTenantIdentifierResolver<?> resolver,
      Set<String> tenantRings,
      KeyRingProvider shared) {
    if (resolver == null) {
      throw new InvalidArgumentException("tenant identifier resolver must not be null");
    }
    return new TenantKeyRings(
        envelope,
        () -> {
          Object t = resolver.resolveCurrentTenantIdentifier();
          return t == null ? null : t.toString();
        },
        tenantRings,
        shared);
  }

  /** The name of a tenant's ring: {@code <ring>.<tenant>}. */
  public static String ringName(String ring, String tenant) {
    return KeyRing.checkId(ring + "." + checkTenant(tenant), "per-tenant key ring name");
  }

  @Override
  public KeyRing keyRing(String name) {
    if (!tenantRings.contains(name)) {
      return shared.keyRing(name);
    }
    String tenant = currentTenant.get();
    if (tenant == null || tenant.isEmpty()) {
      throw new UnknownKeyException(
          name, null, "key ring '" + name + "' is per tenant, and there is no current tenant");
    }
    String ring = ringName(name, tenant);
    try {
      return envelope.keyRing(ring);
    } catch (KeyShreddedException e) {
      throw e;
    } catch (UnknownKeyException e) {
      if (e.keyId() != null || !ring.equals(e.keyRing())) {
        throw e;
      }
      return envelope.createRing(ring); // first use by this tenant: a new data key, wrapped, stored
    }
  }

  /**
   * Crypto-shreds a tenant: destroys the data keys of each of its rings.
   *
   * @return the names of the rings shredded now (not those already shredded or never created)
   */
  public List<String> shredTenant(String tenant) {
    checkTenant(tenant);
    List<String> names = envelope.store().ringNames();
    List<String> shredded = new ArrayList<>();
    for (String r : tenantRings) {
      String ring = ringName(r, tenant);
      if (names.contains(ring) && envelope.shred(ring)) {
        shredded.add(ring);
      }
    }
    return shredded;
  }

  /** The envelope rings behind this provider. */
  public EnvelopeKeyRings envelope() {
    return envelope;
  }

  /** The per-tenant ring names. */
  public Set<String> tenantRings() {
    return tenantRings;
  }

  private static String checkTenant(String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new InvalidArgumentException("tenant id must be 1-40 characters of [A-Za-z0-9_-]");
    }
    return tenant;
  }

  @Override
  public String toString() {
    return "TenantKeyRings[" + tenantRings + " per tenant, " + envelope + "]";
  }
}
