package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** A child of {@link Customer} with an assigned UUID identifier and an encrypted text. */
@Entity(name = "Note")
@Table(name = "jpa_note")
public class Note {
  @Id UUID id;

  @ManyToOne Customer customer;

  int position;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "body", length = 1000)
  String text;

  public Note() {}

  Note(Customer customer, int position, String text) {
    this.id = UUID.randomUUID();
    this.customer = customer;
    this.position = position;
    this.text = text;
  }
}
