package io.github.themis4j.jpa.migration;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.LegacyPlaintext;
import io.github.themis4j.jpa.StoredShape;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.migration.LegacyWalks.Target;
import java.util.List;
import java.util.Set;

/**
 * Undoes a migration: decrypts every themis4j value of the read-legacy attributes back to the
 * legacy form ({@code docs/FORMAT.md}, section 10: the text form, UTF-8 in a binary column; the
 * bytes for {@code byte[]}), or, with {@code toForeignCells}, re-encrypts it as the attribute's
 * foreign Themis cell for the old application. The application keeps reading every row in
 * read-legacy meanwhile. Idempotent ({@code UNTIL_FINISHED}); concurrent writes win. Counters per
 * {@code Entity.attribute}: {@code decrypted}, {@code conflicts}; failures {@code unreadable}.
 *
 * <p>The legacy columns then hold plaintext again: do this only for an incident that requires it,
 * and stop the application's writes (which encrypt) for the attribute afterwards, or it will
 * encrypt values again.
 */
public final class RollbackPass implements Pass {
  /** The pass name. */
  public static final String NAME = "decrypt-legacy";

  private final Set<String> entities;
  private final boolean toForeignCells;
  private volatile EncryptedValueCodec codec;

  /**
   * @param entities JPA entity names (empty: every entity)
   * @param toForeignCells write foreign cells (attributes with a foreign cell format) instead of
   *     plaintexts
   */
  public RollbackPass(Set<String> entities, boolean toForeignCells) {
    this.entities = Set.copyOf(entities);
    this.toForeignCells = toForeignCells;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    codec = context.codec();
    return LegacyWalks.walks(LegacyWalks.targets(context, entities), NAME);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Rewrite process(Row row) {
    Rewrite.Builder rewrite = null;
    for (Target t : (List<Target>) row.table().attachment()) {
      Object stored = row.get(t.column);
      if (stored == null
          || EncryptedValueCodec.shapeOf(t.attribute.format(), stored) != StoredShape.ENVELOPE) {
        continue;
      }
      Object legacy;
      try {
        legacy = legacyColumn(t.attribute, t.attribute.decrypt(codec, stored, null, row.id()), row);
      } catch (ThemisException e) {
        row.fail(t.subject(), "unreadable");
        continue;
      }
      if (rewrite == null) {
        rewrite = Rewrite.builder();
      }
      rewrite.set(t.column, legacy).ifWritten(t.subject(), "decrypted").ifConflict(t.subject(), "conflicts");
    }
    return rewrite == null ? null : rewrite.build();
  }

  private Object legacyColumn(EncryptedAttribute a, Object value, Row row) {
    if (toForeignCells && a.foreignFormat() != null) {
      byte[] plain = (byte[]) LegacyPlaintext.write(a.encoding(), ColumnFormat.BINARY, value);
      return a.format().toColumn(a.foreignFormat().encrypt(plain, row.id()));
    }
    return LegacyPlaintext.write(a.encoding(), a.format(), value);
  }
}
