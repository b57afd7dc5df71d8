package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionObserver;
import java.util.List;

/** Calls several {@link EncryptionObserver}s in order; one that throws does not stop the others. */
final class CompositeEncryptionObserver implements EncryptionObserver {
  private final List<EncryptionObserver> observers;

  CompositeEncryptionObserver(List<EncryptionObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public void onEncrypt(String entity, String attribute, String keyRing, String keyId, long nanos) {
    for (EncryptionObserver o : observers) {
      try {
        o.onEncrypt(entity, attribute, keyRing, keyId, nanos);
      } catch (RuntimeException ignored) {
        // Observers must not break persistence (see EncryptionObserver).
      }
    }
  }

  @Override
  public void onDecrypt(String entity, String attribute, String keyRing, String keyId, long nanos) {
    for (EncryptionObserver o : observers) {
      try {
        o.onDecrypt(entity, attribute, keyRing, keyId, nanos);
      } catch (RuntimeException ignored) {
        // as above
      }
    }
  }

  @Override
  public void onFailure(String entity, String attribute, String reason, Throwable error) {
    for (EncryptionObserver o : observers) {
      try {
        o.onFailure(entity, attribute, reason, error);
      } catch (RuntimeException ignored) {
        // as above
      }
    }
  }
}
