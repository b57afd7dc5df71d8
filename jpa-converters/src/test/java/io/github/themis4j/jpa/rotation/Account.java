package io.github.themis4j.jpa.rotation;

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
import jakarta.persistence.Version;

/**
 * The table rotated by the tests: every mode (Seal binary and base64, Token Protect, an unpinned
 * Context Imprint attribute, a Seal number), a version and a plain attribute keying the expected
 * values ({@link RotationData}).
 */
@Entity(name = "RotAccount")
@Table(name = "rot_account")
public class Account {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rot_account_seq")
  @SequenceGenerator(
      name = "rot_account_seq",
      sequenceName = "rot_account_seq",
      allocationSize = 500)
  Long id;

  @Version int version;

  /** The row number the expected values derive from. */
  int number;

  @Encrypted
  @Column(length = 400)
  String email;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(length = 400)
  String phone;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "ssnToken")
  @Column(length = 100)
  String ssn;

  @Column(name = "ssn_token", length = 120)
  byte[] ssnToken;

  /** Unpinned: reads and writes use the ring's active key. */
  @Encrypted(mode = CellMode.CONTEXT_IMPRINT)
  @Column(length = 100)
  String code;

  @Encrypted
  @Column(length = 200)
  Long balance;

  public Account() {}
}
