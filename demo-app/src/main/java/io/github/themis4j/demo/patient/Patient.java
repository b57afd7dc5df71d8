package io.github.themis4j.demo.patient;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A patient of the demo clinic. Personal data is encrypted in each Secure Cell mode; {@code city}
 * and {@code createdAt} are stored in the clear (they can be searched and sorted). The identifier
 * comes from a sequence, so it is known before the insert and every encrypted value is bound to it.
 *
 * <p>Every encrypted column names its database column explicitly: the page reads these annotations
 * to show each field's stored bytes beside its value.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "patient")
public class Patient {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "patient_seq")
  @SequenceGenerator(name = "patient_seq", sequenceName = "patient_seq", allocationSize = 50)
  private Long id;

  /** Free text: Seal (authenticated, randomized), binary column. */
  @Encrypted(keyRing = "pii")
  @Column(name = "full_name", length = 420, nullable = false)
  private String fullName;

  /** Free text: Seal, base64 text column. */
  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(name = "notes", length = 4150)
  private String notes;

  /** Token Protect: the ciphertext keeps the length, the token goes to {@code email_token}. */
  @Encrypted(keyRing = "pii", mode = CellMode.TOKEN_PROTECT, tokenAttribute = "emailToken")
  @Column(name = "email", length = 762)
  private String email;

  /** The authentication token of {@code email} (envelope with key id, and the Themis token). */
  @Column(name = "email_token", length = 111)
  private byte[] emailToken;

  /**
   * A fixed-length field: Context Imprint keeps its length (13 bytes in, 13 bytes stored) but is
   * deterministic and unauthenticated. It stores no key id, so the key is pinned here.
   */
  @Encrypted(keyRing = "ids", mode = CellMode.CONTEXT_IMPRINT, keyId = "ids-2026-01")
  @Column(name = "insurance_number", length = 13)
  private String insuranceNumber;

  /** A date: Seal of its 8-byte encoding. */
  @Encrypted(keyRing = "pii")
  @Column(name = "birth_date", length = 119)
  private LocalDate birthDate;

  /** The one-time recovery code, checked with Secure Comparator. Seal. */
  @Encrypted(keyRing = "pii")
  @Column(name = "recovery_code", length = 130, nullable = false)
  private String recoveryCode;

  /** Not encrypted. */
  @Column(name = "city", length = 60, nullable = false)
  private String city;

  /** Not encrypted. */
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Patient() {}

  public Patient(String fullName, String city, String recoveryCode) {
    this.fullName = fullName;
    this.city = city;
    this.recoveryCode = recoveryCode;
    // The column keeps microseconds (timestamp(6)): so does the response, equal to every later read.
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public String getFullName() {
    return fullName;
  }

  public void setFullName(String fullName) {
    this.fullName = fullName;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getInsuranceNumber() {
    return insuranceNumber;
  }

  public void setInsuranceNumber(String insuranceNumber) {
    this.insuranceNumber = insuranceNumber;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  public String getRecoveryCode() {
    return recoveryCode;
  }

  public void setRecoveryCode(String recoveryCode) {
    this.recoveryCode = recoveryCode;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String city) {
    this.city = city;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Patient[id=" + id + "]";
  }
}
