package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.UnknownKeyException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class FailureAnalyzersTests {
  @Test
  void analyzersAreRegisteredWithSpringBoot() {
    // Boot's own analyzers need constructor arguments that only a running application supplies.
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
            SpringFactoriesLoader.ArgumentResolver.none(),
            SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
        .hasAtLeastOneElementOfType(KeyConfigurationFailureAnalyzer.class)
        .hasAtLeastOneElementOfType(UnknownKeyRingFailureAnalyzer.class);
  }

  @Test
  void unknownRingNamesThePropertiesThatConfigureIt() {
    Throwable failure = new IllegalStateException("Failed to initialize JPA EntityManagerFactory",
        new RuntimeException("@Encrypted on Patient.diagnosis: no key ring named 'medical' is configured",
            new UnknownKeyException("medical", null, "no key ring named 'medical' is configured")));
    FailureAnalysis analysis = new UnknownKeyRingFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription()).contains("'medical' is used but not configured")
        .contains("@Encrypted on Patient.diagnosis");
    assertThat(analysis.getAction()).contains("themis4j.key-rings.medical.keys[0].id")
        .contains("themis4j.key-rings.medical.keys[0].env=THEMIS4J_MEDICAL_KEY")
        .contains("themis4j.key-rings.medical.active")
        .contains("themis4j.dev-mode.enabled=true");
  }

  @Test
  void unknownKeyIdSaysToKeepOldKeys() {
    FailureAnalysis analysis = new UnknownKeyRingFailureAnalyzer().analyze(
        new UnknownKeyException("pii", "2025-01", "key ring 'pii' has no key with id '2025-01'"));
    assertThat(analysis.getDescription()).contains("no key with id '2025-01'");
    assertThat(analysis.getAction()).contains("themis4j.key-rings.pii.keys").contains("must stay in the ring");
  }

  @Test
  void keyConfigurationFailureNamesPropertyAndAction() {
    FailureAnalysis analysis = new KeyConfigurationFailureAnalyzer().analyze(new RuntimeException(
        new KeyConfigurationException("themis4j.key-rings.pii.active", "Key ring 'pii' has no active key.",
            "Set 'themis4j.key-rings.pii.active'.")));
    assertThat(analysis.getDescription()).contains("Key ring 'pii' has no active key.")
        .contains("Property: themis4j.key-rings.pii.active");
    assertThat(analysis.getAction()).isEqualTo("Set 'themis4j.key-rings.pii.active'.");
  }
}
