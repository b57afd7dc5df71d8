package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Applications that manage their schema with migrations run Hibernate with {@code
 * hbm2ddl.auto=validate}: the column types of encrypted attributes (binary and text) must pass.
 */
class SchemaValidationTest {
  @Test
  void encryptedColumnsPassSchemaValidation() {
    try (JpaFixture created =
            JpaFixture.of(TestKeys.standard(), Customer.class, Note.class, Typed.class);
        JpaFixture validated =
            JpaFixture.builder(Customer.class, Note.class, Typed.class)
                .keys(TestKeys.standard())
                .sharing(created)
                .set("hibernate.hbm2ddl.auto", "validate")
                .build()) {
      validated.inTransaction(s -> s.persist(new Customer("validated", "v-secret")));
      String email =
          created.fromTransaction(
              s ->
                  s.createQuery("from Customer where name = 'validated'", Customer.class)
                      .getSingleResult()
                      .email);
      assertThat(email).isEqualTo("v-secret");
    }
  }
}
