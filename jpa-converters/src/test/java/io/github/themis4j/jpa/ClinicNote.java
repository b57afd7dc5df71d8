package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * A row of one clinic (Hibernate discriminator multi-tenancy), its diagnosis under the clinic's
 * key.
 */
@Entity(name = "ClinicNote")
@Table(name = "env_clinic_note")
public class ClinicNote {
  @Id Long id;

  @TenantId
  @Column(name = "clinic", length = 40)
  String clinic;

  @Encrypted(keyRing = "pii")
  @Column(name = "diagnosis", length = 500)
  String diagnosis;

  public ClinicNote() {}

  ClinicNote(long id, String diagnosis) {
    this.id = id;
    this.diagnosis = diagnosis;
  }
}
