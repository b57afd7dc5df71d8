package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, proof: random sequences of persist, change (including in-place changes of arrays),
 * flush, bulk statements (allowed and refused), rollback, merge of detached copies and refresh,
 * over an entity with every mode and column format. After every commit each stored column, read
 * over plain JDBC, is decrypted by {@link DocumentedFormat} (docs/FORMAT.md and wasm-themis, not
 * the module's code) and must equal the last committed value of the model; every row must also
 * load.
 *
 * <p>The seed is fixed (so failures reproduce); {@code -Dthemis4j.property.seed=N} and {@code
 * -Dthemis4j.property.transactions=N} explore others.
 */
class IntegrityPropertyTest {
  private static final Map<String, byte[]> KEYS =
      Map.of("k1", TestKeys.K1, "k2", TestKeys.K2, "p1", TestKeys.PII);
  private static final String TABLE = "jpa_mix";

  @Entity(name = "Mix")
  @Table(name = TABLE)
  public static class Mix {
    @Id Long id;

    @Version int version;

    @Column(length = 100)
    String name;

    @Encrypted
    @Column(name = "seal_bin", length = 300)
    String sealBin;

    @Encrypted(format = ColumnFormat.BASE64)
    @Column(name = "seal_b64", length = 400)
    String sealB64;

    @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "tokBinToken")
    @Column(name = "tok_bin", length = 300)
    String tokBin;

    @Column(name = "tok_bin_token", length = 200)
    byte[] tokBinToken;

    @Encrypted(
        mode = CellMode.TOKEN_PROTECT,
        format = ColumnFormat.BASE64,
        tokenAttribute = "tokB64Token")
    @Column(name = "tok_b64", length = 400)
    String tokB64;

    @Column(name = "tok_b64_token", length = 300)
    String tokB64Token;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
    @Column(name = "imp_bin", length = 300)
    String impBin;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, format = ColumnFormat.BASE64, keyId = "k1")
    @Column(name = "imp_b64", length = 400)
    String impB64;

    @Encrypted
    @Column(name = "blob_bin", length = 300)
    byte[] blobBin;

    @Encrypted(format = ColumnFormat.BASE64, keyRing = "pii")
    @Column(name = "blob_b64", length = 400)
    byte[] blobB64;
  }

  /** The attributes, in this order everywhere: their columns and how to read them. */
  private static final String[] ATTRS = {
    "sealBin", "sealB64", "tokBin", "tokB64", "impBin", "impB64", "blobBin", "blobB64"
  };

  private static final String[] COLUMNS = {
    "seal_bin", "seal_b64", "tok_bin", "tok_b64", "imp_bin", "imp_b64", "blob_bin", "blob_b64"
  };

  private static final int FIRST_ARRAY = 6;

  /** The model of one row: name and the eight attribute values (String or byte[] or null). */
  private static final class Row {
    String name;
    final Object[] values = new Object[ATTRS.length];

    Row copy() {
      Row r = new Row();
      r.name = name;
      for (int i = 0; i < values.length; i++) {
        r.values[i] = values[i] instanceof byte[] ? ((byte[]) values[i]).clone() : values[i];
      }
      return r;
    }
  }

  private static Object get(Mix m, int i) {
    switch (i) {
      case 0:
        return m.sealBin;
      case 1:
        return m.sealB64;
      case 2:
        return m.tokBin;
      case 3:
        return m.tokB64;
      case 4:
        return m.impBin;
      case 5:
        return m.impB64;
      case 6:
        return m.blobBin;
      default:
        return m.blobB64;
    }
  }

  private static void set(Mix m, int i, Object v) {
    switch (i) {
      case 0 -> m.sealBin = (String) v;
      case 1 -> m.sealB64 = (String) v;
      case 2 -> m.tokBin = (String) v;
      case 3 -> m.tokB64 = (String) v;
      case 4 -> m.impBin = (String) v;
      case 5 -> m.impB64 = (String) v;
      case 6 -> m.blobBin = (byte[]) v;
      default -> m.blobB64 = (byte[]) v;
    }
  }

  private final Random random = new Random(Long.getLong("themis4j.property.seed", 20261204L));
  private final List<String> log = new ArrayList<>();
  private final TreeMap<Long, Row> committed = new TreeMap<>();
  private long nextId = 1;
  private long txNanos;
  private long checkNanos;

  private Object randomValue(int attribute) {
    if (random.nextInt(8) == 0) {
      return null;
    }
    int n = random.nextInt(7);
    if (attribute >= FIRST_ARRAY) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }
    String alphabet = "abcXYZ09 é€😀";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return sb.toString();
  }

  private Mix newMix(long id, Row row) {
    Mix m = new Mix();
    m.id = id;
    row.name = "n" + id;
    m.name = row.name;
    for (int i = 0; i < ATTRS.length; i++) {
      row.values[i] = randomValue(i);
      set(m, i, copyOf(row.values[i]));
    }
    return m;
  }

  private static Object copyOf(Object v) {
    return v instanceof byte[] ? ((byte[]) v).clone() : v;
  }

  /** The statements the guard must refuse, whatever the data. */
  private static final String[] REFUSED = {
    "update Mix m set m.sealBin = 'PLAIN' where m.id = :id",
    "update Mix m set m.tokB64 = m.name where m.id = :id",
    "update Mix m set m.impBin = m.impB64 where m.id = :id",
    "update Mix m set m.blobBin = m.blobB64 where m.id = :id",
    "insert into Mix (id, version, name, sealB64) select m.id + 100000, 0, m.name, m.sealB64"
        + " from Mix m where m.id = :id",
  };

  @Test
  void everyCommittedValueDecryptsFromTheDocumentedFormat() {
    int transactions = Integer.getInteger("themis4j.property.transactions", 80);
    WasmThemis wasm = WasmThemis.get();
    try (JpaFixture jpa = JpaFixture.builder(Mix.class).keys(TestKeys.standard()).build()) {
      int commits = 0;
      for (int t = 0; t < transactions; t++) {
        log.add("-- transaction " + t);
        long t0 = System.nanoTime();
        boolean ok = transaction(jpa);
        long t1 = System.nanoTime();
        txNanos += t1 - t0;
        if (ok) {
          commits++;
          check(jpa, wasm);
          checkNanos += System.nanoTime() - t1;
        }
      }
      assertThat(commits).as("commits").isGreaterThan(transactions / 3);
      Map<String, Integer> counts = new TreeMap<>();
      for (String step : log) {
        counts.merge(step.split(" ")[0], 1, Integer::sum);
      }
      System.out.println(
          "IntegrityPropertyTest: "
              + commits
              + " commits, steps "
              + counts
              + ", transactions "
              + txNanos / 1_000_000
              + " ms, checks "
              + checkNanos / 1_000_000
              + " ms");
    }
  }

  /** One random transaction; returns true if it committed. */
  private boolean transaction(JpaFixture jpa) {
    TreeMap<Long, Row> working = new TreeMap<>();
    committed.forEach((k, v) -> working.put(k, v.copy()));
    Set<Long> touched = new HashSet<>();
    Map<Long, Mix> managed = new TreeMap<>();
    try (Session s = jpa.sessionFactory.openSession()) {
      Transaction tx = s.beginTransaction();
      int ops = 1 + random.nextInt(5);
      for (int op = 0; op < ops; op++) {
        int kind = random.nextInt(100);
        List<Long> ids = new ArrayList<>(working.keySet());
        Long id = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
        if (kind < 20 && working.size() < 10 || id == null) {
          long nid = nextId++;
          Row row = new Row();
          Mix m = newMix(nid, row);
          s.persist(m);
          working.put(nid, row);
          managed.put(nid, m);
          touched.add(nid);
          log.add("persist " + nid);
        } else if (kind < 45) {
          Mix m = managed.computeIfAbsent(id, k -> s.find(Mix.class, k));
          int a = random.nextInt(ATTRS.length);
          Object v = randomValue(a);
          set(m, a, copyOf(v));
          working.get(id).values[a] = v;
          touched.add(id);
          log.add("set " + id + "." + ATTRS[a]);
        } else if (kind < 60) {
          Mix m = managed.computeIfAbsent(id, k -> s.find(Mix.class, k));
          int a = FIRST_ARRAY + random.nextInt(2);
          byte[] inEntity = (byte[]) get(m, a);
          if (inEntity != null && inEntity.length > 0) {
            int at = random.nextInt(inEntity.length);
            inEntity[at] ^= (byte) (1 + random.nextInt(255));
            ((byte[]) working.get(id).values[a])[at] = inEntity[at];
            touched.add(id);
            log.add("in-place " + id + "." + ATTRS[a] + "[" + at + "]");
          }
        } else if (kind < 70) {
          s.flush();
          log.add("flush");
        } else if (kind < 76 && !touched.contains(id)) {
          // a detached copy loaded elsewhere, changed and merged
          Mix detached;
          try (Session other = jpa.sessionFactory.openSession()) {
            detached = other.find(Mix.class, id);
          }
          int a = random.nextInt(ATTRS.length);
          Object v = randomValue(a);
          set(detached, a, copyOf(v));
          working.get(id).values[a] = v;
          managed.put(id, s.merge(detached));
          touched.add(id);
          log.add("merge " + id + "." + ATTRS[a]);
        } else if (kind < 82) {
          s.flush();
          Mix m = managed.computeIfAbsent(id, k -> s.find(Mix.class, k));
          int a = random.nextInt(ATTRS.length);
          set(m, a, randomValue(a)); // discarded by the refresh
          s.refresh(m);
          log.add("refresh " + id);
          expectEntity(m, working.get(id), "after refresh");
        } else if (kind < 92) {
          s.flush();
          int which = random.nextInt(3);
          int n;
          if (which == 0) {
            String name = "bulk" + random.nextInt(1000);
            n =
                s.createMutationQuery("update Mix m set m.name = :n where m.id = :id")
                    .setParameter("n", name)
                    .setParameter("id", id)
                    .executeUpdate();
            working.get(id).name = name;
          } else if (which == 1) {
            int a = random.nextInt(ATTRS.length);
            n =
                s.createMutationQuery("update Mix m set m." + ATTRS[a] + " = null where m.id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            working.get(id).values[a] = null;
          } else {
            n =
                s.createMutationQuery("delete from Mix m where m.id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            working.remove(id);
          }
          assertThat(n).as(trace("bulk")).isEqualTo(1);
          s.clear();
          managed.clear();
          touched.add(id);
          log.add("bulk " + which + " " + id);
        } else if (kind < 96) {
          String hql = REFUSED[random.nextInt(REFUSED.length)];
          log.add("refused " + hql);
          EncryptedAttributeException e =
              Failures.attributeFailure(
                  () -> s.createMutationQuery(hql).setParameter("id", id).executeUpdate());
          assertThat(e.reason()).as(trace("refused")).isEqualTo("refused-query");
          tx.rollback();
          log.add("rollback (after refusal)");
          return false;
        } else {
          tx.rollback();
          log.add("rollback");
          return false;
        }
      }
      tx.commit();
      log.add("commit");
    }
    committed.clear();
    committed.putAll(working);
    return true;
  }

  private String trace(String what) {
    List<String> tail = log.subList(Math.max(0, log.size() - 40), log.size());
    return what
        + " (seed "
        + Long.getLong("themis4j.property.seed", 20261204L)
        + "; last steps: "
        + String.join("; ", tail)
        + ")";
  }

  private void expectEntity(Mix m, Row row, String when) {
    assertThat(m.name).as(trace(when + ": name of " + m.id)).isEqualTo(row.name);
    for (int i = 0; i < ATTRS.length; i++) {
      assertThat(Objects.deepEquals(get(m, i), row.values[i]))
          .as(trace(when + ": " + m.id + "." + ATTRS[i]))
          .isTrue();
    }
  }

  /** Every row over JDBC decrypts to the committed model, and loads through Hibernate. */
  private void check(JpaFixture jpa, WasmThemis wasm) {
    List<Object[]> rows =
        jpa.query(
            "select id, name, seal_bin, seal_b64, tok_bin, tok_b64, imp_bin, imp_b64, blob_bin,"
                + " blob_b64, tok_bin_token, tok_b64_token from "
                + TABLE
                + " order by id");
    assertThat(rows.size()).as(trace("row count")).isEqualTo(committed.size());
    for (Object[] r : rows) {
      long id = ((Number) r[0]).longValue();
      Row model = committed.get(id);
      assertThat(model).as(trace("unexpected row " + id)).isNotNull();
      assertThat(r[1]).as(trace("name of " + id)).isEqualTo(model.name);
      for (int i = 0; i < ATTRS.length; i++) {
        Object column = r[2 + i];
        Object token = i == 2 ? r[10] : i == 3 ? r[11] : null;
        Object expected = model.values[i];
        String what = trace("stored " + id + "." + ATTRS[i]);
        if (expected == null) {
          assertThat(column).as(what).isNull();
          continue;
        }
        assertThat(column).as(what).isNotNull();
        byte[] plain = decrypt(wasm, i, column, token, id);
        byte[] want =
            expected instanceof byte[]
                ? (byte[]) expected
                : DocumentedFormat.utf8((String) expected);
        assertThat(plain).as(what).isEqualTo(want);
      }
    }
    jpa.inTransaction(
        s -> {
          for (Map.Entry<Long, Row> e : committed.entrySet()) {
            expectEntity(s.find(Mix.class, e.getKey()), e.getValue(), "load");
          }
        });
  }

  private static byte[] decrypt(
      WasmThemis wasm, int attribute, Object column, Object token, long id) {
    byte[] stored = DocumentedFormat.fromColumn(column);
    String c = COLUMNS[attribute];
    switch (attribute) {
      case 2:
      case 3:
        return DocumentedFormat.readTokenProtect(
                wasm, KEYS, stored, DocumentedFormat.fromColumn(token), TABLE, c, id)
            .bytes;
      case 4:
      case 5:
        return DocumentedFormat.readImprint(wasm, TestKeys.K1, stored, TABLE, c, id);
      default:
        return DocumentedFormat.readSeal(wasm, KEYS, stored, TABLE, c, id).bytes;
    }
  }

  static boolean same(Object a, Object b) {
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }
}
