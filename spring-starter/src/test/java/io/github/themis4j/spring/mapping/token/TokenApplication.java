package io.github.themis4j.spring.mapping.token;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with a mapping mistake: Token Protect without its token attribute. */
@SpringBootApplication
public class TokenApplication {
  @Entity
  public static class Ticket {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT)
    String code;
  }
}
