package io.github.themis4j.benchmarks.jpa;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A person with three encrypted attributes (Secure Cell Seal, binary columns) and a plain name. */
@Entity(name = "EncryptedPerson")
@Table(name = "bench_encrypted_person")
public class EncryptedPerson implements Person {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "encrypted_person_seq")
  @SequenceGenerator(name = "encrypted_person_seq", sequenceName = "bench_encrypted_person_seq", allocationSize = 50)
  Long id;

  @Column(length = 100)
  String name;

  @Encrypted
  @Column(length = 200)
  String email;

  @Encrypted
  @Column(length = 200)
  String phone;

  @Encrypted
  @Column(length = 300)
  String address;

  public EncryptedPerson() {}

  EncryptedPerson(String name, String email, String phone, String address) {
    this.name = name;
    this.email = email;
    this.phone = phone;
    this.address = address;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String email() {
    return email;
  }

  @Override
  public String phone() {
    return phone;
  }

  @Override
  public String address() {
    return address;
  }
}
