package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A table taken over from an application that stored these columns in plaintext. */
@Entity(name = "LegacyPerson")
@Table(name = "jpa_legacy_person")
public class LegacyPerson {
  @Id public Long id;

  @Encrypted(migration = MigrationState.READ_LEGACY)
  @Column(length = 700)
  public String name;

  @Encrypted(format = ColumnFormat.BASE64, migration = MigrationState.READ_LEGACY)
  @Column(length = 900)
  public String email;

  @Encrypted(format = ColumnFormat.BASE64, migration = MigrationState.READ_LEGACY)
  @Column(length = 120)
  public Integer score;

  @Encrypted(format = ColumnFormat.BASE64, migration = MigrationState.READ_LEGACY)
  @Column(length = 120)
  public LocalDate born;

  @Encrypted(format = ColumnFormat.BASE64, migration = MigrationState.READ_LEGACY)
  @Column(length = 120)
  public BigDecimal balance;

  public LegacyPerson() {}

  public LegacyPerson(Long id, String name, String email, Integer score, LocalDate born,
      BigDecimal balance) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.score = score;
    this.born = born;
    this.balance = balance;
  }

  /** The values as a list, for comparisons. */
  public java.util.List<Object> values() {
    return java.util.Arrays.asList(name, email, score, born, balance);
  }
}
