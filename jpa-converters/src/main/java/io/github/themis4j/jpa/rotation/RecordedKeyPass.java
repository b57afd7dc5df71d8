package io.github.themis4j.jpa.rotation;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedAttribute;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.TokenProtectedValue;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.PassColumn;
import io.github.themis4j.jpa.engine.PassContext;
import io.github.themis4j.jpa.engine.PassTable;
import io.github.themis4j.jpa.engine.Rewrite;
import io.github.themis4j.jpa.engine.Row;
import io.github.themis4j.jpa.rotation.RotationPlan.ColumnPlan;
import io.github.themis4j.jpa.rotation.RotationPlan.TableGroup;
import io.github.themis4j.keyring.UnknownKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key-rotation pass over Seal and Token Protect values: every value whose recorded key id is
 * not its target key is decrypted with the key it names and encrypted with the target key under the
 * same row and column context. All such columns of a table are one walk; the pass is idempotent
 * ({@link io.github.themis4j.jpa.engine.Resumption#UNTIL_FINISHED}). Counters per column: {@code
 * rows}, {@code current}, {@code rotated}, {@code conflicts}, {@code key:<id>} (values per key id
 * after the row) and failures by reason.
 */
final class RecordedKeyPass implements Pass {
  static final String NAME = "key-rotation";

  private final RotationPlan plan;
  private final EncryptedValueCodec codec;

  RecordedKeyPass(RotationPlan plan, EncryptedValueCodec codec) {
    this.plan = plan;
    this.codec = codec;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<PassTable> tables(PassContext context) {
    return walks(plan, "*");
  }

  /** One walk per table group, reading every value and token column of the group. */
  static List<PassTable> walks(RotationPlan plan, String label) {
    List<PassTable> out = new ArrayList<>();
    for (TableGroup g : plan.tables) {
      PassTable.Builder b = PassTable.builder(g.table).label(label).attachment(g);
      for (ColumnPlan c : g.columns) {
        b.column(PassColumn.encrypted(c.column, c.attribute));
        if (c.tokenColumn != null) {
          b.column(PassColumn.token(c.tokenColumn, c.attribute));
        }
        b.fingerprint(c.column, c.attribute.keyRing(), c.targetKeyId);
      }
      out.add(b.build());
    }
    return out;
  }

  @Override
  public Rewrite process(Row row) {
    TableGroup g = (TableGroup) row.table().attachment();
    Rewrite.Builder rw = null;
    for (ColumnPlan c : g.columns) {
      String subject = c.column;
      row.count(subject, "rows");
      Object value = row.get(c.column);
      Object token = c.tokenColumn == null ? null : row.get(c.tokenColumn);
      if (value == null) {
        continue;
      }
      String keyId = null;
      try {
        keyId = c.attribute.storedKeyId(codec, value, token);
        if (keyId == null) {
          row.count(subject, "legacy"); // read-legacy plaintext: the migration pass encrypts it
          continue;
        }
        if (keyId.equals(c.targetKeyId)) {
          row.count(subject, "current");
          row.count(subject, "key:" + keyId);
          continue;
        }
        Object[] fresh = reencrypt(c, row.id(), value, token);
        rw = rw == null ? Rewrite.builder() : rw;
        rw.set(c.column, fresh[0]);
        if (c.tokenColumn != null) {
          rw.set(c.tokenColumn, fresh[1]);
        }
        rw.ifWritten(subject, "rotated")
            .ifWritten(subject, "key:" + c.targetKeyId)
            .ifConflict(subject, "conflicts")
            .ifConflict(subject, "key:" + keyId);
      } catch (ThemisException e) {
        row.fail(subject, reason(e));
        if (keyId != null) {
          row.count(subject, "key:" + keyId);
        }
      }
    }
    return rw == null ? null : rw.build();
  }

  private Object[] reencrypt(ColumnPlan c, Object id, Object value, Object token) {
    EncryptedAttribute a = c.attribute;
    ColumnFormat format = a.format();
    CellContext context = a.context(id);
    byte[] stored = format.fromColumn(value);
    byte[] plain = null;
    try {
      if (a.mode() == CellMode.SEAL) {
        plain = codec.unseal(a.keyRing(), context, stored);
        return new Object[] {
          format.toColumn(codec.seal(a.keyRing(), c.targetKeyId, context, plain))
        };
      }
      plain = codec.untokenProtect(a.keyRing(), context, stored, format.fromColumn(token));
      TokenProtectedValue v = codec.tokenProtect(a.keyRing(), c.targetKeyId, context, plain);
      return new Object[] {format.toColumn(v.data()), format.toColumn(v.token())};
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  static String reason(ThemisException e) {
    if (e instanceof UnknownKeyException) {
      return EncryptionObserver.UNKNOWN_KEY;
    } else if (e instanceof AuthenticationFailedException) {
      return EncryptionObserver.AUTHENTICATION;
    }
    return EncryptionObserver.MALFORMED;
  }
}
