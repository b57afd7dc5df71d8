package io.github.themis4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher script {@code cli/bin/themis4j} as a process on the packaged jar (set up
 * by the pom's integration-test execution), with stdin bytes and extra environment variables.
 */
final class Launcher {
  static final Path SCRIPT = Paths.get(System.getProperty("themis4j.cli.launcher", "bin/themis4j")).toAbsolutePath();
  static final Path JAR = Paths.get(System.getProperty("themis4j.cli.jar", "target/missing.jar")).toAbsolutePath();
  static final Path CACHE = Paths.get("target", "cds-cache").toAbsolutePath();

  private Launcher() {}

  /** A finished run. */
  static final class Result {
    final int exit;
    final byte[] stdout;
    final String stderr;

    Result(int exit, byte[] stdout, String stderr) {
      this.exit = exit;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** The stdout of a successful run; fails the test with stderr otherwise. */
    Result ok() {
      assertThat(exit).as("exit status, stderr: %s", stderr).isZero();
      return this;
    }

    /**
     * Asserts the failure contract: non-zero exit, nothing on stdout, exactly one line on stderr
     * containing {@code expected}, and none of {@code secrets} anywhere in it.
     */
    Result fails(String expected, String... secrets) {
      assertThat(exit).as("exit status (stderr: %s)", stderr).isNotZero();
      assertThat(stdout).as("stdout of a failed run").isEmpty();
      assertThat(stderr).as("stderr").endsWith("\n");
      assertThat(stderr.substring(0, stderr.length() - 1)).as("stderr is one line").doesNotContain("\n");
      assertThat(stderr).contains(expected);
      for (String s : secrets) {
        assertThat(stderr).as("stderr must not leak a secret").doesNotContain(s);
      }
      return this;
    }
  }

  static Result run(String... args) {
    return run(new byte[0], Map.of(), null, args);
  }

  static Result runIn(Path cwd, String... args) {
    return run(new byte[0], Map.of(), cwd, args);
  }

  static Result withStdin(byte[] stdin, String... args) {
    return run(stdin, Map.of(), null, args);
  }

  static Result withEnv(Map<String, String> env, String... args) {
    return run(new byte[0], env, null, args);
  }

  static Result run(byte[] stdin, Map<String, String> env, Path cwd, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(SCRIPT.toString());
    cmd.addAll(Arrays.asList(args));
    return exec(cmd, stdin, env, cwd);
  }

  /** Environment that points the launcher at the packaged jar and a private CDS cache. */
  static void configure(Map<String, String> env) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("the CLI jar is not built: " + JAR + " (run mvn verify)");
    }
    env.put("THEMIS4J_JAR", JAR.toString());
    env.put("THEMIS4J_CACHE", CACHE.toString());
  }

  static Result exec(List<String> cmd, byte[] stdin, Map<String, String> env, Path cwd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    configure(pb.environment());
    pb.environment().putAll(env);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // the command did not read its stdin
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("command timed out: " + cmd);
      }
      return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (InputStream i = in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      i.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
