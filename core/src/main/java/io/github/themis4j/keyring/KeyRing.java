package io.github.themis4j.keyring;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.SymmetricKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of Secure Cell master keys, each with a key id, one of them active.
 *
 * <p>New data is encrypted with the {@linkplain #activeKey() active key}; data is decrypted with
 * whichever key its stored key id names, so old keys keep working after a rotation until the
 * data is re-encrypted and the old key removed.
 *
 * <p>Key ids are 1 to 64 characters from {@code [A-Za-z0-9._-]}, so that they can be stored
 * beside ciphertexts, logged and named in error messages. Immutable and thread-safe.
 *
 * <pre>{@code
 * KeyRing pii = KeyRing.builder("pii")
 *     .add("2026-01", SymmetricKey.fromBytes(oldKey))
 *     .add("2026-11", SymmetricKey.fromBytes(newKey))
 *     .active("2026-11")
 *     .build();
 * }</pre>
 */
public final class KeyRing {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String name;
  private final Map<String, SymmetricKey> keys;
  private final String activeKeyId;

  private KeyRing(String name, Map<String, SymmetricKey> keys, String activeKeyId) {
    this.name = name;
    this.keys = keys;
    this.activeKeyId = activeKeyId;
  }

  /**
   * Starts building a ring called {@code name}.
   *
   * @param name the ring's name, 1 to 64 characters from {@code [A-Za-z0-9._-]}
   * @return a new builder (not thread-safe; the ring it builds is)
   * @throws InvalidArgumentException if {@code name} is null or not a valid name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A ring with a single key, which is active.
   *
   * @param name the ring's name, 1 to 64 characters from {@code [A-Za-z0-9._-]}
   * @param keyId the key's id, same rules as {@code name}
   * @param key the key; not null
   * @return the ring
   * @throws InvalidArgumentException if an argument is null, or the name or id is not valid
   */
  public static KeyRing of(String name, String keyId, SymmetricKey key) {
    return builder(name).add(keyId, key).active(keyId).build();
  }

  /**
   * Checks that {@code s} is a valid key ring name or key id: 1 to 64 characters from {@code
   * [A-Za-z0-9._-]}. Public so that the JPA integration and the Spring starter validate names from
   * annotations and configuration with the same rule; the rejected value is not echoed in the
   * message.
   *
   * @param s the name or id to check (null is rejected)
   * @param what what {@code s} is, for the exception message (for example {@code "key id"})
   * @return {@code s}
   * @throws InvalidArgumentException if {@code s} is null or not a valid name or id
   */
  public static String checkId(String s, String what) {
    if (s == null || !ID.matcher(s).matches()) {
      throw new InvalidArgumentException(what + " must be 1-64 characters of [A-Za-z0-9._-]");
    }
    return s;
  }

  /** The ring's name; never null. */
  public String name() {
    return name;
  }

  /** The id of the key new data is encrypted with; never null. */
  public String activeKeyId() {
    return activeKeyId;
  }

  /** The key new data is encrypted with; never null. */
  public SymmetricKey activeKey() {
    return keys.get(activeKeyId);
  }

  /**
   * Returns the key with this id.
   *
   * @param keyId the key id, typically as stored beside a ciphertext
   * @return the key; never null
   * @throws UnknownKeyException if this ring does not hold it (including a null or malformed id,
   *     which the message does not echo)
   */
  public SymmetricKey key(String keyId) {
    SymmetricKey k = keyId == null ? null : keys.get(keyId);
    if (k == null) {
      // Key ids come back from storage: name one only if it is well formed (no log injection, bounded).
      String shown = keyId != null && ID.matcher(keyId).matches() ? "'" + keyId + "'" : "(malformed key id)";
      throw new UnknownKeyException(name, keyId, "key ring '" + name + "' has no key with id " + shown);
    }
    return k;
  }

  /**
   * Whether this ring holds a key with this id.
   *
   * @param keyId the key id; null gives false
   * @return true if {@link #key(String)} would return a key for it
   */
  public boolean contains(String keyId) {
    return keys.containsKey(keyId);
  }

  /** Key ids in the order they were added (an unmodifiable view). */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * A copy of this ring with another active key (which must already be in the ring).
   *
   * @param keyId the id of the key to make active
   * @return the new ring; this one is unchanged
   * @throws UnknownKeyException if this ring does not hold {@code keyId}
   */
  public KeyRing withActive(String keyId) {
    key(keyId);
    return new KeyRing(name, keys, keyId);
  }

  @Override
  public String toString() {
    return "KeyRing[" + name + ", keys " + keys.keySet() + ", active " + activeKeyId + "]";
  }

  /**
   * Builds a {@link KeyRing}; rejects duplicate ids and a missing active key. Not thread-safe: use
   * a builder from one thread.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, SymmetricKey> keys = new LinkedHashMap<>();
    private String active;

    private Builder(String name) {
      this.name = checkId(name, "key ring name");
    }

    /**
     * Adds a key.
     *
     * @param keyId the key's id, 1 to 64 characters from {@code [A-Za-z0-9._-]}, unique in the ring
     * @param key the key; not null
     * @return this builder
     * @throws InvalidArgumentException if an argument is null, the id is not valid, or the ring
     *     already has a key with this id
     */
    public Builder add(String keyId, SymmetricKey key) {
      checkId(keyId, "key id");
      if (key == null) {
        throw new InvalidArgumentException("key '" + keyId + "' in ring '" + name + "' must not be null");
      }
      if (keys.putIfAbsent(keyId, key) != null) {
        throw new InvalidArgumentException("key ring '" + name + "' has two keys with id '" + keyId + "'");
      }
      return this;
    }

    /**
     * Names the active key: the one new data is encrypted with. It must be {@linkplain #add added}
     * before {@link #build()} (before or after this call).
     *
     * @param keyId the id of the active key
     * @return this builder
     * @throws InvalidArgumentException if {@code keyId} is null or not a valid id
     */
    public Builder active(String keyId) {
      this.active = checkId(keyId, "active key id");
      return this;
    }

    /**
     * Builds the ring. The builder may be used further; the ring does not change with it.
     *
     * @return the immutable, thread-safe ring
     * @throws InvalidArgumentException if no key was added, no active key was named, or the active
     *     key id names no added key
     */
    public KeyRing build() {
      if (keys.isEmpty()) {
        throw new InvalidArgumentException("key ring '" + name + "' has no keys");
      }
      if (active == null) {
        throw new InvalidArgumentException("key ring '" + name + "' has no active key");
      }
      if (!keys.containsKey(active)) {
        throw new InvalidArgumentException(
            "key ring '" + name + "' names active key '" + active + "', which it does not hold");
      }
      return new KeyRing(name, Collections.unmodifiableMap(new LinkedHashMap<>(keys)), active);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRing
        && name.equals(((KeyRing) o).name)
        && activeKeyId.equals(((KeyRing) o).activeKeyId)
        && keys.equals(((KeyRing) o).keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, activeKeyId);
  }
}
