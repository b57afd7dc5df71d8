package io.github.themis4j.cli;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** String ids, no @Table: the table is the entity name, "ColumnDoc", canonical "columndoc". */
@Entity(name = "ColumnDoc")
public class ColumnDoc {
  @Id
  @Column(length = 64)
  String id;

  @Encrypted
  @Column(name = "Body", length = 300)
  String body;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, format = ColumnFormat.BASE64, tokenAttribute = "bodyToken")
  @Column(name = "body_tp", length = 300)
  String bodyTp;

  @Column(name = "body_token", length = 200)
  String bodyToken;

  public ColumnDoc() {}
}
