package io.github.themis4j.cli;

import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.CompoundBlindIndex;
import io.github.themis4j.jpa.index.Normalizers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The entity of {@link IndexIT}: an exact index with normalizers, a named 12-bit index and a
 * compound index over a string and an integer. Mixed-case names check the canonicalization.
 */
@Entity(name = "IndexCustomer")
@Table(name = "Bidx_Customer")
public class IndexCustomer {
  @Id Long id;

  @Encrypted
  @Column(length = 400)
  String email;

  @BlindIndex(of = "email", normalize = {Normalizers.TRIM, Normalizers.LOWER_CASE})
  @Column(name = "Email_Bidx", length = 120)
  String emailIndex;

  @Encrypted
  @Column(length = 400)
  String phone;

  @BlindIndex(of = "phone", name = "phoneDigits", normalize = Normalizers.DIGITS, bits = 12)
  @Column(name = "phone_bidx", length = 120)
  String phoneIndex;

  @Encrypted
  @Column(name = "last_name", length = 400)
  String lastName;

  @Column(name = "birth_year")
  Integer birthYear;

  @CompoundBlindIndex(of = {"lastName", "birthYear"}, normalize = Normalizers.LOWER_CASE)
  @Column(name = "name_year_bidx", length = 120)
  String nameYearIndex;

  public IndexCustomer() {}
}
