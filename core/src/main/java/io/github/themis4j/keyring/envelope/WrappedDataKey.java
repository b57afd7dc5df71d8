package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import java.time.Instant;
import java.util.Arrays;

/**
 * One data key as stored: its key id, the URI of the KEK that wrapped it, the wrapped bytes and
 * when it was created. Holds no key material in the clear. Immutable.
 */
public final class WrappedDataKey {
  private final String keyId;
  private final String kekUri;
  private final byte[] wrapped;
  private final Instant createdAt;

  /**
   * @param keyId the data key's id in its ring ({@link KeyRing#checkId} rules)
   * @param kekUri the wrapping KEK's URI
   * @param wrapped the wrapped key (copied)
   * @param createdAt when the data key was created
   */
  public WrappedDataKey(String keyId, String kekUri, byte[] wrapped, Instant createdAt) {
    this.keyId = KeyRing.checkId(keyId, "key id");
    if (kekUri == null
        || kekUri.isEmpty()
        || kekUri.length() > 500
        || kekUri.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new InvalidArgumentException(
          "KEK URI of key '" + keyId + "' must be 1-500 printable ASCII characters");
    }
    if (wrapped == null || wrapped.length == 0 || createdAt == null) {
      throw new InvalidArgumentException(
          "wrapped key '" + keyId + "' needs its bytes and creation time");
    }
    this.kekUri = kekUri;
    this.wrapped = wrapped.clone();
    this.createdAt = createdAt;
  }

  public String keyId() {
    return keyId;
  }

  public String kekUri() {
    return kekUri;
  }

  /** The wrapped key (a copy). */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedDataKey w
        && keyId.equals(w.keyId)
        && kekUri.equals(w.kekUri)
        && Arrays.equals(wrapped, w.wrapped)
        && createdAt.equals(w.createdAt);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "WrappedDataKey[" + keyId + ", " + kekUri + "]";
  }
}
