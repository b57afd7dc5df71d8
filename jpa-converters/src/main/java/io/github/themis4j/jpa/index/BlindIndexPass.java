package io.github.themis4j.jpa.index;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassColumn;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.engine.StoredAttribute;
import io.github.themis4j.jpa.engine.TableRef;
import io.github.themis4j.keyring.KeyRing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The re-encryption engine's pass for blind indexes: fills the index of every row that has none
 * (backfill, after an index was added to a table with data) and rewrites every index not computed
 * under the index ring's active key (rotation of the index key). Run it with {@link
 * io.github.themis4j.jpa.engine.ReencryptionJob}:
 *
 * <pre>{@code
 * ReencryptionJob.builder(sessionFactory).pass(new BlindIndexPass()).build().run();
 * }</pre>
 *
 * <p>During a rotation the ring holds the old and the new key (new one active): queries look up
 * both, so finders answer throughout; when the pass has finished ({@code report.isComplete()}),
 * remove the old key from the ring and queries look up only the new one. Idempotent ({@code
 * UNTIL_FINISHED}): a killed run resumes, a rerun finds nothing left to do. Rows whose source does
 * not decrypt are counted ({@code undecryptable}) and left alone. Never logs a value.
 */
public final class BlindIndexPass implements Pass {
  /** The pass name (cursor key). */
  public static final String NAME = "blind-index";

  private volatile BlindIndexes indexes;
  private volatile io.github.themis4j.jpa.EncryptedValueCodec codec;

  /** A pass over every blind index of the session factory the job runs on. */
  public BlindIndexPass() {}

  @Override
  public String name() {
    return NAME;
  }

  /** What one walk needs per row. */
  private static final class Plan {
    final BlindIndexDefinition index;
    final List<Source> sources = new ArrayList<>();

    Plan(BlindIndexDefinition index) {
      this.index = index;
    }
  }

  private static final class Source {
    final String column;
    final String tokenColumn;
    final EncryptedAttribute attribute;
    final Class<?> type;

    Source(String column, String tokenColumn, EncryptedAttribute attribute, Class<?> type) {
      this.column = column;
      this.tokenColumn = tokenColumn;
      this.attribute = attribute;
      this.type = type;
    }
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    indexes = BlindIndexes.of(context.sessionFactory());
    codec = context.codec();
    List<PassTable> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entity : indexes.entityNames()) {
      EntityPersister persister =
          context.sessionFactory().getMappingMetamodel().getEntityDescriptor(entity);
      for (BlindIndexDefinition d : indexes.ofEntity(entity)) {
        if (!seen.add(d.table().toLowerCase(Locale.ROOT) + "." + d.column())) {
          continue; // inherited by a subclass in the same table
        }
        TableRef table = context.table(d.entityName());
        if (!table.name().equalsIgnoreCase(d.table())) {
          continue; // a subclass table of a joined hierarchy: not walked by this pass
        }
        Plan plan = new Plan(d);
        PassTable.Builder b = PassTable.builder(table);
        List<StoredAttribute> stored = context.storedAttributes(Set.of(d.entityName()));
        for (int i = 0; i < d.sources().size(); i++) {
          String attr = d.sources().get(i);
          StoredAttribute sa = find(stored, attr);
          if (sa != null) {
            b.column(PassColumn.encrypted(sa.column(), sa.attribute()));
            if (sa.tokenColumn() != null) {
              b.column(PassColumn.token(sa.tokenColumn(), sa.attribute()));
            }
            plan.sources.add(new Source(sa.column(), sa.tokenColumn(), sa.attribute(), null));
          } else {
            String column =
                ((BasicValuedModelPart) persister.findAttributeMapping(attr)).getSelectionExpression();
            Class<?> type = d.sourceTypes().get(i);
            b.column(PassColumn.plain(column, type));
            plan.sources.add(new Source(column, null, null, type));
          }
        }
        KeyRing ring = indexes.keyRing(d);
        String active = ring.activeKeyId();
        b.column(PassColumn.plain(d.column(), String.class))
            .filter(
                d.column()
                    + " is null or "
                    + d.column()
                    + " not like '"
                    + active.replace("!", "!!").replace("_", "!_").replace("%", "!%")
                    + ":%' escape '!'")
            .label(d.indexAttribute())
            .fingerprint(d.where(), active)
            .attachment(plan);
        out.add(b.build());
      }
    }
    return out;
  }

  private static StoredAttribute find(List<StoredAttribute> stored, String attribute) {
    for (StoredAttribute sa : stored) {
      if (sa.skipReason() == null && sa.attribute().attributeName().equals(attribute)) {
        return sa;
      }
    }
    return null;
  }

  @Override
  public Rewrite process(Row row) {
    Plan plan = (Plan) row.table().attachment();
    BlindIndexDefinition d = plan.index;
    Object[] values = new Object[plan.sources.size()];
    for (int i = 0; i < values.length; i++) {
      Source s = plan.sources.get(i);
      Object stored = row.get(s.column);
      if (s.attribute != null) {
        try {
          values[i] =
              s.attribute.decrypt(
                  codec, stored, s.tokenColumn == null ? null : row.get(s.tokenColumn), row.id());
        } catch (ThemisException e) {
          row.fail(d.where(), "undecryptable");
          return null;
        }
      } else {
        values[i] = plain(stored, s.type);
      }
    }
    String next = indexes.compute(d, values);
    Object current = row.get(d.column());
    if (Objects.equals(current, next)) {
      return null;
    }
    return Rewrite.builder()
        .set(d.column(), next)
        .ifWritten(d.where(), current == null ? "backfilled" : "rotated")
        .ifConflict(d.where(), "conflicts")
        .build();
  }

  /** A plain column value as JDBC returned it, as the attribute's type. */
  private static Object plain(Object v, Class<?> type) {
    if (v == null || type.isInstance(v) || !(v instanceof Number)) {
      return v;
    }
    Number n = (Number) v;
    if (type == Integer.class) {
      return n.intValue();
    } else if (type == Long.class) {
      return n.longValue();
    } else if (type == Short.class) {
      return n.shortValue();
    } else if (type == Byte.class) {
      return n.byteValue();
    } else if (type == BigInteger.class) {
      return new BigDecimal(n.toString()).toBigInteger();
    }
    return v;
  }
}
