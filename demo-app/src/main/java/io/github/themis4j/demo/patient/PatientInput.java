package io.github.themis4j.demo.patient;

import java.time.LocalDate;

/**
 * The fields of a patient a client sends (create or replace). The recovery code is made by the
 * application. Checked by {@link PatientService}; null means absent.
 *
 * @param fullName 1-100 characters, required
 * @param notes up to 1000 characters
 * @param email up to 254 characters with an {@code @}
 * @param insuranceNumber exactly {@code AAA-0000-0000}
 * @param birthDate ISO date, from 1800-01-01 to today
 * @param city 1-60 characters, required (stored in the clear)
 */
public record PatientInput(
    String fullName,
    String notes,
    String email,
    String insuranceNumber,
    LocalDate birthDate,
    String city) {}
