package io.github.themis4j.spring.mapping.ring;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose mapping names key ring "pi" where "pii" is configured. */
@SpringBootApplication
public class RingApplication {
  @Entity
  public static class Visit {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    Long id;

    @Encrypted(keyRing = "pi")
    String reason;
  }
}
