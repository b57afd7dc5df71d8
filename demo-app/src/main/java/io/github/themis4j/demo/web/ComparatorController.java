package io.github.themis4j.demo.web;

import io.github.themis4j.demo.crypto.RecoveryCodeComparator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Secure Comparator: checks a patient's one-time recovery code without anyone sending it. */
@RestController
class ComparatorController {
  private final RecoveryCodeComparator comparator;

  ComparatorController(RecoveryCodeComparator comparator) {
    this.comparator = comparator;
  }

  record CheckRequest(String code) {}

  /**
   * {@code message}: the caller's protocol message, base64; {@code exchange}: absent on the first
   * step.
   */
  record StepRequest(String exchange, String message) {}

  /** Both parties in this process; shows the messages they exchange. */
  @PostMapping("/api/patients/{id}/recovery-code/check")
  RecoveryCodeComparator.Check check(@PathVariable long id, @RequestBody CheckRequest request) {
    return comparator.checkInProcess(id, request == null ? null : request.code());
  }

  /** The clinic's side of a comparison that the caller runs with its own Secure Comparator. */
  @PostMapping("/api/patients/{id}/recovery-code/compare")
  RecoveryCodeComparator.Step step(@PathVariable long id, @RequestBody StepRequest request) {
    byte[] message =
        MessageController.decode("message", request == null ? null : request.message());
    return comparator.step(id, request.exchange(), message);
  }
}
