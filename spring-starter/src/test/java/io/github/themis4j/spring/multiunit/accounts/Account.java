package io.github.themis4j.spring.multiunit.accounts;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** An entity of persistence unit "accounts" with one attribute encrypted with key ring "pii". */
@Entity
public class Account {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  private Long id;

  @Encrypted(keyRing = "pii")
  @Column(length = 400)
  private String owner;

  protected Account() {}

  public Account(String owner) {
    this.owner = owner;
  }

  public Long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }
}
