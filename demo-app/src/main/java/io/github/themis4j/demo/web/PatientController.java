package io.github.themis4j.demo.web;

import io.github.themis4j.demo.patient.PatientInput;
import io.github.themis4j.demo.patient.PatientService;
import io.github.themis4j.demo.patient.PatientView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient records: JSON with each encrypted field's value beside its stored bytes and key id.
 */
@RestController
@RequestMapping("/api/patients")
class PatientController {
  private final PatientService patients;

  PatientController(PatientService patients) {
    this.patients = patients;
  }

  /** One page of patients by id (default: the first 100), the total in {@code X-Total-Count}. */
  @GetMapping
  ResponseEntity<List<PatientView>> list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
    List<PatientView> views = patients.page(page, size);
    return ResponseEntity.ok()
        .header("X-Total-Count", Long.toString(patients.count()))
        .body(views);
  }

  @GetMapping("/{id}")
  PatientView get(@PathVariable long id) {
    return patients.get(id);
  }

  @PostMapping
  ResponseEntity<PatientView> create(@RequestBody PatientInput input) {
    PatientView created = patients.create(input);
    return ResponseEntity.created(URI.create("/api/patients/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  PatientView replace(@PathVariable long id, @RequestBody PatientInput input) {
    return patients.replace(id, input);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    patients.delete(id);
    return ResponseEntity.noContent().build();
  }
}
