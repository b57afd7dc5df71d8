package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.themis4j.jpa.IntegrityPropertyTest.Mix;
import java.util.Arrays;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 7: when a write fails and the transaction rolls back, the entity keeps the
 * token it had before (not one for a ciphertext never committed) and no encrypted placeholder stays
 * in Hibernate's state; the stored row is untouched and loads.
 */
class FailedWriteTest {
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa = JpaFixture.builder(Mix.class).keys(TestKeys.standard()).build();
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static Mix mix(long id, String secret) {
    Mix m = new Mix();
    m.id = id;
    m.name = "n" + id;
    m.tokBin = secret;
    m.tokB64 = secret;
    m.sealBin = secret;
    return m;
  }

  private static void assertNoPlaceholder(Session s, Object entity) {
    EntityEntry entry = ((SessionImplementor) s).getPersistenceContext().getEntry(entity);
    if (entry != null && entry.getLoadedState() != null) {
      assertThat(entry.getLoadedState())
          .noneMatch(v -> v != null && v.getClass().getSimpleName().equals("PendingWrite"));
    }
  }

  @Test
  void aFailedInsertLeavesNoTokenAndNoPlaceholder() {
    jpa.inTransaction(s -> s.persist(mix(1, "first")));
    Object[] before = jpa.query("select tok_bin, tok_bin_token from jpa_mix where id = 1").get(0);
    Mix duplicate = mix(1, "second");
    try (Session s = jpa.sessionFactory.openSession()) {
      s.beginTransaction();
      s.persist(duplicate);
      Throwable t = catchThrowable(s::flush);
      assertThat(t).as("duplicate key").isNotNull();
      s.getTransaction().rollback();
      assertThat(duplicate.tokBinToken).isNull();
      assertThat(duplicate.tokB64Token).isNull();
      assertThat(duplicate.tokBin).isEqualTo("second");
      assertNoPlaceholder(s, duplicate);
    }
    Object[] after = jpa.query("select tok_bin, tok_bin_token from jpa_mix where id = 1").get(0);
    assertThat(Arrays.deepEquals(before, after)).isTrue();
    assertThat(jpa.fromTransaction(s -> s.find(Mix.class, 1L)).tokBin).isEqualTo("first");
  }

  @Test
  void aFailedUpdateRestoresTheLoadedTokens() {
    jpa.inTransaction(s -> s.persist(mix(2, "first")));
    try (Session s = jpa.sessionFactory.openSession()) {
      s.beginTransaction();
      Mix m = s.find(Mix.class, 2L);
      byte[] token = m.tokBinToken.clone();
      String textToken = m.tokB64Token;
      // a concurrent committed change makes this update fail its version check
      jpa.inTransaction(other -> other.find(Mix.class, 2L).name = "changed elsewhere");
      m.tokBin = "second";
      m.tokB64 = "second";
      Throwable t = catchThrowable(s::flush);
      assertThat(t).as("optimistic lock failure").isNotNull();
      s.getTransaction().rollback();
      assertThat(m.tokBinToken).isEqualTo(token);
      assertThat(m.tokB64Token).isEqualTo(textToken);
      assertNoPlaceholder(s, m);
    }
    Mix stored = jpa.fromTransaction(s -> s.find(Mix.class, 2L));
    assertThat(stored.tokBin).isEqualTo("first");
    assertThat(stored.name).isEqualTo("changed elsewhere");
  }

  @Test
  void aCommittedWriteKeepsItsNewTokens() {
    Mix m = mix(3, "first");
    jpa.inTransaction(s -> s.persist(m));
    byte[] stored = (byte[]) jpa.query("select tok_bin_token from jpa_mix where id = 3").get(0)[0];
    assertThat(m.tokBinToken).isEqualTo(stored);
  }
}
