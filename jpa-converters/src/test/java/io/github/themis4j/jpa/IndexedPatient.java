package io.github.themis4j.jpa;

import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.CompoundBlindIndex;
import io.github.themis4j.jpa.index.Normalizers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * The blind-index test entity: an exact unique index on the e-mail, a truncated (4-bit) index on
 * the national id so that collisions are certain, a compound index over an encrypted last name
 * and a plain birth year, and an encrypted attribute without an index.
 */
@Entity(name = "IndexedPatient")
@Table(name = "bidx_patient")
public class IndexedPatient {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bidx_patient_seq")
  @SequenceGenerator(name = "bidx_patient_seq", sequenceName = "bidx_patient_seq", allocationSize = 50)
  Long id;

  @Column(length = 100)
  String label;

  @Encrypted
  @Column(length = 400)
  String email;

  @BlindIndex(of = "email", normalize = {Normalizers.TRIM, Normalizers.LOWER_CASE})
  @Column(name = "email_bidx", length = 120, unique = true)
  String emailIndex;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "national_id", length = 400)
  String nationalId;

  @BlindIndex(of = "nationalId", normalize = Normalizers.DIGITS, bits = 4)
  @Column(name = "national_id_bidx", length = 120)
  String nationalIdIndex;

  @Encrypted
  @Column(name = "last_name", length = 400)
  String lastName;

  @Column(name = "birth_year")
  Integer birthYear;

  @CompoundBlindIndex(
      of = {"lastName", "birthYear"},
      normalize = Normalizers.LOWER_CASE)
  @Column(name = "name_year_bidx", length = 120)
  String nameYearIndex;

  @Encrypted
  @Column(length = 400)
  String notes;

  public IndexedPatient() {}

  IndexedPatient(String label, String email, String nationalId) {
    this.label = label;
    this.email = email;
    this.nationalId = nationalId;
  }

  IndexedPatient named(String lastName, Integer birthYear) {
    this.lastName = lastName;
    this.birthYear = birthYear;
    return this;
  }
}
