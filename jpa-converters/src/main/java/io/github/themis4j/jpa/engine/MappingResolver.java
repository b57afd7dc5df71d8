package io.github.themis4j.jpa.engine;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.EncryptedAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.metamodel.mapping.TableDetails;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;

/** Finds where each encrypted attribute is stored, from Hibernate's mapping model. */
final class MappingResolver {
  private MappingResolver() {}

  /** One attribute as mapped in one entity's persister, before duplicates are removed. */
  private static final class Candidate {
    final EncryptedAttribute attribute;
    final EntityPersister persister;
    final String table;
    final String column;

    Candidate(EncryptedAttribute a, EntityPersister p, String table, String column) {
      this.attribute = a;
      this.persister = p;
      this.table = table;
      this.column = column;
    }
  }

  static List<StoredAttribute> resolve(
      SessionFactoryImplementor factory, List<EncryptedAttribute> attributes, Set<String> only) {
    List<StoredAttribute> out = new ArrayList<>();
    // an attribute inherited by several entities sharing its table is kept once, under the most
    // general entity
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (EncryptedAttribute a : attributes) {
      if (!only.isEmpty() && !only.contains(a.entityName())) {
        continue;
      }
      EntityPersister persister = persister(factory, a.entityName());
      if (persister == null) {
        out.add(skip(a, null, null, "no entity persister named " + a.entityName()));
        continue;
      }
      boolean union = persister instanceof UnionSubclassEntityPersister;
      if (union && persister.isAbstract()) {
        continue; // an abstract table-per-class root has no rows of its own: its subclasses do
      }
      SelectableMapping value = selectable(persister, a.attributeName());
      if (value == null || value.isFormula()) {
        out.add(skip(a, null, a.column(), "the attribute does not map to a single column"));
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
    for (Candidate c : candidates.values()) {
      out.add(stored(c));
    }
    return out;
  }

  /** The table of entity {@code entityName} that holds its identifier (the root table). */
  static TableRef table(SessionFactoryImplementor factory, String entityName) {
    EntityPersister persister = persister(factory, entityName);
    if (persister == null) {
      throw new ReencryptionException("no entity named " + entityName);
    }
    TableDetails details = persister.getIdentifierTableDetails();
    String key = keyOf(details);
    if (key == null || persister.getIdentifierMapping().getJdbcTypeCount() != 1) {
      throw new ReencryptionException(
          "entity " + entityName + " has no single-column key to walk its table by");
    }
    return new TableRef(
        persister.getJpaEntityName(),
        details.getTableName(),
        key,
        persister.getIdentifierType().getReturnedClass(),
        persister.getIdentifierMapping().getSingleJdbcMapping());
  }

  private static StoredAttribute skip(
      EncryptedAttribute a, String table, String column, String why) {
    return new StoredAttribute(a, null, table, column, null, why);
  }

  private static StoredAttribute stored(Candidate c) {
    EncryptedAttribute a = c.attribute;
    EntityPersister persister = c.persister;
    boolean union = persister instanceof UnionSubclassEntityPersister;
    String key = union ? keyOf(persister.getMappedTableDetails()) : keyColumn(persister, c.table);
    Class<?> idType = persister.getIdentifierType().getReturnedClass();
    JdbcMapping idMapping =
        persister.getIdentifierMapping().getJdbcTypeCount() == 1
            ? persister.getIdentifierMapping().getSingleJdbcMapping()
            : null;
    if (key == null || idMapping == null) {
      return skip(
          a, c.table, c.column, "table " + c.table + " has no single-column key to scan it by");
    }
    TableRef table = new TableRef(a.entityName(), c.table, key, idType, idMapping);
    String tokenColumn = null;
    if (a.mode() == CellMode.TOKEN_PROTECT) {
      SelectableMapping token = selectable(persister, a.tokenAttribute());
      boolean sameTable =
          token != null && (union || token.getContainingTableExpression().equals(c.table));
      if (token == null || token.isFormula() || !sameTable) {
        return new StoredAttribute(
            a,
            null,
            c.table,
            c.column,
            null,
            "the token attribute '" + a.tokenAttribute() + "' is not a column of " + c.table);
      }
      tokenColumn = token.getSelectionExpression();
    }
    return new StoredAttribute(a, table, c.table, c.column, tokenColumn, null);
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
}
