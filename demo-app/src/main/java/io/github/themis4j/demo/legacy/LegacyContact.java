package io.github.themis4j.demo.legacy;

import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A contact of the legacy table (db/migration/V20): mapped as it will stay, encrypted; the
 * migration state (read-legacy while the old plaintext rows are encrypted) comes from
 * application.yml ({@code themis4j.jpa.migration}), so switching to strict needs no code change.
 */
@Entity(name = "LegacyContact")
@Table(name = "legacy_contact")
public class LegacyContact {
  /** The encrypted columns, in the order the page shows them. */
  public static final String[] COLUMNS = {"name", "email", "member_since"};

  @Id private Long id;

  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(length = 684, nullable = false)
  private String name;

  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(length = 1504)
  private String email;

  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(name = "member_since", length = 160)
  private LocalDate memberSince;

  protected LegacyContact() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public LocalDate getMemberSince() {
    return memberSince;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
