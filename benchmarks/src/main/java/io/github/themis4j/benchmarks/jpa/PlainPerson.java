package io.github.themis4j.benchmarks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The same person as {@link EncryptedPerson} with every attribute in the clear. */
@Entity(name = "PlainPerson")
@Table(name = "bench_plain_person")
public class PlainPerson implements Person {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "plain_person_seq")
  @SequenceGenerator(name = "plain_person_seq", sequenceName = "bench_plain_person_seq", allocationSize = 50)
  Long id;

  @Column(length = 100)
  String name;

  @Column(length = 200)
  String email;

  @Column(length = 200)
  String phone;

  @Column(length = 300)
  String address;

  public PlainPerson() {}

  PlainPerson(String name, String email, String phone, String address) {
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
