package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keyring.UnknownKeyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownKeyException} that stops startup: typically an {@code @Encrypted}
 * field whose key ring is not configured. Names the properties that configure the ring.
 */
class UnknownKeyRingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownKeyException> {
  /** The suggestion of {@link UnknownKeyException#noSuchRing}. */
  private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([A-Za-z0-9._-]+)'\\?");

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnknownKeyException cause) {
    String ring = cause.keyRing();
    String prefix = "themis4j.key-rings." + ring;
    String usedBy = usedBy(rootFailure, cause);
    if (cause.keyId() == null) {
      Matcher typo = DID_YOU_MEAN.matcher(String.valueOf(cause.getMessage()));
      String fixTypo =
          typo.find()
              ? "If '" + ring + "' is a typo, name the configured ring '" + typo.group(1)
                  + "' in the mapping (@Encrypted(keyRing = \"" + typo.group(1) + "\")). Otherwise c"
              : "C";
      return new FailureAnalysis(
          "themis4j key ring '" + ring + "' is used but not configured: " + cause.getMessage() + usedBy,
          fixTypo + "onfigure key ring '" + ring + "', for example:\n\n"
              + "    " + prefix + ".keys[0].id=2026-01\n"
              + "    " + prefix + ".keys[0].env=" + envName(ring) + "   (or .value, .file, .keystore.*)\n"
              + "    " + prefix + ".active=2026-01\n\n"
              + "or, for local development only, set themis4j.dev-mode.enabled=true to use a throwaway key.",
          cause);
    }
    return new FailureAnalysis(
        "themis4j key ring '" + ring + "' has no key with id '" + cause.keyId() + "': " + cause.getMessage()
            + usedBy,
        "Add the key with id '" + cause.keyId() + "' to '" + prefix + ".keys'. Keys that encrypted stored"
            + " data must stay in the ring until that data has been re-encrypted with the active key.",
        cause);
  }

  /** The message of the exception that wraps {@code cause} (for example "@Encrypted on Patient.name: ..."). */
  private static String usedBy(Throwable root, Throwable cause) {
    for (Throwable t = root; t != null && t != cause; t = t.getCause()) {
      if (t.getCause() == cause && t.getMessage() != null) {
        return "\n\nReported as: " + t.getMessage();
      }
    }
    return "";
  }

  private static String envName(String ring) {
    return "THEMIS4J_" + ring.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KEY";
  }
}
