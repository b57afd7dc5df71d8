package io.github.themis4j.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** How a command writes binary output: raw bytes, or one line of base64. */
final class OutputOptions {
  @Option(
      names = {"-b", "--base64"},
      description = "Write the output as one line of base64 instead of raw bytes.")
  boolean base64;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the output to FILE (owner-only permissions) instead of stdout.")
  String file;

  @Option(names = "--force", description = "Replace the output file if it exists.")
  boolean force;

  byte[] encode(byte[] data) {
    return base64 ? Io.line(Io.toBase64(data)) : data;
  }

  void write(PrintStream stdout, byte[] data) {
    byte[] out = encode(data);
    if (file != null) {
      Io.writeOwnerOnly(file, out, force);
    } else {
      Io.emit(stdout, out);
    }
  }
}
