package io.github.themis4j.cli;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** UUID ids. */
@Entity(name = "ColumnUuidDoc")
@Table(name = "cli_uuid_doc")
public class ColumnUuidDoc {
  @Id UUID id;

  @Encrypted
  @Column(name = "secret", length = 300)
  String secret;

  @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
  @Column(name = "imprinted", length = 300)
  String imprinted;

  public ColumnUuidDoc() {}
}
