package com.example.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The getting-started application as the guide builds it: its own application.properties, Flyway
 * migration and entity, with only the database URL and the key directory supplied by the test. On
 * PostgreSQL (127.0.0.1:5432, database test, a private schema) when {@code themis4j.test.db} is
 * {@code postgresql} (the {@code -Ppostgresql} profile, run by .ci/run); otherwise on H2 in
 * PostgreSQL mode.
 */
@SpringBootTest
class CustomersApplicationTest {
  private static final boolean POSTGRESQL =
      System.getProperty("themis4j.test.db", "h2").toLowerCase(Locale.ROOT).startsWith("postgres");
  private static final String SCHEMA =
      "gs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final Path KEYS = keyDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("CUSTOMERS_KEY_DIR", KEYS::toString);
    registry.add("CUSTOMERS_DB_PASSWORD", () -> "");
    if (POSTGRESQL) {
      registry.add(
          "spring.datasource.url",
          () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
      registry.add("spring.datasource.username", CustomersApplicationTest::pgUser);
      registry.add("spring.flyway.schemas", () -> SCHEMA);
      registry.add("spring.flyway.create-schemas", () -> "true");
    } else {
      registry.add(
          "spring.datasource.url",
          () -> "jdbc:h2:mem:" + SCHEMA + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
      registry.add("spring.datasource.username", () -> "sa");
    }
  }

  @Autowired CustomerRepository customers;
  @Autowired JdbcTemplate jdbc;

  @Test
  void encryptedFieldsRoundTripAndOnlyCiphertextIsStored() {
    Customer saved =
        customers.save(new Customer("ada", "ada@example.org", LocalDate.of(1815, 12, 10)));

    Customer loaded = customers.findById(saved.getId()).orElseThrow();
    assertThat(loaded.getEmail()).isEqualTo("ada@example.org");
    assertThat(loaded.getBirthDate()).isEqualTo(LocalDate.of(1815, 12, 10));
    assertThat(customers.findByDisplayName("ada")).extracting(Customer::getId).contains(saved.getId());

    byte[] email =
        jdbc.queryForObject("select email from customer where id = ?", byte[].class, saved.getId());
    String birth =
        jdbc.queryForObject("select birth_date from customer where id = ?", String.class, saved.getId());
    assertThat(new String(email, StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.org");
    assertThat(email.length).isBetween("ada@example.org".length() + 47, 817);
    byte[] birthBytes = Base64.getDecoder().decode(birth);
    assertThat(birthBytes.length).isEqualTo(8 + 47 + "p1".length());
    assertThat(birth.length()).isLessThanOrEqualTo(84);
  }

  @Test
  void customersAreFoundByTheirEncryptedEmail() {
    Customer grace = customers.save(new Customer("grace", "Grace@Example.org", null));
    customers.save(new Customer("alan", "alan@example.org", null));

    assertThat(customers.findByEmail("grace@example.org")).get().extracting(Customer::getId)
        .isEqualTo(grace.getId());
    assertThat(customers.findByEmail("  GRACE@example.org ")).isPresent(); // trim, lower-case
    assertThat(customers.existsByEmail("nobody@example.org")).isFalse();
    String index =
        jdbc.queryForObject(
            "select email_index from customer where id = ?", String.class, grace.getId());
    assertThat(index).startsWith("b1:").doesNotContain("grace");
    // Exact index: the database's UNIQUE constraint refuses a second customer with that e-mail.
    assertThatThrownBy(() -> customers.saveAndFlush(new Customer("g2", "grace@EXAMPLE.org", null)))
        .isNotNull();
  }

  @Test
  void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
    Customer a = customers.save(new Customer("a", "a@example.org", null));
    Customer b = customers.save(new Customer("b", "b@example.org", null));
    jdbc.update(
        "update customer set email = (select email from customer where id = ?) where id = ?",
        a.getId(),
        b.getId());
    assertThatThrownBy(() -> customers.findById(b.getId()))
        .hasStackTraceContaining("email");
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (POSTGRESQL) {
      try (Connection c =
              DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", pgUser(), "");
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + SCHEMA + " cascade");
      }
    }
  }

  private static String pgUser() {
    for (String user : new String[] {"postgres", "root"}) {
      try (Connection c =
          DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", user, "")) {
        return user;
      } catch (Exception e) {
        // try the next
      }
    }
    throw new IllegalStateException("cannot connect to PostgreSQL at 127.0.0.1:5432 as postgres or root");
  }

  private static Path keyDirectory() {
    try {
      Path dir = Files.createTempDirectory("customers-keys");
      SecureRandom random = new SecureRandom();
      for (String id : new String[] {"k1", "p1", "b1"}) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Files.write(dir.resolve(id + ".key"), key);
      }
      return dir;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
