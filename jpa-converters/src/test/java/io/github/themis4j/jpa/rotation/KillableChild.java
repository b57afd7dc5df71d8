package io.github.themis4j.jpa.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.rotation.RotationProgress.Kind;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link RotationChild} in a separate JVM and kills it with SIGKILL mid-run. */
final class KillableChild {
  private KillableChild() {}

  /**
   * Starts {@link RotationChild} on {@code db} and kills it (SIGKILL) once a pass of {@code kind}
   * has done {@code rows}; {@code args}: workers, batch size, pause in ms. Returns the lines the
   * child printed.
   */
  static List<String> runAndKill(RotationDb db, Kind kind, long rows, String... args)
      throws IOException, InterruptedException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    File stderr = File.createTempFile("rotation-child", ".log");
    try {
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  RotationChild.class.getName(),
                  db.url,
                  db.user,
                  db.password,
                  args.length > 0 ? args[0] : "1",
                  args.length > 1 ? args[1] : "100",
                  args.length > 2 ? args[2] : "30")
              .redirectError(stderr)
              .start();
      List<String> seen = new ArrayList<>();
      boolean killed = false;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
          seen.add(line);
          String[] f = line.split(" ");
          if (f[0].equals("BATCH") && f[1].equals(kind.name()) && Long.parseLong(f[2]) >= rows) {
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no rollback by the JVM
            killed = true;
            break;
          }
        }
      } finally {
        if (!killed) {
          p.destroyForcibly();
        }
        p.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(killed)
          .as("child output %s, stderr %s", seen, Files.readString(stderr.toPath()))
          .isTrue();
      assertThat(seen).noneMatch(l -> l.startsWith("DONE"));
      assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      return seen;
    } finally {
      stderr.delete();
    }
  }
}
