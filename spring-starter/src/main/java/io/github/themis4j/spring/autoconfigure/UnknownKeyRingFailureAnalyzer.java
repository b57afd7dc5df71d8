package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keyring.UnknownKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownKeyException} that stops startup: typically an {@code @Encrypted}
 * field whose key ring is not configured. Names the properties that configure the ring.
 */
class UnknownKeyRingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownKeyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnknownKeyException cause) {
    String ring = cause.keyRing();
    String prefix = "themis4j.key-rings." + ring;
    if (cause.keyId() == null) {
      return new FailureAnalysis(
          "themis4j key ring '" + ring + "' is used but not configured: " + cause.getMessage(),
          "Configure key ring '" + ring + "', for example:\n\n"
              + "    " + prefix + ".keys[0].id=2026-01\n"
              + "    " + prefix + ".keys[0].env=" + envName(ring) + "   (or .value, .file, .keystore.*)\n"
              + "    " + prefix + ".active=2026-01\n\n"
              + "or, for local development only, set themis4j.dev-mode.enabled=true to use a throwaway key.",
          cause);
    }
    return new FailureAnalysis(
        "themis4j key ring '" + ring + "' has no key with id '" + cause.keyId() + "': " + cause.getMessage(),
        "Add the key with id '" + cause.keyId() + "' to '" + prefix + ".keys'. Keys that encrypted stored"
            + " data must stay in the ring until that data has been re-encrypted with the active key.",
        cause);
  }

  private static String envName(String ring) {
    return "THEMIS4J_" + ring.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KEY";
  }
}
