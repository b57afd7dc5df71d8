package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.OptimisticLockStyle;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.KeyValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.UnionSubclass;
import org.hibernate.mapping.Value;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.CustomType;
import org.hibernate.type.Type;

/**
 * Hooks the themis4j JPA integration into Hibernate: found through {@code
 * META-INF/services/org.hibernate.integrator.spi.Integrator}, it checks every {@code @Encrypted}
 * mapping, reads the {@link ThemisJpaSettings}, and registers the {@link EncryptionEventListener}.
 * Does nothing when no entity has an encrypted attribute. Every problem found fails the session
 * factory build with an {@link EncryptionMappingException}.
 */
public final class ThemisJpaIntegrator implements Integrator {
  private static final Logger LOG = Logger.getLogger(ThemisJpaIntegrator.class.getName());

  /** For the service loader. */
  public ThemisJpaIntegrator() {}

  @Override
  public void integrate(
      Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
    Map<String, EncryptedEntity> entities = scan(metadata);
    if (entities.isEmpty()) {
      return;
    }
    Map<String, Object> settings =
        factory.getServiceRegistry().requireService(ConfigurationService.class).getSettings();
    ClassLoaderService classes =
        factory.getServiceRegistry().requireService(ClassLoaderService.class);
    KeyRingProvider provider =
        instance(
            settings.get(ThemisJpaSettings.KEY_RING_PROVIDER),
            KeyRingProvider.class,
            classes,
            ThemisJpaSettings.KEY_RING_PROVIDER);
    if (provider == null) {
      throw new EncryptionMappingException(
          "entities have @Encrypted attributes ("
              + names(entities)
              + ") but no key ring provider is "
              + "configured: set the Hibernate setting '"
              + ThemisJpaSettings.KEY_RING_PROVIDER
              + "' to a io.github.themis4j.keyring.KeyRingProvider (an instance or a class name)");
    }
    EncryptionObserver observer =
        instance(
            settings.get(ThemisJpaSettings.OBSERVER),
            EncryptionObserver.class,
            classes,
            ThemisJpaSettings.OBSERVER);
    Object validate = settings.get(ThemisJpaSettings.VALIDATE_KEY_RINGS);
    if (validate == null || !"false".equalsIgnoreCase(validate.toString().trim())) {
      validateKeys(entities, provider);
    }
    EncryptionEventListener listener =
        new EncryptionEventListener(
            Collections.unmodifiableMap(entities),
            new EncryptedValueCodec(provider),
            observer == null ? EncryptionObserver.NONE : observer);
    EventListenerRegistry listeners =
        factory.getServiceRegistry().requireService(EventListenerRegistry.class);
    listeners.appendListeners(EventType.PRE_INSERT, listener);
    listeners.appendListeners(EventType.PRE_UPDATE, listener);
    listeners.appendListeners(EventType.PRE_UPSERT, listener);
    listeners.appendListeners(EventType.POST_INSERT, listener);
    listeners.appendListeners(EventType.POST_UPDATE, listener);
    listeners.appendListeners(EventType.POST_UPSERT, listener);
    listeners.appendListeners(EventType.PRE_LOAD, listener);
    factory.addObserver(
        new SessionFactoryObserver() {
          private static final long serialVersionUID = 1L;

          @Override
          public void sessionFactoryCreated(SessionFactory created) {
            resolve(entities, (SessionFactoryImplementor) created);
          }
        });
  }

  // ---- boot model -----------------------------------------------------------------------------

