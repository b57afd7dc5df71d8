package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.jpa.ForeignCellFormat;
import io.github.themis4j.jpa.ForeignCells;
import io.github.themis4j.jpa.MigrationState;
import io.github.themis4j.jpa.ThemisJpaSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the per-attribute migration state settings ({@link ThemisJpaSettings#MIGRATION_PREFIX})
 * and the {@link ForeignCells} registry to the scanned attributes, at bootstrap.
 */
final class MigrationSettings {
  private MigrationSettings() {}

  static Map<String, EncryptedEntity> apply(
      Map<String, EncryptedEntity> entities, Map<String, Object> settings, ForeignCells foreign) {
    // keys compare case-insensitively: Spring Boot may hand map keys over in lower case
    Map<String, String> unused = new TreeMap<>();
    Map<String, Object> states = new LinkedHashMap<>();
    for (Map.Entry<String, Object> s : settings.entrySet()) {
      if (s.getKey().startsWith(ThemisJpaSettings.MIGRATION_PREFIX)) {
        unused.put(s.getKey().toLowerCase(Locale.ROOT), s.getKey());
        states.put(s.getKey().toLowerCase(Locale.ROOT), s.getValue());
      }
    }
    Map<String, EncryptedEntity> result = new LinkedHashMap<>();
    for (EncryptedEntity e : entities.values()) {
      List<EncryptedEntity.Binding> bindings = new ArrayList<>();
      for (EncryptedEntity.Binding b : e.bindings) {
        EncryptedAttribute a = b.attribute;
        String where = a.entityName() + "." + a.attributeName();
        String key = (ThemisJpaSettings.MIGRATION_PREFIX + where).toLowerCase(Locale.ROOT);
        MigrationState state = a.migration();
        Object value = states.get(key);
        if (value != null) {
          unused.remove(key);
          state =
              value instanceof MigrationState
                  ? (MigrationState) value
                  : MigrationState.parse(value.toString(), key);
        }
        ForeignCellFormat f =
            foreign == null ? null : foreign.formatFor(a.entityName(), a.attributeName());
        if (state == a.migration() && f == null) {
          bindings.add(b);
          continue;
        }
        try {
          bindings.add(new EncryptedEntity.Binding(a.withMigration(state, f)));
        } catch (ThemisException ex) {
          throw new EncryptionMappingException("@Encrypted on " + where + ": " + ex.getMessage(), ex);
        }
      }
      result.put(e.entityName, new EncryptedEntity(e.entityName, bindings));
    }
    if (!unused.isEmpty()) {
      throw new EncryptionMappingException(
          "migration settings name no @Encrypted attribute: "
              + unused.values()
              + " (use "
              + ThemisJpaSettings.MIGRATION_PREFIX
              + "<Entity>.<attribute> with the JPA entity name)");
    }
    return result;
  }
}
