package io.github.themis4j.cli;

import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** The optional Secure Cell context: text or base64. */
final class ContextOptions {
  @Option(
      names = {"-c", "--context"},
      paramLabel = "TEXT",
      description = "Associated context (UTF-8 text).")
  String text;

  @Option(
      names = "--context-base64",
      paramLabel = "B64",
      description = "Associated context given as base64 (for binary contexts).")
  String base64;

  /** The context bytes, or null when none was given. */
  byte[] bytes() {
    if (text != null && base64 != null) {
      throw new CliException("give either --context or --context-base64, not both");
    }
    if (text != null) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return base64 == null ? null : Io.fromBase64(base64, "--context-base64");
  }
}
