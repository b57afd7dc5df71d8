package io.github.themis4j.spring.multiunit.billing;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** An entity of persistence unit "billing" with one attribute encrypted with key ring "pii". */
@Entity
public class Invoice {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  private Long id;

  @Encrypted(keyRing = "pii")
  @Column(length = 400)
  private String payee;

  protected Invoice() {}

  public Invoice(String payee) {
    this.payee = payee;
  }

  public Long getId() {
    return id;
  }

  public String getPayee() {
    return payee;
  }
}
