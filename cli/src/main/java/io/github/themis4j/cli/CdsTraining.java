package io.github.themis4j.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the common commands once, in-process and with their output discarded, so that the JVM's
 * class-data-sharing archive dumped at exit ({@code -XX:ArchiveClassesAtExit}, done by {@code
 * bin/themis4j} on its first run) holds the classes they load. Not a user command.
 */
final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
    PrintStream realOut = System.out;
    Path dir = Files.createTempDirectory("themis4j-cds");
    try {
      System.setOut(nul);
      System.setIn(new ByteArrayInputStream(new byte[0]));
      String k = dir.resolve("k").toString();
      String ec = dir.resolve("ec").toString();
      String ct = dir.resolve("ct").toString();
      String[][] runs = {
        {"--help"},
        {"cell", "seal", "encrypt", "--help"},
        {"keygen", "sym", "-o", k},
        {"keygen", "ec", "-o", ec},
        {"cell", "seal", "encrypt", "-k", k, "-c", "ctx", "-o", ct, "hello"},
        {"cell", "seal", "decrypt", "-k", k, "-c", "ctx", "-i", ct},
        {"cell", "seal", "encrypt", "-k", k, "-b", "hello"},
        {"cell", "token", "encrypt", "-k", k, "-b", "hello"},
        {"cell", "imprint", "encrypt", "-k", k, "-c", "x", "hello"},
        {"message", "encrypt", "--private", ec, "--public", ec + ".pub", "-b", "hello"},
        {"message", "sign", "--private", ec, "hello"},
        {"inspect", "-i", ct},
        {"column", "context", "-t", "t", "-C", "c", "--id", "1", "--key-id", "k1"},
        {"column", "encrypt", "-t", "t", "-C", "c", "--id", "1", "--key-id", "k1", "-k", k, "v"},
        {"tools", "scell_seal_string_echo", "enc", "key", "message", "context"},
        {"tools", "scell_token_string_echo", "enc", "key", "message"},
        {"tools", "smessage_encryption", "sign", ec, ec + ".pub", "message"},
        {"cell", "seal", "decrypt"},
      };
      for (String[] run : runs) {
        Themis4jCli.run(run, nul, nul);
      }
    } finally {
      System.setOut(realOut);
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
