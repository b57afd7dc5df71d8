package com.example.customers;

import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.Normalizers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;

@Entity
@Table(name = "customer")
public class Customer {
  // A sequence (not IDENTITY): the id is known before the insert, so each value is bound to its row.
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_seq")
  @SequenceGenerator(name = "customer_seq", sequenceName = "customer_seq", allocationSize = 50)
  private Long id;

  // Not encrypted: can be searched and sorted.
  @Column(name = "display_name", length = 100, nullable = false)
  private String displayName;

  // Secure Cell Seal under key ring "default", stored as bytes (bytea).
  @Encrypted
  @Column(name = "email", length = 817)
  private String email;

  // The blind index of email (key ring "blind-index"): findByEmail keeps working, and is unique.
  // Set by themis4j on every insert and on every update that changes email; never set it yourself.
  @BlindIndex(of = "email", normalize = {Normalizers.TRIM, Normalizers.LOWER_CASE})
  @Column(name = "email_index", length = 80, unique = true)
  private String emailIndex;

  // Seal under key ring "pii", stored as base64 text (varchar).
  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(name = "birth_date", length = 84)
  private LocalDate birthDate;

  protected Customer() {}

  public Customer(String displayName, String email, LocalDate birthDate) {
    this.displayName = displayName;
    this.email = email;
    this.birthDate = birthDate;
  }

  public Long getId() {
    return id;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }
}
