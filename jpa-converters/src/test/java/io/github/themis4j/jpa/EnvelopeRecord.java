package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row encrypted under an envelope ring. */
@Entity(name = "EnvelopeRecord")
@Table(name = "env_record")
public class EnvelopeRecord {
  @Id Long id;

  @Encrypted(keyRing = "records", format = ColumnFormat.BASE64)
  @Column(name = "secret", length = 500)
  String secret;

  public EnvelopeRecord() {}

  EnvelopeRecord(long id, String secret) {
    this.id = id;
    this.secret = secret;
  }
}