  static Map<String, EncryptedEntity> scan(Metadata metadata) {
    Map<String, EncryptedEntity> result = new LinkedHashMap<>();
    MappingProblems.throwFirst(metadata);
    for (PersistentClass pc : metadata.getEntityBindings()) {
      String entity = displayName(pc);
      rejectNested(pc.getIdentifier(), entity + " identifier");
      if (pc.getIdentifierProperty() != null
          && isEncrypted(pc.getIdentifierProperty().getValue())) {
        throw new EncryptionMappingException(
            "@Encrypted on "
                + entity
                + "."
                + pc.getIdentifierProperty().getName()
                + ": identifiers cannot be encrypted (every encrypted value is bound to the"
                + " identifier)");
      }
      if (pc.getVersion() != null && isEncrypted(pc.getVersion().getValue())) {
        throw new EncryptionMappingException(
            "@Encrypted on "
                + entity
                + "."
                + pc.getVersion().getName()
                + ": versions cannot be encrypted");
      }
      List<EncryptedEntity.Binding> bindings = new ArrayList<>();
      Set<String> tokens = new LinkedHashSet<>();
      for (Property p : pc.getPropertyClosure()) {
        Value v = p.getValue();
        if (v instanceof Component) {
          rejectNested(v, entity + "." + p.getName());
          continue;
        }
        if (!isEncrypted(v)) {
          continue;
        }
        AttributeSpec spec = spec(v);
        String where = entity + "." + p.getName();
        checkProperty(pc, p, spec, where);
        String tokenColumn = null;
        if (spec.mode == CellMode.TOKEN_PROTECT) {
          tokenColumn = checkToken(pc, spec, where);
          if (!tokens.add(spec.tokenAttribute)) {
            throw new EncryptionMappingException(
                "@Encrypted on "
                    + where
                    + ": token attribute '"
                    + spec.tokenAttribute
                    + "' is already used by another encrypted attribute");
          }
        }
        String table = (pc instanceof UnionSubclass ? pc.getTable() : v.getTable()).getName();
        KeyValue idValue = pc.getIdentifier();
        String idColumn =
            idValue != null && idValue.getColumnSpan() == 1 ? columnName(idValue) : null;
        String idAttribute =
            pc.getIdentifierProperty() == null ? null : pc.getIdentifierProperty().getName();
        EncryptedAttribute attribute;
        try {
          attribute =
              EncryptedAttribute.builder()
                  .entity(entity)
                  .attribute(p.getName(), spec.encoding.javaType())
                  .mode(spec.mode)
                  .key(spec.keyRing, spec.keyId)
                  .format(spec.format)
                  .column(table, columnName(v))
                  .contextNames(spec.contextTable, spec.contextColumn)
                  .boundToId(spec.bindToId)
                  .token(spec.tokenAttribute, tokenColumn)
                  .id(idAttribute, idColumn)
                  .build();
        } catch (ThemisException e) {
          throw new EncryptionMappingException("@Encrypted on " + where + ": " + e.getMessage(), e);
        }
        warnIfUnpinnedImprint(spec, where);
        bindings.add(new EncryptedEntity.Binding(attribute));
      }
      if (!bindings.isEmpty()) {
        result.put(pc.getEntityName(), new EncryptedEntity(pc.getEntityName(), bindings));
      }
    }
    return result;
  }

