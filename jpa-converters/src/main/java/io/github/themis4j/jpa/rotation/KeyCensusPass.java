package io.github.themis4j.jpa.rotation;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Resumption;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.rotation.RotationPlan.ColumnPlan;
import io.github.themis4j.jpa.rotation.RotationPlan.TableGroup;
import java.util.List;

/**
 * A read-only pass counting the stored Seal and Token Protect values per recorded key id (counters
 * {@code key:<id>} and {@code malformed} per column). Writes nothing, keeps no cursor.
 */
final class KeyCensusPass implements Pass {
  static final String NAME = "key-census";

  private final RotationPlan plan;
  private final EncryptedValueCodec codec;

  KeyCensusPass(RotationPlan plan, EncryptedValueCodec codec) {
    this.plan = plan;
    this.codec = codec;
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
    return RecordedKeyPass.walks(plan, "*");
  }

  @Override
  public Rewrite process(Row row) {
    TableGroup g = (TableGroup) row.table().attachment();
    for (ColumnPlan c : g.columns) {
      Object value = row.get(c.column);
      if (value == null) {
        continue;
      }
      try {
        String keyId =
            c.attribute.storedKeyId(
                codec, value, c.tokenColumn == null ? null : row.get(c.tokenColumn));
        row.count(c.column, keyId == null ? "legacy" : "key:" + keyId);
      } catch (ThemisException e) {
        row.count(c.column, "malformed");
      }
    }
    return null;
  }
}
