package io.github.themis4j.jpa.migration;

import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.MigrationState;
import io.github.themis4j.jpa.engine.PassColumn;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.ReencryptionException;
import io.github.themis4j.jpa.engine.StoredAttribute;
import io.github.themis4j.jpa.engine.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The walks of the migration passes: one per table, over the columns of its read-legacy attributes
 * (of the chosen entities), with the attributes as the attachment.
 */
final class LegacyWalks {
  private LegacyWalks() {}

  /** One read-legacy attribute and the column it is stored in. */
  static final class Target {
    final EncryptedAttribute attribute;
    final String column;

    Target(EncryptedAttribute attribute, String column) {
      this.attribute = attribute;
      this.column = column;
    }

    String subject() {
      return attribute.entityName() + "." + attribute.attributeName();
    }
  }

  static List<StoredAttribute> targets(PassContext context, Set<String> entities) {
    List<StoredAttribute> out = new ArrayList<>();
    for (StoredAttribute sa : context.storedAttributes(entities)) {
      if (sa.skipReason() == null && sa.attribute().migration() == MigrationState.READ_LEGACY) {
        out.add(sa);
      }
    }
    if (out.isEmpty()) {
      throw new ReencryptionException(
          "no @Encrypted attribute"
              + (entities.isEmpty() ? "" : " of " + entities)
              + " is in migration state read-legacy: set it on the attributes to migrate"
              + " (docs/ADOPTING.md)");
    }
    return out;
  }

  static List<PassTable> walks(List<StoredAttribute> targets, String fingerprint) {
    Map<String, List<StoredAttribute>> byTable = new LinkedHashMap<>();
    Map<String, TableRef> refs = new LinkedHashMap<>();
    for (StoredAttribute sa : targets) {
      byTable.computeIfAbsent(sa.tableName(), t -> new ArrayList<>()).add(sa);
      refs.putIfAbsent(sa.tableName(), sa.table());
    }
    List<PassTable> walks = new ArrayList<>();
    for (Map.Entry<String, List<StoredAttribute>> e : byTable.entrySet()) {
      PassTable.Builder b = PassTable.builder(refs.get(e.getKey()));
      List<Target> attachment = new ArrayList<>();
      StringBuilder label = new StringBuilder();
      for (StoredAttribute sa : e.getValue()) {
        b.column(PassColumn.encrypted(sa.column(), sa.attribute()));
        attachment.add(new Target(sa.attribute(), sa.column()));
        label.append(label.length() == 0 ? "" : ",").append(sa.attribute().attributeName());
      }
      walks.add(
          b.label(label.toString())
              .fingerprint(fingerprint, label.toString())
              .attachment(List.copyOf(attachment))
              .build());
    }
    return walks;
  }
}
