package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 2: a {@code byte[]} attribute changed in place after a flush that wrote it (or
 * wrote its row for another attribute) is written at the next flush, as a plain {@code byte[]}
 * column is; with and without {@code @DynamicUpdate}. Stored values are read over plain JDBC and
 * decrypted from docs/FORMAT.md by {@link DocumentedFormat}.
 */
class InPlaceChangeTest {
  private static final Map<String, byte[]> KEYS = Map.of("k1", TestKeys.K1, "k2", TestKeys.K2);
  private static JpaFixture jpa;

  @Entity(name = "DynRec")
  @Table(name = "jpa_dyn_rec")
  @DynamicUpdate
  public static class DynRec {
    @Id Long id;

    @Version int version;

    @Column(length = 100)
    String name;

    @Encrypted
    @Column(length = 400)
    byte[] blob;

    @Column(length = 100)
    byte[] plainBlob;
  }

  @BeforeAll
  static void start() {
    jpa = JpaFixture.builder(Rec.class, DynRec.class).keys(TestKeys.standard()).build();
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static byte[] stored(String table, long id) {
    Object raw = jpa.query("select blob from " + table + " where id = ?", id).get(0)[0];
    return DocumentedFormat.readSeal(WasmThemis.get(), KEYS, (byte[]) raw, table, "blob", id).bytes;
  }

  private static void persistRec(long id, byte[] blob) {
    jpa.inTransaction(s -> s.persist(new Rec(id, "n", "s", blob)));
  }

  @Test
  void anInPlaceChangeAfterTheFlushOfANewArrayIsWritten() {
    persistRec(1, new byte[] {1, 2, 3});
    jpa.inTransaction(
        s -> {
          Rec x = s.find(Rec.class, 1L);
          x.blob = new byte[] {4, 5, 6};
          s.flush();
          x.blob[0] = 9;
        });
    assertThat(stored("jpa_rec", 1)).containsExactly(9, 5, 6);
    assertThat(jpa.fromTransaction(s -> s.find(Rec.class, 1L)).blob).containsExactly(9, 5, 6);
  }

  @Test
  void anInPlaceChangeAfterAnUpdateCausedByAnotherAttributeIsWritten() {
    persistRec(2, new byte[] {1, 2, 3});
    jpa.inTransaction(
        s -> {
          Rec x = s.find(Rec.class, 2L);
          x.name = "renamed";
          s.flush();
          x.blob[0] = 9;
        });
    assertThat(stored("jpa_rec", 2)).containsExactly(9, 2, 3);
  }

  @Test
  void anInPlaceChangeAfterTheInsertIsWritten() {
    jpa.inTransaction(
        s -> {
          Rec x = new Rec(3, "n", "s", new byte[] {1, 2});
          s.persist(x);
          s.flush();
          x.blob[1] = 8;
          s.flush();
          x.blob[0] = 7;
        });
    assertThat(stored("jpa_rec", 3)).containsExactly(7, 8);
  }

  @Test
  void withDynamicUpdateAnInPlaceChangeIsWrittenLikeAPlainArrays() {
    jpa.inTransaction(
        s -> {
          DynRec d = new DynRec();
          d.id = 4L;
          d.blob = new byte[] {1, 2};
          d.plainBlob = new byte[] {1, 2};
          s.persist(d);
        });
    jpa.inTransaction(
        s -> {
          DynRec d = s.find(DynRec.class, 4L);
          d.blob = new byte[] {2, 2};
          d.plainBlob = new byte[] {2, 2};
          s.flush();
          d.blob[0] = 5;
          d.plainBlob[0] = 5;
        });
    assertThat(jpa.query("select plainBlob from jpa_dyn_rec where id = 4").get(0)[0])
        .isEqualTo(new byte[] {5, 2});
    assertThat(stored("jpa_dyn_rec", 4)).containsExactly(5, 2);
    jpa.inTransaction(
        s -> {
          DynRec d = s.find(DynRec.class, 4L);
          d.name = "other";
          s.flush();
          d.blob[1] = 6;
        });
    assertThat(stored("jpa_dyn_rec", 4)).containsExactly(5, 6);
  }

  @Test
  void anUnchangedArrayIssuesNoUpdate() {
    persistRec(5, new byte[] {1, 2, 3});
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Rec x = s.find(Rec.class, 5L);
          x.blob = new byte[] {1, 2, 3}; // equal content
          s.flush();
        });
    assertThat(jpa.statements("update")).isEmpty();
  }
}
