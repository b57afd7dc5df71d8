package io.github.themis4j.cli;

import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a command's input comes from: an argument, a file or stdin; raw or base64. */
final class InputOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DATA",
      description = "The input as text (UTF-8). Without DATA and --in the input is read from stdin.")
  String data;

  @Option(
      names = {"-i", "--in"},
      paramLabel = "FILE",
      description = "Read the input from FILE ('-' for stdin).")
  String file;

  @Option(
      names = "--from-base64",
      description = "The input is base64 text (whitespace ignored); decode it first.")
  boolean fromBase64;

  /** The input bytes (decoded from base64 if asked). */
  byte[] read() {
    return decode(readText());
  }

  /** The input bytes as given, without base64 decoding. */
  byte[] readText() {
    if (data != null && file != null) {
      throw new CliException("give the input either as DATA or with --in, not both");
    }
    if (data != null) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
    return Io.read(file == null ? "-" : file);
  }

  byte[] decode(byte[] raw) {
    return fromBase64 ? Io.fromBase64(raw, "input") : raw;
  }
}
