package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized encryption must not make entities look dirty: an unchanged entity is never written
 * again, and a changed one is written once. Checked with Hibernate statistics and the SQL issued.
 */
class DirtyCheckingTest {
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa = JpaFixture.of(TestKeys.standard(), Customer.class, Note.class);
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static Long persistOne() {
    return jpa.fromTransaction(
        s -> {
          Customer c = new Customer("Grace", "grace@example.com");
          c.addNote(1, "a note");
          s.persist(c);
          return c.id;
        });
  }

  @Test
  void loadingAndFlushingWithoutChangeIssuesNoUpdate() {
    Long id = persistOne();
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.notes.size();
          s.flush();
          s.flush();
        });
    assertThat(jpa.statistics().getEntityUpdateCount()).isZero();
    assertThat(jpa.statements("update")).isEmpty();
    assertThat(jpa.statistics().getEntityLoadCount()).isEqualTo(2); // the customer and its note
  }

  @Test
  void flushingAgainAfterPersistIssuesNoUpdate() {
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Customer c = new Customer("Hedy", "hedy@example.com");
          s.persist(c);
          s.flush();
          s.flush();
        });
    assertThat(jpa.statistics().getEntityInsertCount()).isEqualTo(1);
    assertThat(jpa.statistics().getEntityUpdateCount()).isZero();
    assertThat(jpa.statements("update")).isEmpty();
  }

  @Test
  void changingOneEncryptedAttributeUpdatesTheEntityOnce() {
    Long id = persistOne();
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.email = "grace.hopper@example.com";
          s.flush();
          s.flush(); // the second flush must find nothing left to write
        });
    assertThat(jpa.statistics().getEntityUpdateCount()).isEqualTo(1);
    assertThat(jpa.statements("update")).hasSize(1);
    Customer reloaded = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(reloaded.email).isEqualTo("grace.hopper@example.com");
    assertThat(reloaded.emailText).isEqualTo("grace@example.com");
    assertThat(reloaded.ssn).isEqualTo("grace@example.com");
    assertThat(reloaded.version).isEqualTo(1);
  }

  @Test
  void changingATokenProtectedAttributeUpdatesOnceAndKeepsItReadable() {
    Long id = persistOne();
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.ssn = "078-05-1120";
          c.ssnText = "078-05-1121";
          s.flush();
          s.flush();
        });
    assertThat(jpa.statistics().getEntityUpdateCount()).isEqualTo(1);
    Customer reloaded = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(reloaded.ssn).isEqualTo("078-05-1120");
    assertThat(reloaded.ssnText).isEqualTo("078-05-1121");
    // and loading it again is not dirty either
    jpa.resetCounters();
    jpa.inTransaction(s -> s.find(Customer.class, id));
    assertThat(jpa.statistics().getEntityUpdateCount()).isZero();
  }

  @Test
  void settingAnEncryptedAttributeToTheSameValueIsNotAChange() {
    Long id = persistOne();
    jpa.resetCounters();
    jpa.inTransaction(
        s -> {
          Customer c = s.find(Customer.class, id);
          c.email = new String("grace@example.com".toCharArray()); // equal, not the same instance
        });
    assertThat(jpa.statistics().getEntityUpdateCount()).isZero();
  }
}
