package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoundTripTest {
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

  @Test
  void everyModeAndFormatRoundTrips() {
    Long id =
        jpa.fromTransaction(
            s -> {
              Customer c = new Customer("Ada", "ada@example.com");
              c.addNote(1, "first note");
              s.persist(c);
              return c.id;
            });
    Customer loaded =
        jpa.fromTransaction(
            s -> {
              Customer c = s.find(Customer.class, id);
              c.notes.size();
              return c;
            });
    assertThat(loaded.email).isEqualTo("ada@example.com");
    assertThat(loaded.emailText).isEqualTo("ada@example.com");
    assertThat(loaded.ssn).isEqualTo("ada@example.com");
    assertThat(loaded.ssnText).isEqualTo("ada@example.com");
    assertThat(loaded.nickName).isEqualTo("ada@example.com");
    assertThat(loaded.nickNameText).isEqualTo("ada@example.com");
    assertThat(loaded.summary).isEqualTo("ada@example.com");
    assertThat(loaded.notes).extracting(n -> n.text).containsExactly("first note");
  }
}
