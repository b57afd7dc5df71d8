package io.github.themis4j.demo.patient;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Patients, by sequence id. Encrypted attributes can be compared for equality only where they have
 * a blind index (e-mail, insurance number); {@code city} is in the clear.
 */
public interface PatientRepository extends JpaRepository<Patient, Long> {
  List<Patient> findAllByOrderByIdAsc();

  List<Patient> findAllByOrderByIdAsc(Pageable page);

  /** By e-mail: served by the blind index {@code email_bidx}, with a plaintext argument. */
  List<Patient> findByEmail(String email);

  /** By insurance number (national id): served by the blind index {@code insurance_bidx}. */
  List<Patient> findByInsuranceNumber(String insuranceNumber);
}
