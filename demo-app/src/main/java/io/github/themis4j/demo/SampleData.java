package io.github.themis4j.demo;

import io.github.themis4j.demo.patient.PatientInput;
import io.github.themis4j.demo.patient.PatientService;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates sample patients through the application on first start (an empty database). They cannot
 * be inserted by SQL: every encrypted value is bound to its row id, which exists only once the
 * application has drawn it from the sequence.
 */
@Component
@Order(0)
class SampleData implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(SampleData.class);

  private final PatientService patients;

  SampleData(PatientService patients) {
    this.patients = patients;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (patients.count() > 0) {
      return;
    }
    patients.create(
        new PatientInput(
            "Ada Lovelace",
            "Follow-up on the analytical engine headaches.",
            "ada@example.org",
            "ENG-1815-1210",
            LocalDate.of(1815, 12, 10),
            "London"));
    patients.create(
        new PatientInput(
            "Alan Turing",
            "Marathon training; check the left knee.",
            "alan@example.org",
            "ENG-1912-0623",
            LocalDate.of(1912, 6, 23),
            "Wilmslow"));
    patients.create(
        new PatientInput(
            "Grace Hopper",
            "Allergic to moths.\nPrefers COBOL over small talk.",
            "grace@example.net",
            "USA-1906-1209",
            LocalDate.of(1906, 12, 9),
            "Arlington"));
    patients.create(
        new PatientInput(
            "Marie Skłodowska-Curie",
            "Radiation exposure: monitor. Café au lait ☕ only.",
            null,
            "FRA-1867-1107",
            LocalDate.of(1867, 11, 7),
            "Paris"));
    log.info(
        "Created {} sample patients (through JPA, so each value is bound to its row id)",
        patients.count());
  }
}
