package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedAttributeException;
import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexes;
import java.util.Map;
import java.util.Objects;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.event.spi.PreUpsertEvent;
import org.hibernate.event.spi.PreUpsertEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Fills blind-index attributes right before a row is written: on insert always, on update only when
 * a source attribute changed (an unchanged source keeps its stored index, whatever key computed
 * it, so a rotation of the index key is the engine's work, not every update's). Runs before the
 * encryption listener, on plaintext. Registered by {@link ThemisJpaIntegrator}; thread-safe.
 */
final class BlindIndexEventListener
    implements PreInsertEventListener, PreUpdateEventListener, PreUpsertEventListener {
  private final Map<String, IndexedEntity> entities;
  private final BlindIndexes indexes;

  BlindIndexEventListener(Map<String, IndexedEntity> entities, BlindIndexes indexes) {
    this.entities = entities;
    this.indexes = indexes;
  }

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    fill(event.getPersister(), event.getEntity(), event.getId(), event.getState(), null);
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    fill(
        event.getPersister(),
        event.getEntity(),
        event.getId(),
        event.getState(),
        event.getOldState());
    return false;
  }

  @Override
  public boolean onPreUpsert(PreUpsertEvent event) {
    fill(event.getPersister(), event.getEntity(), event.getId(), event.getState(), null);
    return false;
  }

  private void fill(
      EntityPersister persister, Object entity, Object id, Object[] state, Object[] old) {
    IndexedEntity e = entities.get(persister.getEntityName());
    if (e == null || state == null) {
      return;
    }
    for (IndexedEntity.Binding b : e.bindings) {
      int[] sources = b.sourcePositions;
      Object[] values = new Object[sources.length];
      boolean changed = old == null || state[b.indexPosition] == null;
      for (int i = 0; i < sources.length; i++) {
        values[i] = plain(state[sources[i]]);
        if (old != null && !Objects.deepEquals(values[i], plain(old[sources[i]]))) {
          changed = true;
        }
      }
      if (!changed) {
        continue;
      }
      BlindIndexDefinition d = b.index;
      String value;
      try {
        value = indexes.compute(d, values);
      } catch (ThemisException ex) {
        throw new EncryptedAttributeException(
            d.entityName(),
            id == null ? null : String.valueOf(id),
            d.indexAttribute(),
            "blind-index",
            "cannot compute blind index "
                + d.where()
                + (id == null ? "" : " of the entity with identifier " + id)
                + ": "
                + ex.getMessage()
                + "; nothing is written",
            ex);
      }
      state[b.indexPosition] = value;
      persister.setValue(entity, b.indexPosition, value);
    }
  }

  private static Object plain(Object v) {
    return v instanceof PendingWrite ? ((PendingWrite) v).plaintext : v;
  }
}
