package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.Normalizers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member with an encrypted e-mail found through its exact blind index (unique). */
@Entity(name = "IndexedMember")
@Table(name = "indexed_member")
public class IndexedMember {
  @Id Long id;

  @Encrypted
  @Column(length = 400)
  String email;

  @BlindIndex(of = "email", normalize = Normalizers.LOWER_CASE)
  @Column(name = "email_bidx", length = 108, unique = true)
  String emailIndex;

  protected IndexedMember() {}

  IndexedMember(long id, String email) {
    this.id = id;
    this.email = email;
  }
}
