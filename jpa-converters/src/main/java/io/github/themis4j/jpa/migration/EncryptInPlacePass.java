package io.github.themis4j.jpa.migration;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.StoredShape;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.engine.StoredAttribute;
import io.github.themis4j.jpa.migration.LegacyWalks.Target;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * Encrypts every legacy value of the read-legacy attributes in place: plaintexts, and foreign
 * Themis cells (through their {@link io.github.themis4j.jpa.ForeignCellFormat}), become themis4j
 * Seal values under the ring's active key. Before the first row, every column is checked by {@link
 * ColumnWidthCheck} (a {@link ColumnTooNarrowException} stops the run with nothing written).
 * Idempotent ({@code UNTIL_FINISHED}): a killed run resumes, a rerun skips what is encrypted;
 * concurrent writes win (compare-and-set). Counters per {@code Entity.attribute}: {@code
 * plaintext-encrypted}, {@code foreign-rewritten}, {@code conflicts}, failures {@code unreadable}.
 */
public final class EncryptInPlacePass implements Pass {
  /** The pass name. */
  public static final String NAME = "encrypt-legacy";

  private final Set<String> entities;
  private final boolean checkColumns;
  private volatile EncryptedValueCodec codec;

  /**
   * @param entities JPA entity names to migrate (empty: every entity)
   * @param checkColumns whether to run the column check first (disable only when the columns have
   *     been checked by other means)
   */
  public EncryptInPlacePass(Set<String> entities, boolean checkColumns) {
    this.entities = Set.copyOf(entities);
    this.checkColumns = checkColumns;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    List<StoredAttribute> targets = LegacyWalks.targets(context, entities);
    codec = context.codec();
    if (checkColumns) {
      try (Session s = context.sessionFactory().openSession()) {
        s.doWork(
            c -> {
              for (StoredAttribute sa : targets) {
                ColumnWidthCheck.verify(c, sa.attribute(), codec);
              }
            });
      }
    }
    return LegacyWalks.walks(targets, NAME);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Rewrite process(Row row) {
    Rewrite.Builder rewrite = null;
    for (Target t : (List<Target>) row.table().attachment()) {
      Object stored = row.get(t.column);
      if (stored == null) {
        continue;
      }
      StoredShape shape = EncryptedValueCodec.shapeOf(t.attribute.format(), stored);
      if (shape == StoredShape.ENVELOPE) {
        row.count(t.subject(), "encrypted");
        continue;
      }
      Object value;
      Object column;
      try {
        value = t.attribute.decrypt(codec, stored, null, row.id());
        column = t.attribute.encrypt(codec, value, row.id()).value();
      } catch (ThemisException e) {
        row.fail(t.subject(), shape == StoredShape.PLAINTEXT ? "unreadable" : "foreign-unreadable");
        continue;
      }
      if (rewrite == null) {
        rewrite = Rewrite.builder();
      }
      rewrite
          .set(t.column, column)
          .ifWritten(
              t.subject(),
              shape == StoredShape.PLAINTEXT ? "plaintext-encrypted" : "foreign-rewritten")
          .ifConflict(t.subject(), "conflicts");
    }
    return rewrite == null ? null : rewrite.build();
  }

  @Override
  public String toString() {
    return "EncryptInPlacePass" + (entities.isEmpty() ? "" : entities);
  }
}
