package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedAttributeException;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keyring.envelope.KeyShreddedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PostUpsertEvent;
import org.hibernate.event.spi.PostUpsertEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreLoadEvent;
import org.hibernate.event.spi.PreLoadEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.event.spi.PreUpsertEvent;
import org.hibernate.event.spi.PreUpsertEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Encrypts encrypted attributes in Hibernate's state array right before a row is written, puts the
 * plaintext back right after (so the persistence context only ever holds plaintext and dirty
 * checking compares plaintexts), and decrypts them right after a row is read, before the values
 * reach the entity. Registered by {@link ThemisJpaIntegrator}. Stateless apart from its immutable
 * configuration; thread-safe.
 */
public final class EncryptionEventListener
    implements PreInsertEventListener,
        PreUpdateEventListener,
        PreUpsertEventListener,
        PostInsertEventListener,
        PostUpdateEventListener,
        PostUpsertEventListener,
        PreLoadEventListener {
  private static final Logger LOG = Logger.getLogger(EncryptionEventListener.class.getName());

  private final java.util.concurrent.atomic.AtomicBoolean observerFailed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Map<String, EncryptedEntity> entities;
  private final EncryptedValueCodec codec;
  private final EncryptionObserver observer;
  private final boolean shreddedAsNull;

  EncryptionEventListener(
      Map<String, EncryptedEntity> entities,
      EncryptedValueCodec codec,
      EncryptionObserver observer) {
    this(entities, codec, observer, false);
  }

  EncryptionEventListener(
      Map<String, EncryptedEntity> entities,
      EncryptedValueCodec codec,
      EncryptionObserver observer,
      boolean shreddedAsNull) {
    this.entities = entities;
    this.codec = codec;
    this.observer = observer;
    this.shreddedAsNull = shreddedAsNull;
  }

  /** Every encrypted attribute this listener handles. */
  public List<EncryptedAttribute> attributes() {
    List<EncryptedAttribute> all = new ArrayList<>();
    for (EncryptedEntity e : entities.values()) {
      for (EncryptedEntity.Binding b : e.bindings) {
        all.add(b.attribute);
      }
    }
    return Collections.unmodifiableList(all);
  }

  /** The codec (and through it the key ring provider) this listener uses. */
  public EncryptedValueCodec codec() {
    return codec;
  }

  // ---- writes ---------------------------------------------------------------------------------

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    encrypt(event.getPersister(), event.getEntity(), event.getId(), event.getState());
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    encrypt(event.getPersister(), event.getEntity(), event.getId(), event.getState());
    return false;
  }

  @Override
  public boolean onPreUpsert(PreUpsertEvent event) {
    EntityPersister persister = event.getPersister();
    EncryptedEntity e = entities.get(persister.getEntityName());
    if (e != null && persister.isVersioned()) {
      // StatelessSession.upsert() copies the state array back into a versioned entity after this
      // event, which would put encrypted placeholders into the entity's fields.
      EncryptedAttribute a = e.bindings.get(0).attribute;
      throw new EncryptedAttributeException(
          a.entityName(),
          idText(event.getId()),
          a.attributeName(),
          "unsupported",
          "StatelessSession.upsert() is not supported for versioned entities with encrypted "
              + "attributes ("
              + a.entityName()
              + "); use insert() or update(), or a regular Session",
          null);
    }
    encrypt(persister, event.getEntity(), event.getId(), event.getState());
    return false;
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    restore(event.getPersister(), event.getState());
  }

  @Override
  public void onPostUpdate(PostUpdateEvent event) {
    restore(event.getPersister(), event.getState());
  }

  @Override
  public void onPostUpsert(PostUpsertEvent event) {
    restore(event.getPersister(), event.getState());
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return false;
  }

  private void encrypt(EntityPersister persister, Object entity, Object id, Object[] state) {
    EncryptedEntity e = entities.get(persister.getEntityName());
    if (e == null || state == null) {
      return;
    }
    for (EncryptedEntity.Binding b : e.bindings) {
      EncryptedAttribute a = b.attribute;
      Object value = state[b.index];
      if (value instanceof PendingWrite) {
        value = ((PendingWrite) value).plaintext; // written before by a vetoed or repeated event
      }
      if (value instanceof StoredColumn) {
        throw new IllegalStateException(
            "undecrypted value of " + a.entityName() + "." + a.attributeName());
      }
      if (value == null) {
        if (b.tokenIndex >= 0) {
          setToken(persister, entity, state, b.tokenIndex, null);
        }
        continue;
      }
      long start = System.nanoTime();
      EncryptedAttribute.Columns columns;
      try {
        columns = a.encrypt(codec, value, id);
      } catch (ThemisException | ClassCastException ex) {
        String reason = reason(ex, true);
        notifyFailure(a, reason, ex);
        throw new EncryptedAttributeException(
            a.entityName(),
            idText(id),
            a.attributeName(),
            reason,
            "cannot encrypt attribute '"
                + a.attributeName()
                + "' of entity "
                + a.entityName()
                + describeId(id)
                + ": "
                + ex.getMessage()
                + "; nothing is written",
            ex);
      }
      state[b.index] = new PendingWrite(value, columns.value());
      if (b.tokenIndex >= 0) {
        setToken(persister, entity, state, b.tokenIndex, columns.token());
      }
      long nanos = System.nanoTime() - start;
      try {
        observer.onEncrypt(a.entityName(), a.attributeName(), a.keyRing(), columns.keyId(), nanos);
      } catch (RuntimeException ex) {
        observerFailed("onEncrypt", ex);
      }
    }
  }

  private static void setToken(
      EntityPersister persister, Object entity, Object[] state, int index, Object token) {
    state[index] = token;
    persister.setValue(entity, index, token instanceof byte[] ? ((byte[]) token).clone() : token);
  }

  private void restore(EntityPersister persister, Object[] state) {
    EncryptedEntity e = entities.get(persister.getEntityName());
    if (e == null || state == null) {
      return;
    }
    for (EncryptedEntity.Binding b : e.bindings) {
      if (state[b.index] instanceof PendingWrite) {
        state[b.index] = ((PendingWrite) state[b.index]).plaintext;
      }
    }
  }

  // ---- reads ----------------------------------------------------------------------------------

  @Override
  public void onPreLoad(PreLoadEvent event) {
    EncryptedEntity e = entities.get(event.getPersister().getEntityName());
    Object[] state = event.getState();
    if (e == null || state == null) {
      return;
    }
    Object id = event.getId();
    for (EncryptedEntity.Binding b : e.bindings) {
      if (!(state[b.index] instanceof StoredColumn)) {
        continue; // null, or already plaintext
      }
      EncryptedAttribute a = b.attribute;
      Object column = ((StoredColumn) state[b.index]).column;
      Object token = b.tokenIndex >= 0 ? state[b.tokenIndex] : null;
      long start = System.nanoTime();
      String keyId = null;
      try {
        keyId = a.storedKeyId(codec, column, token);
        state[b.index] = a.decrypt(codec, column, token, id);
      } catch (ThemisException | ClassCastException ex) {
        String reason = reason(ex, false);
        notifyFailure(a, reason, ex);
        if (shreddedAsNull && ex instanceof KeyShreddedException) {
          state[b.index] = null; // crypto-shredded on purpose: configured to load as null
          continue;
        }
        throw new EncryptedAttributeException(
            a.entityName(),
            idText(id),
            a.attributeName(),
            reason,
            "cannot decrypt attribute '"
                + a.attributeName()
                + "' of entity "
                + a.entityName()
                + describeId(id)
                + ": "
                + explain(reason, ex),
            ex);
      }
      long nanos = System.nanoTime() - start;
      try {
        observer.onDecrypt(a.entityName(), a.attributeName(), a.keyRing(), keyId, nanos);
      } catch (RuntimeException ex) {
        observerFailed("onDecrypt", ex);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void notifyFailure(EncryptedAttribute a, String reason, Throwable ex) {
    try {
      observer.onFailure(a.entityName(), a.attributeName(), reason, ex);
    } catch (RuntimeException oops) {
      observerFailed("onFailure", oops);
    }
  }

  /** Observer exceptions are ignored: logged as a warning the first time, then at FINE level. */
  private void observerFailed(String method, RuntimeException ex) {
    Level level = observerFailed.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
    LOG.log(
        level,
        "EncryptionObserver." + method + " failed (further failures are logged at FINE level)",
        ex);
  }

  private static String reason(Throwable ex, boolean writing) {
    if (ex instanceof KeyShreddedException) {
      return EncryptionObserver.SHREDDED;
    } else if (ex instanceof UnknownKeyException) {
      return EncryptionObserver.UNKNOWN_KEY;
    } else if (ex instanceof AuthenticationFailedException) {
      return EncryptionObserver.AUTHENTICATION;
    } else if (ex instanceof MalformedDataException) {
      return EncryptionObserver.MALFORMED;
    }
    return writing ? EncryptionObserver.ENCODE : EncryptionObserver.MALFORMED;
  }

  private static String explain(String reason, Throwable ex) {
    if (reason.equals(EncryptionObserver.AUTHENTICATION)) {
      return "authentication failed: wrong key, a tampered value, or a value copied from another"
          + " row, column or table";
    }
    return ex.getMessage();
  }

  private static String idText(Object id) {
    return id == null ? null : String.valueOf(id);
  }

  private static String describeId(Object id) {
    return id == null ? " (identifier not assigned yet)" : " with identifier " + id;
  }
}
