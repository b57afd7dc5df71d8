package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The rotation benchmark's table: two Seal attributes (binary columns) and a plain one. */
@Entity(name = "RotatedPerson")
@Table(name = "bench_rotated_person")
public class RotatedPerson {
  @Id Long id;

  @Column(length = 100)
  String name;

  @Encrypted
  @Column(length = 200)
  String email;

  @Encrypted
  @Column(length = 200)
  String phone;

  public RotatedPerson() {}

  RotatedPerson(long id, String name, String email, String phone) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.phone = phone;
  }
}
