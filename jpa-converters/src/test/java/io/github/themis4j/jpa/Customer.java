package io.github.themis4j.jpa;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * The main test entity: every mode, each in a binary and a text (base64) column, plus a plain
 * attribute, a version and a collection of children with encrypted attributes.
 */
@Entity(name = "Customer")
@Table(name = "jpa_customer")
public class Customer {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_seq")
  @SequenceGenerator(name = "customer_seq", sequenceName = "jpa_customer_seq", allocationSize = 20)
  Long id;

  @Version int version;

  @Column(length = 100)
  String name;

  @Encrypted
  @Column(name = "email", length = 600)
  String email;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "email_text", length = 800)
  String emailText;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "ssnToken")
  @Column(name = "ssn", length = 100)
  String ssn;

  @Column(name = "ssn_token", length = 120)
  byte[] ssnToken;

  @Encrypted(
      mode = CellMode.TOKEN_PROTECT,
      format = ColumnFormat.BASE64,
      tokenAttribute = "ssnTextToken")
  @Column(name = "ssn_text", length = 200)
  String ssnText;

  @Column(name = "ssn_text_token", length = 200)
  String ssnTextToken;

  /** No explicit column name: the context uses the canonical form of the implicit one. */
  @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
  @Column(length = 100)
  String nickName;

  @Encrypted(mode = CellMode.CONTEXT_IMPRINT, format = ColumnFormat.BASE64, keyId = "k1")
  @Column(name = "nick_name_text", length = 200)
  String nickNameText;

  @Encrypted(keyRing = "pii", format = ColumnFormat.BASE64)
  @Column(name = "notes_summary", length = 800)
  String summary;

  @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("position")
  List<Note> notes = new ArrayList<>();

  public Customer() {}

  Customer(String name, String secret) {
    this.name = name;
    setAll(secret);
  }

  /** Sets every encrypted attribute to {@code secret} (or a variant of it). */
  void setAll(String secret) {
    this.email = secret;
    this.emailText = secret;
    this.ssn = secret;
    this.ssnText = secret;
    this.nickName = secret;
    this.nickNameText = secret;
    this.summary = secret;
  }

  /** For proxies, which are initialized by calling a method. */
  public String getEmail() {
    return email;
  }

  Note addNote(int position, String text) {
    Note n = new Note(this, position, text);
    notes.add(n);
    return n;
  }
}
