package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.jpa.ValueEncoding;
import io.github.themis4j.keyring.KeyRing;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Properties;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/**
 * Applies {@link Encrypted} to the Hibernate boot model: checks the annotation and the attribute
 * type, and gives the attribute the {@link EncryptedUserType}. Called by Hibernate for every
 * attribute carrying the annotation (through {@code @AttributeBinderType}); not meant for direct
 * use.
 */
public final class EncryptedAttributeBinder implements AttributeBinder<Encrypted> {
  /** For Hibernate. */
  public EncryptedAttributeBinder() {}

  @Override
  public void bind(
      Encrypted annotation,
      MetadataBuildingContext context,
      PersistentClass persistentClass,
      Property property) {
    String owner = ThemisJpaIntegrator.displayName(persistentClass);
    String where = owner + "." + property.getName();
    if (!(property.getValue() instanceof BasicValue)) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": only basic attributes can be encrypted, not associations, "
              + "embeddables or collections (an element collection has no identifier of its own to "
              + "bind its values to)");
    }
    BasicValue value = (BasicValue) property.getValue();
    if (value.getColumnSpan() != 1) {
      throw new EncryptionMappingException(
          "@Encrypted on " + where + ": the attribute must map to one column");
    }
    Class<?> type = javaType(value, context, persistentClass, property);
    if (type == null || !ValueEncoding.isSupported(type)) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": attribute type "
              + (type == null ? "unknown" : type.getName())
              + " cannot be encrypted; supported types: "
              + ValueEncoding.supportedTypes());
    }
    // Reported by the integrator (see MappingProblems): Hibernate would bury a throw from here.
    String problem = annotationProblem(annotation, where);
    AttributeSpec spec =
        new AttributeSpec(owner, property.getName(), ValueEncoding.forType(type), annotation);
    Properties parameters = new Properties();
    if (value.getTypeParameters() != null) {
      parameters.putAll(value.getTypeParameters());
    }
    parameters.put(EncryptedUserType.SPEC_PARAMETER, spec);
    value.setTypeParameters(parameters);
    try {
      value.setExplicitCustomType(EncryptedUserType.class);
    } catch (UnsupportedOperationException e) {
      throw new EncryptionMappingException(
          "@Encrypted on "
              + where
              + ": the attribute's type was already fixed by another mapping "
              + "annotation (@Type, @Convert, @JdbcTypeCode...); remove it",
          e);
    }
    if (problem != null) {
      MappingProblems.record(persistentClass, property.getName(), problem);
    }
  }

  /** What is wrong with the annotation's own values, or null. */
  private static String annotationProblem(Encrypted a, String where) {
    try {
      KeyRing.checkId(a.keyRing(), "key ring name");
      if (!a.keyId().isEmpty()) {
        KeyRing.checkId(a.keyId(), "key id");
      }
    } catch (InvalidArgumentException e) {
      return "@Encrypted on " + where + ": " + e.getMessage();
    }
    if (a.mode() == CellMode.TOKEN_PROTECT && a.tokenAttribute().isEmpty()) {
      return "@Encrypted on "
          + where
          + ": TOKEN_PROTECT needs tokenAttribute, the attribute (and column) of the same entity"
          + " that stores the authentication token (a byte[] for a binary column, a String for"
          + " format = BASE64)";
    }
    if (a.mode() != CellMode.TOKEN_PROTECT && !a.tokenAttribute().isEmpty()) {
      return "@Encrypted on " + where + ": tokenAttribute is only meaningful with mode TOKEN_PROTECT";
    }
    return null;
  }

  private static Class<?> javaType(
      BasicValue value,
      MetadataBuildingContext context,
      PersistentClass persistentClass,
      Property property) {
    try {
      Type t = value.impliedJavaType(context.getMetadataCollector().getTypeConfiguration());
      if (t instanceof Class) {
        return (Class<?>) t;
      }
    } catch (RuntimeException e) {
      // fall back to reflection below
    }
    Class<?> owner = persistentClass.getMappedClass();
    for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(property.getName())) {
          return f.getType();
        }
      }
      String suffix =
          Character.toUpperCase(property.getName().charAt(0)) + property.getName().substring(1);
      for (Method m : c.getDeclaredMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix))) {
          return m.getReturnType();
        }
      }
    }
    return null;
  }
}
