package io.github.themis4j.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link KeyConfigurationException} at startup: what is wrong with the key
 * configuration and which property to set.
 */
class KeyConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<KeyConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KeyConfigurationException cause) {
    return new FailureAnalysis(
        "themis4j key configuration is invalid: " + cause.getMessage() + "\n\nProperty: " + cause.property(),
        cause.action(),
        cause);
  }
}
