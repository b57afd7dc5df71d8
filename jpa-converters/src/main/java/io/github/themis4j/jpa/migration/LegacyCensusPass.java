package io.github.themis4j.jpa.migration;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.StoredShape;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Resumption;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.migration.LegacyWalks.Target;
import java.util.List;
import java.util.Set;

/**
 * A read-only pass counting, per read-legacy {@code Entity.attribute}, the stored values by shape
 * (counters {@code envelope}, {@code plaintext}, {@code foreign}; {@code null} values are not
 * counted): what {@link LegacyMigration} reports as remaining. Writes nothing, keeps no cursor.
 */
public final class LegacyCensusPass implements Pass {
  /** The pass name. */
  public static final String NAME = "legacy-census";

  private final Set<String> entities;

  /** Counts the values of {@code entities} (empty: every entity). */
  public LegacyCensusPass(Set<String> entities) {
    this.entities = Set.copyOf(entities);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Resumption resumption() {
    return Resumption.NONE;
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    return LegacyWalks.walks(LegacyWalks.targets(context, entities), NAME);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Rewrite process(Row row) {
    for (Target t : (List<Target>) row.table().attachment()) {
      Object stored = row.get(t.column);
      if (stored == null) {
        continue;
      }
      StoredShape shape;
      try {
        shape = EncryptedValueCodec.shapeOf(t.attribute.format(), stored);
      } catch (ThemisException e) {
        row.count(t.subject(), "malformed");
        continue;
      }
      switch (shape) {
        case ENVELOPE:
          row.count(t.subject(), "envelope");
          break;
        case FOREIGN_CELL:
          row.count(t.subject(), "foreign");
          break;
        default:
          row.count(t.subject(), "plaintext");
      }
    }
    return null;
  }
}