  private static void checkProperty(
      PersistentClass pc, Property p, AttributeSpec spec, String where) {
    if (spec.bindToId) {
      KeyValue id = pc.getIdentifier();
      if (pc.getIdentifierMapper() != null || id instanceof Component || id == null) {
        throw new EncryptionMappingException(
            "@Encrypted on "
                + where
                + ": entity "
                + displayName(pc)
                + " has a composite identifier, "
                + "which cannot be part of the encryption context; use a single-column identifier "
                + "(Long, Integer, String, UUID...) or set @Encrypted(bindToId = false)");
      }
      Class<?> idClass = id.getType().getReturnedClass();
      if (CellContext.idType(idClass) == null) {
        throw new EncryptionMappingException(
            "@Encrypted on "
                + where
                + ": identifier type "
                + idClass.getName()
                + " of entity "
                + displayName(pc)
                + " cannot be part of the encryption context; supported: Long, Integer, Short,"
                + " Byte, BigInteger, String, UUID (or set @Encrypted(bindToId = false))");
      }
    }
    if (p.isNaturalIdentifier()) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": a natural id is looked up by value, which randomized "
              + "encryption makes impossible; remove @NaturalId or @Encrypted");
    }
    if (p.isLazy()) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": lazy basic attributes are loaded without the load events "
              + "that decrypt them; remove fetch = LAZY");
    }
    OptimisticLockStyle lock = pc.getOptimisticLockStyle();
    if ((lock == OptimisticLockStyle.ALL || lock == OptimisticLockStyle.DIRTY)
        && p.isOptimisticLocked()) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": optimistic locking of type "
              + lock
              + " compares old column "
              + "values in the WHERE clause, which randomized encryption makes impossible; use "
              + "@Version, or exclude the attribute with @OptimisticLock(excluded = true)");
    }
  }

  private static String checkToken(PersistentClass pc, AttributeSpec spec, String where) {
    if (pc.useDynamicUpdate()) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": TOKEN_PROTECT cannot be used with @DynamicUpdate (the token "
              + "column must be written with the data column); remove @DynamicUpdate or use SEAL");
    }
    Property token;
    try {
      token = pc.getProperty(spec.tokenAttribute);
    } catch (org.hibernate.MappingException e) {
      token = null;
    }
    Class<?> expected = spec.format == ColumnFormat.BINARY ? byte[].class : String.class;
    if (token == null
        || !(token.getValue() instanceof BasicValue)
        || token.getValue().getColumnSpan() != 1) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": token attribute '"
              + spec.tokenAttribute
              + "' must be a basic "
              + expected.getSimpleName()
              + " attribute of "
              + displayName(pc)
              + " mapped to one column");
    }
    if (isEncrypted(token.getValue())) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": token attribute '"
              + spec.tokenAttribute
              + "' must not be encrypted");
    }
    Class<?> actual = token.getType().getReturnedClass();
    if (actual != expected) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": token attribute '"
              + spec.tokenAttribute
              + "' must be of type "
              + expected.getSimpleName()
              + " for format "
              + spec.format
              + ", not "
              + actual.getSimpleName());
    }
    if (!token.isInsertable() || !token.isUpdatable()) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": token attribute '"
              + spec.tokenAttribute
              + "' must be insertable and updatable");
    }
    return columnName(token.getValue());
  }

  /**
   * Context Imprint stores no key id: an attribute that does not pin its key follows the ring's
   * active key, so its stored values decrypt to garbage (unauthenticated, no error) once the ring
   * is rotated. Legal, but almost always a mistake: say so at startup.
   */
  private static void warnIfUnpinnedImprint(AttributeSpec spec, String where) {
    if (spec.mode == CellMode.CONTEXT_IMPRINT && (spec.keyId == null || spec.keyId.isEmpty())) {
      LOG.warning(
          "@Encrypted on "
              + where
              + " uses CONTEXT_IMPRINT without a pinned keyId: its values store no key id and are"
              + " encrypted under the active key of key ring '"
              + spec.keyRing
              + "', so after a rotation of that ring they read back as garbage"
              + " (Context Imprint is unauthenticated). Pin the key:"
              + " @Encrypted(mode = CONTEXT_IMPRINT, keyId = \"...\") (docs/FORMAT.md).");
    }
  }

  private static void rejectNested(Value v, String where) {
    if (v instanceof Component) {
      for (Property p : ((Component) v).getProperties()) {
        if (isEncrypted(p.getValue())) {
          throw new EncryptionMappingException(
              "@Encrypted on "
                  + where
                  + "."
                  + p.getName()
                  + ": attributes of embeddables and composite "
                  + "identifiers cannot be encrypted yet; move the attribute to the entity");
        }
        rejectNested(p.getValue(), where + "." + p.getName());
      }
    }
  }

  /** The JPA entity name (short), used in messages and metrics. */
  static String displayName(PersistentClass pc) {
    String jpa = pc.getJpaEntityName();
    return jpa == null || jpa.isEmpty() ? pc.getEntityName() : jpa;
  }

  static boolean isEncrypted(Value v) {
    if (!(v instanceof BasicValue)) {
      return false;
    }
    Type t = v.getType();
    return t instanceof CustomType
        && ((CustomType<?>) t).getUserType() instanceof EncryptedUserType;
  }

  private static AttributeSpec spec(Value v) {
    return ((EncryptedUserType) ((CustomType<?>) v.getType()).getUserType()).spec();
  }

  private static String columnName(Value v) {
    Selectable s = v.getSelectables().get(0);
    if (!(s instanceof Column)) {
      throw new EncryptionMappingException(
          "an encrypted attribute must map to a column, not a formula");
    }
    return ((Column) s).getName();
  }

  private static String names(Map<String, EncryptedEntity> entities) {
    return entities.values().stream()
        .flatMap(e -> e.bindings.stream())
        .map(b -> b.attribute.entityName() + "." + b.attribute.attributeName())
        .limit(5)
        .collect(Collectors.joining(", "));
  }

  // ---- settings -------------------------------------------------------------------------------

  private static <T> T instance(
      Object setting, Class<T> type, ClassLoaderService classes, String name) {
    if (setting == null || (setting instanceof String && ((String) setting).trim().isEmpty())) {
      return null;
    }
    if (type.isInstance(setting)) {
      return type.cast(setting);
    }
    Class<?> c;
    if (setting instanceof Class) {
      c = (Class<?>) setting;
    } else if (setting instanceof String) {
      try {
        c = classes.classForName(((String) setting).trim());
      } catch (RuntimeException e) {
        throw new EncryptionMappingException(
            "setting '" + name + "': class " + setting + " not found", e);
      }
    } else {
      throw new EncryptionMappingException(
          "setting '"
              + name
              + "' must be a "
              + type.getName()
              + ", a Class or a class name, not a "
              + setting.getClass().getName());
    }
    if (!type.isAssignableFrom(c)) {
      throw new EncryptionMappingException(
          "setting '" + name + "': " + c.getName() + " does not implement " + type.getName());
    }
    try {
      return type.cast(c.getConstructor().newInstance());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new EncryptionMappingException(
          "setting '"
              + name
              + "': cannot instantiate "
              + c.getName()
              + " (it needs a public no-argument constructor)",
          e);
    }
  }

  private static void validateKeys(
      Map<String, EncryptedEntity> entities, KeyRingProvider provider) {
    for (EncryptedEntity e : entities.values()) {
      for (EncryptedEntity.Binding b : e.bindings) {
        EncryptedAttribute a = b.attribute;
        try {
          KeyRing ring = provider.keyRing(a.keyRing());
          if (ring == null) {
            throw new EncryptionMappingException(
                "key ring provider returned null for '" + a.keyRing() + "'");
          }
          if (a.keyId() != null) {
            ring.key(a.keyId());
          }
        } catch (ThemisException ex) {
          throw new EncryptionMappingException(
              "@Encrypted on "
                  + a.entityName()
                  + "."
                  + a.attributeName()
                  + ": "
                  + ex.getMessage()
                  + " (set '"
                  + ThemisJpaSettings.VALIDATE_KEY_RINGS
                  + "' to false if keys are "
                  + "provided later)",
              ex);
        }
      }
    }
  }

  // ---- runtime model --------------------------------------------------------------------------

  private static String display(EncryptedEntity e) {
    return e.bindings.get(0).attribute.entityName();
  }

  private static void resolve(
      Map<String, EncryptedEntity> entities, SessionFactoryImplementor factory) {
    for (EncryptedEntity e : entities.values()) {
      EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(e.entityName);
      List<String> bound = new ArrayList<>();
      for (EncryptedEntity.Binding b : e.bindings) {
        if (b.attribute.isBoundToId()) {
          bound.add(b.attribute.attributeName());
        }
      }
      if (!bound.isEmpty()
          && persister.getGenerator() != null
          && persister.getGenerator().generatedOnExecution()) {
        throw new EncryptionMappingException(
            "entity "
                + display(e)
                + " gets its identifier from the database during the insert "
                + "(IDENTITY column or similar), so its @Encrypted attributes "
                + bound
                + " cannot be "
                + "bound to the identifier: it is not known when they are encrypted. Use "
                + "@GeneratedValue(strategy = GenerationType.SEQUENCE), a UUID identifier "
                + "(@GeneratedValue(strategy = GenerationType.UUID)) or an assigned identifier; or "
                + "set @Encrypted(bindToId = false) on these attributes to bind them to table and "
                + "column only");
      }
      if (persister.canWriteToCache() || persister.canReadFromCache()) {
        throw new EncryptionMappingException(
            "entity "
                + display(e)
                + " has @Encrypted attributes and is in the second-level cache, "
                + "which would hold their plaintext; remove @Cache/@Cacheable from it");
      }
      for (EncryptedEntity.Binding b : e.bindings) {
        b.index =
            persister.findAttributeMapping(b.attribute.attributeName()).getStateArrayPosition();
        if (b.attribute.tokenAttribute() != null) {
          b.tokenIndex =
              persister.findAttributeMapping(b.attribute.tokenAttribute()).getStateArrayPosition();
        }
      }
    }
  }
}
