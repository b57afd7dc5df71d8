package io.github.themis4j.spring.bidx;

import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.Normalizers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A member found by e-mail (exact unique index) and national id (truncated index). */
@Entity
public class Member {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  Long id;

  @Column(length = 60)
  String label;

  @Encrypted
  @Column(length = 400)
  String email;

  @BlindIndex(of = "email", normalize = {Normalizers.TRIM, Normalizers.LOWER_CASE})
  @Column(name = "email_bidx", length = 120, unique = true)
  String emailIndex;

  @Encrypted
  @Column(name = "national_id", length = 400)
  String nationalId;

  @BlindIndex(of = "nationalId", normalize = Normalizers.DIGITS, bits = 3)
  @Column(name = "national_id_bidx", length = 120)
  String nationalIdIndex;

  protected Member() {}

  Member(String label, String email, String nationalId) {
    this.label = label;
    this.email = email;
    this.nationalId = nationalId;
  }

  public String getLabel() {
    return label;
  }

  public String getEmail() {
    return email;
  }
}
