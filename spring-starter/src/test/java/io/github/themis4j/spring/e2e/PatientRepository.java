package io.github.themis4j.spring.e2e;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PatientRepository extends JpaRepository<Patient, Long> {
  List<Patient> findByWardOrderById(String ward);
}
