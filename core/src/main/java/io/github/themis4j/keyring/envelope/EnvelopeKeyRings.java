package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.internal.Rng;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelope key rings: key rings whose data keys are stored only wrapped by a {@link
 * KeyEncryptionKey} (in an HSM, a KMS, a keystore) in a {@link WrappedKeyStore}, unwrapped once per
 * data key (at {@link #unwrapAll() startup} or on first use) and cached in memory, never written in
 * the clear. A {@link KeyRingProvider}, so the JPA integration and the Spring starter use it like
 * any other: after the unwrap, encrypting and decrypting cost exactly what they cost with a plain
 * {@link KeyRing} (no KEK call per value).
 *
 * <pre>{@code
 * Pkcs11Token token = Pkcs11Token.open(library, Pkcs11Token.Slot.index(0), pin);
 * EnvelopeKeyRings rings = EnvelopeKeyRings.builder(new FileWrappedKeyStore(dir), token, token.kek("kek-2026"))
 *     .build();
 * rings.createRing("pii");                  // once: a new data key, wrapped and stored
 * rings.unwrapAll();                        // at startup: fail closed if the HSM cannot unwrap
 * rings.rewrap(token.kek("kek-2027"));      // KEK rotation: rewraps the data keys, no row touched
 * }</pre>
 *
 * <p>Every wrapped data key is bound to its ring, key id and KEK URI by the wrapping's associated
 * data ({@link #associatedData}), so a wrapped key copied into another ring or under another id
 * fails to unwrap. Each ring is a separate set of data keys; {@link #shred} destroys one
 * (crypto-shredding), after which reading it throws {@link KeyShreddedException}.
 *
 * <p>Administrative operations ({@link #createRing}, {@link #addDataKey}, {@link #activate}, {@link
 * #rewrap}, {@link #shred}) are serialized within this instance; do not run them from two processes
 * at once (the store's {@code create} is atomic, its {@code update} last-writer-wins). Other
 * processes see changes when they {@link #refresh} (or restart). Thread-safe.
 */
public final class EnvelopeKeyRings implements KeyRingProvider {
  private static final byte[] AAD_LABEL =
      "themis4j-wrapped-data-key/1".getBytes(StandardCharsets.US_ASCII);

  private final WrappedKeyStore store;
  private final KeyEncryptionKeyResolver resolver;
  private final boolean createOnFirstUse;
  private final Clock clock;
  private final ConcurrentHashMap<String, KeyRing> cache = new ConcurrentHashMap<>();
  private final AtomicLong unwraps = new AtomicLong();
  private final Object admin = new Object();
  private volatile KeyEncryptionKey kek;

  private EnvelopeKeyRings(Builder b) {
    this.store = b.store;
    this.resolver = b.resolver;
    this.kek = b.kek;
    this.createOnFirstUse = b.createOnFirstUse;
    this.clock = b.clock;
  }

  /**
   * Starts building.
   *
   * @param store where the wrapped data keys live
   * @param resolver finds the KEK each stored key names by URI (it must also resolve old KEKs until
   *     a {@link #rewrap} has moved every key off them)
   * @param kek the KEK new data keys are wrapped with
   */
  public static Builder builder(
      WrappedKeyStore store, KeyEncryptionKeyResolver resolver, KeyEncryptionKey kek) {
    return new Builder(store, resolver, kek);
  }

  /** Builds {@link EnvelopeKeyRings}. */
  public static final class Builder {
    private final WrappedKeyStore store;
    private final KeyEncryptionKeyResolver resolver;
    private final KeyEncryptionKey kek;
    private boolean createOnFirstUse;
    private Clock clock = Clock.systemUTC();

    private Builder(
        WrappedKeyStore store, KeyEncryptionKeyResolver resolver, KeyEncryptionKey kek) {
      if (store == null || resolver == null || kek == null) {
        throw new InvalidArgumentException("store, KEK resolver and KEK must not be null");
      }
      this.store = store;
      this.resolver = resolver;
      this.kek = kek;
    }

    /**
     * Whether {@link #keyRing} creates a ring that is not stored yet (a new data key, wrapped and
     * stored) instead of throwing {@link UnknownKeyException}: for per-tenant and per-subject
     * rings. Off by default.
     */
    public Builder createOnFirstUse(boolean create) {
      this.createOnFirstUse = create;
      return this;
    }

    /** The clock for creation and shredding times (tests). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public EnvelopeKeyRings build() {
      return new EnvelopeKeyRings(this);
    }
  }

  // ---- KeyRingProvider ----------------------------------------------------------------------

  /**
   * The ring with this name, its data keys unwrapped (on first use, then cached).
   *
   * @throws KeyShreddedException if the ring was shredded
   * @throws UnknownKeyException if no such ring is stored (and rings are not created on first use)
   * @throws KeyEncryptionKeyException if the KEK cannot unwrap its keys (fails closed)
   */
  @Override
  public KeyRing keyRing(String name) {
    KeyRing ring = cache.get(name);
    if (ring != null) {
      return ring;
    }
    KeyRing.checkId(name, "key ring name");
    return cache.computeIfAbsent(name, this::loadOrCreate);
  }

  private KeyRing loadOrCreate(String name) {
    Optional<WrappedKeyRing> stored = store.load(name);
    if (stored.isEmpty()) {
      if (!createOnFirstUse) {
        throw new UnknownKeyException(
            name, null, "no wrapped key ring named '" + name + "' is stored");
      }
      WrappedKeyRing fresh = newRing(name);
      if (store.create(fresh)) {
        return unwrap(fresh);
      }
      stored = store.load(name); // another process created it first: use theirs
      if (stored.isEmpty()) {
        throw new UnknownKeyException(
            name, null, "wrapped key ring '" + name + "' vanished while being created");
      }
    }
    return unwrap(stored.get());
  }

  private KeyRing unwrap(WrappedKeyRing w) {
    if (w.isShredded()) {
      throw new KeyShreddedException(w.name(), w.shreddedAt());
    }
    KeyRing.Builder b = KeyRing.builder(w.name());
    for (WrappedDataKey k : w.keys()) {
      b.add(k.keyId(), unwrapKey(w.name(), k));
    }
    return b.active(w.activeKeyId()).build();
  }

  private SymmetricKey unwrapKey(String ring, WrappedDataKey k) {
    KeyEncryptionKey from = resolver.resolve(k.kekUri());
    byte[] dk = from.unwrap(k.wrapped(), associatedData(ring, k.keyId(), k.kekUri()));
    unwraps.incrementAndGet();
    try {
      return SymmetricKey.fromBytes(dk);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  // ---- administration ----------------------------------------------------------------------

  /**
   * Unwraps every stored live ring now (at startup), so that a KEK that cannot unwrap stops the
   * application instead of the first read. Shredded rings are skipped.
   *
   * @return the number of rings unwrapped
   * @throws KeyEncryptionKeyException if a data key cannot be unwrapped
   */
  public int unwrapAll() {
    int n = 0;
    for (String name : store.ringNames()) {
      Optional<WrappedKeyRing> w = store.load(name);
      if (w.isPresent() && !w.get().isShredded()) {
        keyRing(name);
        n++;
      }
    }
    return n;
  }

  /** Forgets the unwrapped keys; the next use of each ring unwraps it again from the store. */
  public void refresh() {
    cache.clear();
  }

  /**
   * Creates a ring with one new data key (active), wrapped by the current KEK and stored.
   *
   * @return the new ring, or the stored one if it exists already
   * @throws KeyShreddedException if a ring of this name was shredded (its name is not reused)
   */
  public KeyRing createRing(String name) {
    synchronized (admin) {
      KeyRing.checkId(name, "key ring name");
      WrappedKeyRing fresh = newRing(name);
      if (store.create(fresh)) {
        KeyRing ring = unwrap(fresh);
        cache.put(name, ring);
        return ring;
      }
      return keyRing(name);
    }
  }

  /**
   * Adds a new data key to a ring, wrapped by the current KEK; it is not active until {@link
   * #activate}d.
   *
   * @return the new key's id
   */
  public String addDataKey(String ring) {
    synchronized (admin) {
      WrappedKeyRing w = live(ring);
      String id = newKeyId(w);
      SymmetricKey key = SymmetricKey.generate();
      WrappedKeyRing updated = w.withKey(wrapKey(ring, id, key, kek));
      store.update(updated);
      cache.remove(ring);
      return id;
    }
  }

  /** Makes a key of the ring the active one (new values are encrypted with it). */
  public void activate(String ring, String keyId) {
    synchronized (admin) {
      WrappedKeyRing w = live(ring);
      if (w.key(keyId).isEmpty()) {
        throw new UnknownKeyException(
            ring,
            keyId,
            "key ring '"
                + ring
                + "' has no key with id '"
                + KeyRing.checkId(keyId, "key id")
                + "'");
      }
      store.update(w.withActive(keyId));
      cache.remove(ring);
    }
  }

  /**
   * KEK rotation: unwraps every data key of every live ring with the KEK that wrapped it and wraps
   * it again with {@code newKek}, which then wraps new data keys. The data keys do not change, so
   * no stored value is touched; it costs two KEK calls per data key. The unwrapped keys in memory
   * stay as they are.
   *
   * @return how many rings and data keys were rewrapped
   * @throws KeyEncryptionKeyException if a key cannot be unwrapped or wrapped (rings already
   *     rewrapped stay rewrapped; running it again finishes the job)
   */
  public RewrapResult rewrap(KeyEncryptionKey newKek) {
    if (newKek == null) {
      throw new InvalidArgumentException("the new KEK must not be null");
    }
    synchronized (admin) {
      newKek.checkReachable();
      int rings = 0;
      int keys = 0;
      for (String name : store.ringNames()) {
        Optional<WrappedKeyRing> stored = store.load(name);
        if (stored.isEmpty() || stored.get().isShredded()) {
          continue;
        }
        WrappedKeyRing w = stored.get();
        boolean changed = false;
        for (WrappedDataKey k : w.keys()) {
          if (k.kekUri().equals(newKek.uri())) {
            continue;
          }
          SymmetricKey dk = unwrapKey(name, k);
          w = w.withReplaced(wrapKey(name, k.keyId(), dk, newKek, k.createdAt()));
          keys++;
          changed = true;
        }
        if (changed) {
          store.update(w);
          rings++;
        }
      }
      this.kek = newKek;
      return new RewrapResult(rings, keys, newKek.uri());
    }
  }

  /** What {@link #rewrap} did. */
  public record RewrapResult(int rings, int dataKeys, String kekUri) {}

  /**
   * Crypto-shredding: destroys every data key of this ring (the stored document keeps a tombstone
   * with the time, and no key) and drops it from memory. Values encrypted under the ring become
   * unreadable for good, backups of the data included (but not backups of the key store: keep those
   * short-lived, see {@code docs/ENVELOPE-KEYS.md}). Irreversible.
   *
   * @return false if the ring was already shredded
   * @throws UnknownKeyException if no such ring is stored
   */
  public boolean shred(String ring) {
    synchronized (admin) {
      WrappedKeyRing w =
          store
              .load(KeyRing.checkId(ring, "key ring name"))
              .orElseThrow(
                  () ->
                      new UnknownKeyException(
                          ring, null, "no wrapped key ring named '" + ring + "' is stored"));
      cache.remove(ring);
      if (w.isShredded()) {
        return false;
      }
      store.update(WrappedKeyRing.shredded(ring, clock.instant()));
      cache.remove(ring);
      return true;
    }
  }

  /** The state of every stored ring, for health checks and inventories; holds no key. */
  public List<RingStatus> status() {
    List<RingStatus> out = new ArrayList<>();
    for (String name : store.ringNames()) {
      store
          .load(name)
          .ifPresent(
              w -> {
                List<String> ids = new ArrayList<>();
                List<String> keks = new ArrayList<>();
                for (WrappedDataKey k : w.keys()) {
                  ids.add(k.keyId());
                  if (!keks.contains(k.kekUri())) {
                    keks.add(k.kekUri());
                  }
                }
                out.add(
                    new RingStatus(
                        name, w.activeKeyId(), ids, keks, cache.containsKey(name), w.shreddedAt()));
              });
    }
    return out;
  }

  /**
   * One ring's state.
   *
   * @param name the ring
   * @param activeKeyId the active key (null if shredded)
   * @param keyIds the data keys' ids (empty if shredded)
   * @param kekUris the KEKs wrapping them
   * @param unwrapped whether its data keys are unwrapped in memory
   * @param shreddedAt when it was shredded, or null
   */
  public record RingStatus(
      String name,
      String activeKeyId,
      List<String> keyIds,
      List<String> kekUris,
      boolean unwrapped,
      Instant shreddedAt) {
    public RingStatus {
      keyIds = List.copyOf(keyIds);
      kekUris = List.copyOf(kekUris);
    }

    public boolean shredded() {
      return shreddedAt != null;
    }
  }

  /** The KEK new data keys are wrapped with. */
  public KeyEncryptionKey currentKek() {
    return kek;
  }

  /** How many data keys this instance has unwrapped so far (KEK calls; not one per value). */
  public long unwrapCount() {
    return unwraps.get();
  }

  /** The store holding the wrapped keys. */
  public WrappedKeyStore store() {
    return store;
  }

  /**
   * The associated data a data key is wrapped with: {@code "themis4j-wrapped-data-key/1"}, then the
   * ring name, the key id and the KEK URI, each as a 2-byte big-endian length and its US-ASCII
   * bytes. Public so that other implementations can unwrap what this class stores.
   */
  public static byte[] associatedData(String ring, String keyId, String kekUri) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AAD_LABEL);
    for (String s : new String[] {ring, keyId, kekUri}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------------------------------------

  private WrappedKeyRing live(String ring) {
    WrappedKeyRing w =
        store
            .load(KeyRing.checkId(ring, "key ring name"))
            .orElseThrow(
                () ->
                    new UnknownKeyException(
                        ring, null, "no wrapped key ring named '" + ring + "' is stored"));
    if (w.isShredded()) {
      throw new KeyShreddedException(ring, w.shreddedAt());
    }
    return w;
  }

  private WrappedKeyRing newRing(String name) {
    String id = newKeyId(null);
    return WrappedKeyRing.of(name, id, List.of(wrapKey(name, id, SymmetricKey.generate(), kek)));
  }

  private WrappedDataKey wrapKey(
      String ring, String keyId, SymmetricKey key, KeyEncryptionKey with) {
    return wrapKey(ring, keyId, key, with, clock.instant());
  }

  private static WrappedDataKey wrapKey(
      String ring, String keyId, SymmetricKey key, KeyEncryptionKey with, Instant created) {
    byte[] dk = key.toByteArray();
    try {
      byte[] wrapped = with.wrap(dk, associatedData(ring, keyId, with.uri()));
      return new WrappedDataKey(keyId, with.uri(), wrapped, created);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  private static String newKeyId(WrappedKeyRing existing) {
    while (true) {
      String id = "dk-" + HexFormat.of().formatHex(Rng.bytes(6));
      if (existing == null || existing.key(id).isEmpty()) {
        return id;
      }
    }
  }

  @Override
  public String toString() {
    return "EnvelopeKeyRings["
        + store
        + ", KEK "
        + kek.uri()
        + ", "
        + cache.size()
        + " rings unwrapped]";
  }
}
