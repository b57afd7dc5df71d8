package io.github.themis4j.jpa.rotation;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.engine.BadRowException;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassColumn;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Resumption;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key-rotation pass over Context Imprint values, one walk per attribute, from the old to the
 * new key named for its ring. Values record no key, so every row must be done exactly once: {@link
 * Resumption#ONCE}, with the table, column, ring and both keys in the cursor fingerprint. A value
 * that does not decode with the old key (a wrong old key) is a {@link BadRowException}: nothing of
 * its batch is written. Counters per column: {@code rows}, {@code rotated}, {@code current}.
 */
final class ContextImprintPass implements Pass {
  static final String NAME = "key-rotation-imprint";

  private final RotationPlan plan;
  private final EncryptedValueCodec codec;
  private final LegacyProgress legacy;

  ContextImprintPass(RotationPlan plan, EncryptedValueCodec codec, LegacyProgress legacy) {
    this.plan = plan;
    this.codec = codec;
    this.legacy = legacy;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Resumption resumption() {
    return Resumption.ONCE;
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    List<PassTable> out = new ArrayList<>();
    for (ImprintTask t : plan.imprints) {
      EncryptedAttribute a = t.attribute;
      PassTable.Builder b =
          PassTable.builder(t.table)
              .column(PassColumn.encrypted(t.column, a))
              .label(a.attributeName())
              .attachment(t)
              .fingerprint(
                  a.contextTable(), a.contextColumn(), a.keyRing(), t.fromKeyId, t.toKeyId);
      LegacyProgress.State old = legacy.read(context.sessionFactory(), t);
      if (old != null) {
        b.legacyCursor(old.lastId, old.rowsDone, old.finished);
      }
      out.add(b.build());
    }
    return out;
  }

  @Override
  public Rewrite process(Row row) {
    ImprintTask t = (ImprintTask) row.table().attachment();
    EncryptedAttribute a = t.attribute;
    Object current = row.get(0);
    row.count(t.column, "rows");
    if (current == null) {
      return null;
    }
    byte[] stored;
    try {
      stored = a.format().fromColumn(current);
    } catch (MalformedDataException e) {
      throw new BadRowException(
          where(t, row.id()) + ": " + e.getMessage() + "; nothing of this batch was written");
    }
    if (stored.length == 0) {
      row.count(t.column, "current"); // the empty value is stored as zero bytes under any key
      return null;
    }
    CellContext context = a.context(row.id());
    byte[] plain = codec.unimprint(a.keyRing(), t.fromKeyId, context, stored);
    byte[] fresh;
    try {
      a.encoding().decode(plain);
      fresh = codec.imprint(a.keyRing(), t.toKeyId, context, plain);
    } catch (ThemisException | IllegalArgumentException e) {
      if (e instanceof io.github.themis4j.keyring.UnknownKeyException) {
        throw e;
      }
      throw new BadRowException(
          where(t, row.id())
              + " does not decode as a "
              + a.javaType().getSimpleName()
              + " with key '"
              + t.fromKeyId
              + "' of ring '"
              + a.keyRing()
              + "': is it the key the values were written with? Nothing of this batch was written"
              + " (Context Imprint has no integrity check, so a wrong key is only noticed when"
              + " the result does not decode)");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    return Rewrite.builder()
        .set(t.column, a.format().toColumn(fresh))
        .ifWritten(t.column, "rotated")
        .build();
  }

  static String where(ImprintTask t, Object id) {
    return "the Context Imprint value of "
        + t.attribute.entityName()
        + "."
        + t.attribute.attributeName()
        + " in the row with id "
        + id;
  }
}
