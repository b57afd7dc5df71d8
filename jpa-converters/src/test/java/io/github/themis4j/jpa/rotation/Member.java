package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The table an application writes while the job rotates it: the modes that record their key id
 * (applications may write them during a rotation), and a version for optimistic locking.
 */
@Entity(name = "RotMember")
@Table(name = "rot_member")
public class Member {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rot_member_seq")
  @SequenceGenerator(name = "rot_member_seq", sequenceName = "rot_member_seq", allocationSize = 500)
  Long id;

  @Version int version;

  int number;

  @Encrypted
  @Column(length = 400)
  String email;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(length = 400)
  String phone;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "ssnToken")
  @Column(length = 100)
  String ssn;

  @Column(name = "ssn_token", length = 120)
  byte[] ssnToken;

  public Member() {}

  static Member of(int n) {
    Member m = new Member();
    m.number = n;
    m.email = RotationData.email(n);
    m.phone = RotationData.phone(n);
    m.ssn = RotationData.ssn(n);
    return m;
  }
}
