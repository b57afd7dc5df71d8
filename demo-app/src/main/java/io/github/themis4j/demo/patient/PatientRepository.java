package io.github.themis4j.demo.patient;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Patients, by sequence id. Encrypted attributes cannot appear in queries; {@code city} can. */
public interface PatientRepository extends JpaRepository<Patient, Long> {
  List<Patient> findAllByOrderByIdAsc();

  List<Patient> findAllByOrderByIdAsc(Pageable page);
}
