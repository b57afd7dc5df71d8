package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The entity of the adversarial review (issue 13): Seal in a binary and a base64 column, a {@code
 * byte[]} attribute, and a plain name; assigned identifiers, so bulk inserts can name them.
 */
@Entity(name = "Rec")
@Table(name = "jpa_rec")
public class Rec {
  @Id Long id;

  @Version int version;

  @Column(length = 100)
  String name;

  @Encrypted
  @Column(length = 400)
  String secret;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(length = 600)
  String b64;

  @Encrypted
  @Column(length = 400)
  byte[] blob;

  public Rec() {}

  Rec(long id, String name, String secret, byte[] blob) {
    this.id = id;
    this.name = name;
    this.secret = secret;
    this.b64 = secret;
    this.blob = blob;
  }

  /** A simple DTO for select new. */
  public static final class Dto {
    final Long id;
    final String secret;

    public Dto(Long id, String secret) {
      this.id = id;
      this.secret = secret;
    }
  }
}
