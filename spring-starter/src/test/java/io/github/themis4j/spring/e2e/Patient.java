package io.github.themis4j.spring.e2e;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.LocalDate;

@Entity
public class Patient {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  private Long id;

  /** Key ring "pii", binary column. */
  @Encrypted(keyRing = "pii")
  @Column(length = 400)
  private String name;

  /** Key ring "default", binary column. */
  @Encrypted
  @Column(length = 200)
  private LocalDate birthDate;

  /** Not encrypted: queries on it work as usual. */
  private String ward;

  protected Patient() {}

  public Patient(String name, LocalDate birthDate, String ward) {
    this.name = name;
    this.birthDate = birthDate;
    this.ward = ward;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public String getWard() {
    return ward;
  }
}
