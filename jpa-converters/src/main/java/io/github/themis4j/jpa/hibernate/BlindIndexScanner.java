package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexes;
import io.github.themis4j.jpa.index.CompoundBlindIndex;
import io.github.themis4j.keyring.KeyRing;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Finds {@link BlindIndex} and {@link CompoundBlindIndex} attributes in the boot model, checks them
 * (every problem is an {@link EncryptionMappingException} naming the attribute), and later
 * resolves their state-array positions.
 */
final class BlindIndexScanner {
  private BlindIndexScanner() {}

  static Map<String, IndexedEntity> scan(Metadata metadata, Map<String, EncryptedEntity> encrypted) {
    Set<String> encryptionRings = new TreeSet<>();
    for (EncryptedEntity e : encrypted.values()) {
      for (EncryptedEntity.Binding b : e.bindings) {
        encryptionRings.add(b.attribute.keyRing());
      }
    }
    Map<String, IndexedEntity> result = new LinkedHashMap<>();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      Class<?> mapped = pc.getMappedClass();
      if (mapped == null) {
        continue;
      }
      List<IndexedEntity.Binding> bindings = new ArrayList<>();
      for (Property p : pc.getPropertyClosure()) {
        BlindIndex single = annotation(mapped, p.getName(), BlindIndex.class);
        CompoundBlindIndex compound = annotation(mapped, p.getName(), CompoundBlindIndex.class);
        if (single == null && compound == null) {
          continue;
        }
        String where = ThemisJpaIntegrator.displayName(pc) + "." + p.getName();
        if (single != null && compound != null) {
          throw fail(where, "use either @BlindIndex or @CompoundBlindIndex, not both");
        }
        checkIndexProperty(pc, p, where);
        BlindIndexDefinition.Builder b = BlindIndexDefinition.builder();
        String[] sources = single != null ? new String[] {single.of()} : compound.of();
        for (String s : sources) {
          Property source = property(pc, s, where);
          if (!(source.getValue() instanceof BasicValue) || source.getColumnSpan() != 1) {
            throw fail(where, "indexed attribute '" + s + "' must be a basic attribute");
          }
          boolean isEncrypted = ThemisJpaIntegrator.isEncrypted(source.getValue());
          if (single != null && !isEncrypted) {
            throw fail(
                where,
                "indexed attribute '"
                    + s
                    + "' is not @Encrypted; a @BlindIndex indexes an encrypted attribute (query"
                    + " a plain attribute directly)");
          }
          if (single != null && source.getValue().getTable() != p.getValue().getTable()) {
            throw fail(
                where,
                "the index column must be in the same table as '" + s + "' (declare both in "
                    + "the same class)");
          }
          Class<?> type =
              isEncrypted
                  ? ThemisJpaIntegrator.encryptedType(source.getValue())
                  : source.getType().getReturnedClass();
          b.source(s, type);
        }
        try {
          b.entity(ThemisJpaIntegrator.displayName(pc))
              .column(p.getValue().getTable().getName(), columnName(p))
              .compound(compound != null);
          if (single != null) {
            b.index(p.getName(), single.name())
                .contextNames(single.contextTable(), single.contextColumn())
                .normalize(single.normalize())
                .bits(single.bits())
                .keyRing(single.keyRing());
          } else {
            b.index(p.getName(), compound.name())
                .contextNames(compound.contextTable(), compound.contextColumn())
                .normalize(compound.normalize())
                .bits(compound.bits())
                .keyRing(compound.keyRing());
          }
          BlindIndexDefinition d = b.build();
          if (encryptionRings.contains(d.keyRing())) {
            throw fail(
                where,
                "key ring '"
                    + d.keyRing()
                    + "' encrypts attributes; a blind index needs a key ring of its own (set"
                    + " keyRing = \"...\" to a ring that encrypts nothing)");
          }
          bindings.add(new IndexedEntity.Binding(d));
        } catch (ThemisException e) {
          throw fail(where, e.getMessage());
        }
      }
      if (!bindings.isEmpty()) {
        if (pc.useDynamicUpdate()) {
          throw fail(
              ThemisJpaIntegrator.displayName(pc),
              "blind indexes cannot be used with @DynamicUpdate (the index column must be"
                  + " written with its source); remove @DynamicUpdate");
        }
        result.put(pc.getEntityName(), new IndexedEntity(pc.getEntityName(), bindings));
      }
    }
    return result;
  }

  private static void checkIndexProperty(PersistentClass pc, Property p, String where) {
    if (!(p.getValue() instanceof BasicValue)
        || p.getColumnSpan() != 1
        || !(p.getValue().getSelectables().get(0) instanceof Column)) {
      throw fail(where, "a blind index must be a basic String attribute mapped to one column");
    }
    if (ThemisJpaIntegrator.isEncrypted(p.getValue())) {
      throw fail(where, "a blind index attribute must not be @Encrypted itself");
    }
    if (p.getType().getReturnedClass() != String.class) {
      throw fail(
          where,
          "a blind index attribute must be a String, not "
              + p.getType().getReturnedClass().getSimpleName());
    }
    if (!p.isInsertable() || !p.isUpdatable()) {
      throw fail(where, "a blind index attribute must be insertable and updatable");
    }
  }

  private static Property property(PersistentClass pc, String name, String where) {
    try {
      return pc.getRecursiveProperty(name);
    } catch (org.hibernate.MappingException e) {
      throw fail(where, "no attribute '" + name + "' in " + ThemisJpaIntegrator.displayName(pc));
    }
  }

  private static String columnName(Property p) {
    return ((Column) p.getValue().getSelectables().get(0)).getName();
  }

  static <A extends Annotation> A annotation(Class<?> c, String name, Class<A> type) {
    String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (f.getName().equals(name) && f.isAnnotationPresent(type)) {
          return f.getAnnotation(type);
        }
      }
      for (Method m : k.getDeclaredMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap))
            && m.isAnnotationPresent(type)) {
          return m.getAnnotation(type);
        }
      }
    }
    return null;
  }

  private static EncryptionMappingException fail(String where, String message) {
    return new EncryptionMappingException("@BlindIndex on " + where + ": " + message);
  }

  /** Checks the index key rings (unless validation is off). */
  static void validateKeys(Map<String, IndexedEntity> entities, BlindIndexes indexes) {
    for (IndexedEntity e : entities.values()) {
      for (IndexedEntity.Binding b : e.bindings) {
        BlindIndexDefinition d = b.index;
        try {
          KeyRing ring = indexes.keyRing(d);
          d.checkKeyCount(ring);
        } catch (ThemisException ex) {
          throw new EncryptionMappingException(
              ex.getMessage()
                  + " (set '"
                  + ThemisJpaSettings.VALIDATE_KEY_RINGS
                  + "' to false if keys are provided later)",
              ex);
        }
      }
    }
  }

  /**
   * Refuses to start when a blind index exists but queries would not be translated through it: the
   * query guard delegates to the translator configured by the application, if any, which must then
   * be {@link BlindIndexSqmTranslatorFactory}.
   */
  static void checkTranslator(Map<String, IndexedEntity> entities, SessionFactoryImplementor f) {
    Object wrapped =
        f.getServiceRegistry()
            .requireService(org.hibernate.engine.config.spi.ConfigurationService.class)
            .getSettings()
            .get(io.github.themis4j.jpa.hibernate.query.GuardedSqmTranslatorFactory.WRAPPED);
    if (entities.isEmpty()
        || wrapped == null
        || wrapped.toString().trim().equals(BlindIndexSqmTranslatorFactory.class.getName())
        || wrapped instanceof BlindIndexSqmTranslatorFactory) {
      return;
    }
    IndexedEntity first = entities.values().iterator().next();
    throw new EncryptionMappingException(
        "blind index "
            + first.bindings.get(0).index.where()
            + " needs themis4j's query translator, which serves equality queries on encrypted"
            + " attributes through their indexes, but the Hibernate setting"
            + " 'hibernate.query.sqm.translator' names another one ("
            + (wrapped instanceof String ? wrapped : wrapped.getClass().getName())
            + "): remove the setting, or set it to '"
            + BlindIndexSqmTranslatorFactory.class.getName()
            + "'");
  }

  static void resolve(Map<String, IndexedEntity> entities, SessionFactoryImplementor factory) {
    for (IndexedEntity e : entities.values()) {
      EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(e.entityName);
      for (IndexedEntity.Binding b : e.bindings) {
        b.indexPosition =
            persister.findAttributeMapping(b.index.indexAttribute()).getStateArrayPosition();
        List<String> sources = b.index.sources();
        int[] positions = new int[sources.size()];
        for (int i = 0; i < positions.length; i++) {
          positions[i] = persister.findAttributeMapping(sources.get(i)).getStateArrayPosition();
        }
        b.sourcePositions = positions;
      }
    }
  }
}
