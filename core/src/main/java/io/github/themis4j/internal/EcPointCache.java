package io.github.themis4j.internal;

import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Bouncy Castle points for JCA public keys, kept for keys that are used again. Bouncy Castle stores
 * its precomputations (the wNAF table used in signature verification, the comb table used in ECDH)
 * in the point object, so handing out the same object for the same key makes every use after the
 * first cheaper: a verification with a known key skips the table for Q, an ECDH with a known peer
 * key costs about a third of one on a new key. Bounded (least recently used out) so that a stream of
 * distinct keys cannot grow it; about 10 KiB per P-256 entry with both tables. Thread-safe; Bouncy
 * Castle synchronises its precomputation on the point. Not public API.
 */
final class EcPointCache {
  static final int CAPACITY = 128;

  private static final Map<java.security.spec.ECPoint, ECPoint>[] CACHES = newCaches();

  private EcPointCache() {}

  @SuppressWarnings("unchecked")
  private static Map<java.security.spec.ECPoint, ECPoint>[] newCaches() {
    Map<java.security.spec.ECPoint, ECPoint>[] caches = new Map[EcCurve.values().length];
    for (int i = 0; i < caches.length; i++) {
      caches[i] =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<java.security.spec.ECPoint, ECPoint> e) {
              return size() > CAPACITY;
            }
          };
    }
    return caches;
  }

  /** The cached point of {@code key} (created and cached on first use). */
  static ECPoint get(EcCurve curve, ECPublicKey key) {
    java.security.spec.ECPoint w = key.getW();
    Map<java.security.spec.ECPoint, ECPoint> cache = CACHES[curve.ordinal()];
    synchronized (cache) {
      ECPoint p = cache.get(w);
      if (p == null) {
        p = fresh(curve, key);
        cache.put(w, p);
      }
      return p;
    }
  }

  /** A new point for a key that will not be used again (an ephemeral key): nothing is cached. */
  static ECPoint fresh(EcCurve curve, ECPublicKey key) {
    // Keys are validated when imported (PublicKey.fromBytes); checked again because a JCA key could
    // come from elsewhere: on the curve (the cofactor is 1, so that is the whole check).
    java.security.spec.ECPoint w = key.getW();
    ECPoint p = curve.bcCurve().createPoint(w.getAffineX(), w.getAffineY());
    if (!p.isValid()) {
      throw new io.github.themis4j.KeyFormatException(
          "EC public key is not a valid point on " + curve.curveName());
    }
    return p;
  }
}
