package io.github.themis4j.benchmarks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same member with the e-mail in the clear, in a unique (indexed) column. */
@Entity(name = "PlainMember")
@Table(name = "plain_member")
public class PlainMember {
  @Id Long id;

  @Column(length = 400, unique = true)
  String email;

  protected PlainMember() {}

  PlainMember(long id, String email) {
    this.id = id;
    this.email = email;
  }
}
