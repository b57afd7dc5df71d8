package io.github.themis4j.jpa;

import io.github.themis4j.jpa.index.BlindIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A misconfigured entity: its blind index uses the ring that encrypts its attribute. */
@Entity(name = "SharedRing")
public class SharedRing {
  @Id Long id;

  @Encrypted
  @Column(length = 400)
  String code;

  @BlindIndex(of = "code", keyRing = "default")
  @Column(length = 120)
  String codeIndex;
}
