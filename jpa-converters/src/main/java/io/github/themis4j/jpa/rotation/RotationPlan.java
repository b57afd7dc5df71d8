package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.engine.Ids;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.StoredAttribute;
import io.github.themis4j.jpa.engine.TableRef;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.envelope.KeyShreddedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run does, worked out from the session factory's encrypted attributes and its mapping
 * model: the tables to scan for Seal and Token Protect values (all such columns of a table in one
 * pass), the Context Imprint attributes to rotate one by one, and the attributes that cannot be
 * rotated. Attributes shared by several entities (inheritance mapped to one table) appear once.
 */
final class RotationPlan {
  final List<TableGroup> tables = new ArrayList<>();
  final List<ImprintTask> imprints = new ArrayList<>();
  final List<Unrotated> unrotated = new ArrayList<>();

  /** Seal and Token Protect columns of one table, rotated in one stateless pass. */
  static final class TableGroup {
    final TableRef table;
    final List<ColumnPlan> columns = new ArrayList<>();

    TableGroup(TableRef table) {
      this.table = table;
    }
  }

  /** One Seal or Token Protect attribute and the key its values go to. */
  static final class ColumnPlan {
    final EncryptedAttribute attribute;
    final String column;
    final String tokenColumn;
    final String targetKeyId;

    ColumnPlan(
        EncryptedAttribute attribute, String column, String tokenColumn, String targetKeyId) {
      this.attribute = attribute;
      this.column = column;
      this.tokenColumn = tokenColumn;
      this.targetKeyId = targetKeyId;
    }
  }

  /** One Context Imprint attribute, rotated from an old to a new key with durable progress. */
  static final class ImprintTask {
    final TableRef table;
    final EncryptedAttribute attribute;
    final String column;
    final String fromKeyId;
    final String toKeyId;

    ImprintTask(
        TableRef table,
        EncryptedAttribute attribute,
        String column,
        String fromKeyId,
        String toKeyId) {
      this.table = table;
      this.attribute = attribute;
      this.column = column;
      this.fromKeyId = fromKeyId;
      this.toKeyId = toKeyId;
    }
  }

  /**
   * An attribute this run does not rotate: a Context Imprint one without named keys, or an
   * unsupported mapping.
   */
  static final class Unrotated {
    final TableRef table; // null when the mapping could not be resolved
    final EncryptedAttribute attribute;
    final String column;
    final RotationReport.Status status;
    final String note;

    Unrotated(
        TableRef table,
        EncryptedAttribute attribute,
        String column,
        RotationReport.Status status,
        String note) {
      this.table = table;
      this.attribute = attribute;
      this.column = column;
      this.status = status;
      this.note = note;
    }
  }

  /** Old and new key of the Context Imprint attributes of one ring. */
  static final class ImprintKeys {
    final String fromKeyId;
    final String toKeyId;

    ImprintKeys(String fromKeyId, String toKeyId) {
      this.fromKeyId = fromKeyId;
      this.toKeyId = toKeyId;
    }
  }

  static RotationPlan build(
      PassContext context,
      Set<String> entityFilter,
      EncryptedValueCodec codec,
      Map<String, ImprintKeys> imprintKeys) {
    RotationPlan plan = new RotationPlan();
    Map<String, TableGroup> groups = new LinkedHashMap<>();
    for (StoredAttribute sa : context.storedAttributes(entityFilter)) {
      EncryptedAttribute a = sa.attribute();
      TableRef table = sa.table();
      String column = sa.column();
      if (sa.skipReason() != null) {
        plan.unrotated.add(
            new Unrotated(table, a, column, RotationReport.Status.SKIPPED, sa.skipReason()));
        continue;
      }
      if (a.mode() == CellMode.CONTEXT_IMPRINT) {
        ImprintKeys keys = imprintKeys.get(a.keyRing());
        if (keys == null) {
          plan.unrotated.add(
              new Unrotated(
                  table,
                  a,
                  column,
                  RotationReport.Status.NOT_CONFIGURED,
                  "Context Imprint values record no key id: name the old and the new key of ring '"
                      + a.keyRing()
                      + "' to rotate them"));
          continue;
        }
        if (a.keyId() != null
            && !a.keyId().equals(keys.fromKeyId)
            && !a.keyId().equals(keys.toKeyId)) {
          throw new KeyRotationException(
              "Context Imprint attribute "
                  + a.entityName()
                  + "."
                  + a.attributeName()
                  + " is pinned to key '"
                  + a.keyId()
                  + "', which is neither the old key '"
                  + keys.fromKeyId
                  + "' nor the new key '"
                  + keys.toKeyId
                  + "' named for ring '"
                  + a.keyRing()
                  + "'");
        }
        if (!Ids.supportsText(table.idType())) {
          plan.unrotated.add(
              new Unrotated(
                  table,
                  a,
                  column,
                  RotationReport.Status.SKIPPED,
                  "identifier type "
                      + table.idType().getName()
                      + " cannot be recorded as progress; supported: "
                      + "Long, Integer, Short, Byte, BigInteger, String, UUID"));
          continue;
        }
        plan.imprints.add(new ImprintTask(table, a, column, keys.fromKeyId, keys.toKeyId));
        continue;
      }
      String target;
      try {
        target = a.writeKeyId(codec);
        KeyRing ring = codec.keyRingProvider().keyRing(a.keyRing());
        ring.key(target); // fail now, naming the ring and key, if the target key is not held
      } catch (KeyShreddedException e) {
        plan.unrotated.add(
            new Unrotated(table, a, column, RotationReport.Status.SHREDDED, e.getMessage()));
        continue;
      }
      groups
          .computeIfAbsent(table.name(), t -> new TableGroup(table))
          .columns
          .add(new ColumnPlan(a, column, sa.tokenColumn(), target));
    }
    plan.tables.addAll(groups.values());
    return plan;
  }
}
