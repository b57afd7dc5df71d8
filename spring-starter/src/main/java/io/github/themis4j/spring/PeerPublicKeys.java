package io.github.themis4j.spring;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public keys of this application's peers, by peer id: whom Secure Messages may be sent to or
 * accepted from, and which Secure Session peers are trusted.
 *
 * <p>Configured with {@code themis4j.peers.<id>=<base64 public key>}. Immutable and thread-safe.
 * Public keys are not secret; {@link #toString()} lists the peer ids.
 */
public final class PeerPublicKeys {
  private final Map<String, PublicKey> keys;

  private PeerPublicKeys(Map<String, PublicKey> keys) {
    this.keys = keys;
  }

  /**
   * Creates a peer registry from a map of peer ids to public keys (copied).
   *
   * @throws InvalidArgumentException if the map, an id or a key is null, or an id is empty
   */
  public static PeerPublicKeys of(Map<String, PublicKey> keys) {
    if (keys == null) {
      throw new InvalidArgumentException("peer keys must not be null");
    }
    Map<String, PublicKey> copy = new LinkedHashMap<>();
    keys.forEach(
        (id, key) -> {
          if (id == null || id.isEmpty()) {
            throw new InvalidArgumentException("peer id must not be null or empty");
          }
          if (key == null) {
            throw new InvalidArgumentException("public key of peer '" + id + "' must not be null");
          }
          copy.put(id, key);
        });
    return new PeerPublicKeys(Collections.unmodifiableMap(copy));
  }

  /** No peers. */
  public static PeerPublicKeys empty() {
    return new PeerPublicKeys(Map.of());
  }

  /** The public key of {@code peerId}, if it is a known peer (null gives empty). */
  public Optional<PublicKey> find(String peerId) {
    return Optional.ofNullable(peerId == null ? null : keys.get(peerId));
  }

  /**
   * The public key of {@code peerId}.
   *
   * @throws UnknownPeerException if {@code peerId} is not a configured peer
   */
  public PublicKey require(String peerId) {
    PublicKey key = peerId == null ? null : keys.get(peerId);
    if (key == null) {
      throw new UnknownPeerException(peerId);
    }
    return key;
  }

  /** Ids of all known peers, in configuration order. */
  public Set<String> ids() {
    return keys.keySet();
  }

  @Override
  public String toString() {
    return "PeerPublicKeys" + keys.keySet();
  }
}
