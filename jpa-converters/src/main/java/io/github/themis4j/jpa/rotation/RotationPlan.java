package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.envelope.KeyShreddedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.metamodel.mapping.TableDetails;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;

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

  /**
   * The rows of one table: the SQL names of the table and its key column, and the id's Java type.
   */
  static final class Table {
    final String entity;
    final String name;
    final String keyColumn;
    final Class<?> idType;
    final JdbcMapping idMapping;

    Table(String entity, String name, String keyColumn, Class<?> idType, JdbcMapping idMapping) {
      this.entity = entity;
      this.name = name;
      this.keyColumn = keyColumn;
      this.idType = idType;
      this.idMapping = idMapping;
    }
  }

  /** Seal and Token Protect columns of one table, rotated in one stateless pass. */
  static final class TableGroup {
    final Table table;
    final List<ColumnPlan> columns = new ArrayList<>();

    TableGroup(Table table) {
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
    final Table table;
    final EncryptedAttribute attribute;
    final String column;
    final String fromKeyId;
    final String toKeyId;

    ImprintTask(
        Table table,
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
    final Table table; // null when the mapping could not be resolved
    final EncryptedAttribute attribute;
    final String column;
    final RotationReport.Status status;
    final String note;

    Unrotated(
        Table table,
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

  /** One attribute as mapped in one entity's persister, before duplicates are removed. */
  private static final class Candidate {
    final EncryptedAttribute attribute;
    final EntityPersister persister;
    final String table;
    final String column;

    Candidate(
        EncryptedAttribute attribute, EntityPersister persister, String table, String column) {
      this.attribute = attribute;
      this.persister = persister;
      this.table = table;
      this.column = column;
    }
  }

  static RotationPlan build(
      SessionFactoryImplementor factory,
      List<EncryptedAttribute> attributes,
      Set<String> entityFilter,
      EncryptedValueCodec codec,
      Map<String, ImprintKeys> imprintKeys) {
    RotationPlan plan = new RotationPlan();
    // 1. where each attribute is stored; an attribute inherited by several entities that share its
    //    table (single table, joined) is kept once, under the most general entity
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (EncryptedAttribute a : attributes) {
      if (!entityFilter.isEmpty() && !entityFilter.contains(a.entityName())) {
        continue;
      }
      EntityPersister persister = persister(factory, a.entityName());
      if (persister == null) {
        plan.unrotated.add(
            new Unrotated(
                null,
                a,
                a.column(),
                RotationReport.Status.SKIPPED,
                "no entity persister named " + a.entityName()));
        continue;
      }
      boolean union = persister instanceof UnionSubclassEntityPersister;
      if (union && persister.isAbstract()) {
        continue; // an abstract table-per-class root has no rows of its own: its subclasses do
      }
      SelectableMapping value = selectable(persister, a.attributeName());
      if (value == null || value.isFormula()) {
        plan.unrotated.add(
            new Unrotated(
                null,
                a,
                a.column(),
                RotationReport.Status.SKIPPED,
                "the attribute does not map to a single column"));
        continue;
      }
      // table per class: every concrete entity has its own table holding the inherited columns too
      String tableName =
          union
              ? persister.getMappedTableDetails().getTableName()
              : value.getContainingTableExpression();
      Candidate c = new Candidate(a, persister, tableName, value.getSelectionExpression());
      String key = tableName + "\u0000" + c.column;
      Candidate seen = candidates.get(key);
      if (seen == null || persister.isSubclassEntityName(seen.persister.getEntityName())) {
        candidates.put(key, c);
      }
    }

    // 2. what to do with each
    Map<String, TableGroup> groups = new LinkedHashMap<>();
    for (Candidate c : candidates.values()) {
      EncryptedAttribute a = c.attribute;
      EntityPersister persister = c.persister;
      String tableName = c.table;
      String column = c.column;
      String key =
          persister instanceof UnionSubclassEntityPersister
              ? keyOf(persister.getMappedTableDetails())
              : keyColumn(persister, tableName);
      Class<?> idType = persister.getIdentifierType().getReturnedClass();
      JdbcMapping idMapping =
          persister.getIdentifierMapping().getJdbcTypeCount() == 1
              ? persister.getIdentifierMapping().getSingleJdbcMapping()
              : null;
      Table table =
          new Table(a.entityName(), tableName, idMapping == null ? null : key, idType, idMapping);
      if (key == null || idMapping == null) {
        plan.unrotated.add(
            new Unrotated(
                table,
                a,
                column,
                RotationReport.Status.SKIPPED,
                "table " + tableName + " has no single-column key to scan it by"));
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
        if (!supportsIdText(idType)) {
          plan.unrotated.add(
              new Unrotated(
                  table,
                  a,
                  column,
                  RotationReport.Status.SKIPPED,
                  "identifier type "
                      + idType.getName()
                      + " cannot be recorded as progress; supported: "
                      + "Long, Integer, Short, Byte, BigInteger, String, UUID"));
          continue;
        }
        plan.imprints.add(new ImprintTask(table, a, column, keys.fromKeyId, keys.toKeyId));
        continue;
      }
      String tokenColumn = null;
      if (a.mode() == CellMode.TOKEN_PROTECT) {
        SelectableMapping token = selectable(persister, a.tokenAttribute());
        boolean sameTable =
            token != null
                && (persister instanceof UnionSubclassEntityPersister
                    || token.getContainingTableExpression().equals(tableName));
        if (token == null || token.isFormula() || !sameTable) {
          plan.unrotated.add(
              new Unrotated(
                  table,
                  a,
                  column,
                  RotationReport.Status.SKIPPED,
                  "the token attribute '"
                      + a.tokenAttribute()
                      + "' is not a column of "
                      + tableName));
          continue;
        }
        tokenColumn = token.getSelectionExpression();
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
          .computeIfAbsent(tableName, t -> new TableGroup(table))
          .columns
          .add(new ColumnPlan(a, column, tokenColumn, target));
    }
    plan.tables.addAll(groups.values());
    return plan;
  }

  private static EntityPersister persister(SessionFactoryImplementor factory, String entityName) {
    EntityPersister[] found = new EntityPersister[1];
    factory
        .getMappingMetamodel()
        .forEachEntityDescriptor(
            p -> {
              if (found[0] == null
                  && (entityName.equals(p.getJpaEntityName())
                      || entityName.equals(p.getEntityName()))) {
                found[0] = p;
              }
            });
    return found[0];
  }

  private static SelectableMapping selectable(EntityPersister persister, String attributeName) {
    AttributeMapping m = persister.findAttributeMapping(attributeName);
    if (m == null || m.getJdbcTypeCount() != 1) {
      return null;
    }
    SelectableMapping[] s = new SelectableMapping[1];
    m.forEachSelectable((i, sel) -> s[0] = sel);
    return s[0];
  }

  private static String keyOf(TableDetails t) {
    TableDetails.KeyDetails k = t.getKeyDetails();
    return k != null && k.getColumnCount() == 1 ? k.getKeyColumn(0).getColumnName() : null;
  }

  private static String keyColumn(EntityPersister persister, String tableName) {
    String[] key = new String[1];
    persister.forEachTableDetails(
        (TableDetails t) -> {
          if (key[0] == null && t.getTableName().equals(tableName)) {
            TableDetails.KeyDetails k = t.getKeyDetails();
            key[0] = k != null && k.getColumnCount() == 1 ? k.getKeyColumn(0).getColumnName() : "";
          }
        });
    return key[0] == null || key[0].isEmpty() ? null : key[0];
  }

  // ---- identifiers as progress text ------------------------------------------------------------

  static boolean supportsIdText(Class<?> idType) {
    return idType == Long.class
        || idType == Integer.class
        || idType == Short.class
        || idType == Byte.class
        || idType == BigInteger.class
        || idType == String.class
        || idType == UUID.class;
  }

  static String idToText(Object id) {
    return id.toString();
  }

  static Object idFromText(String text, Class<?> idType) {
    if (text == null) {
      return null;
    }
    try {
      if (idType == Long.class) {
        return Long.valueOf(text);
      } else if (idType == Integer.class) {
        return Integer.valueOf(text);
      } else if (idType == Short.class) {
        return Short.valueOf(text);
      } else if (idType == Byte.class) {
        return Byte.valueOf(text);
      } else if (idType == BigInteger.class) {
        return new BigInteger(text);
      } else if (idType == UUID.class) {
        return UUID.fromString(text);
      }
      return text;
    } catch (IllegalArgumentException e) {
      throw new KeyRotationException(
          "the recorded progress '" + text + "' is not a " + idType.getSimpleName() + " identifier",
          e);
    }
  }
}
