package io.github.themis4j.spring.mapping.identity;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose encrypted entity takes its id from an IDENTITY column. */
@SpringBootApplication
public class IdentityApplication {
  @Entity
  public static class Invoice {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Encrypted
    String iban;
  }
}
