package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A second table, keyed by UUID, in another key ring ("pii"). */
@Entity(name = "RotDocument")
@Table(name = "rot_document")
public class Document {
  @Id UUID id;

  int number;

  @Encrypted(keyRing = "pii")
  @Column(length = 600)
  String body;

  public Document() {}
}
