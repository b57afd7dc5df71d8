package io.github.themis4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private SoftHSM2 installation for the tests of this JVM: the configuration file named by the
 * {@code SOFTHSM2_CONF} environment variable (Maven's surefire sets it to {@code
 * target/softhsm/softhsm2.conf}), a fresh token directory beside it, and a fixed set of tokens
 * initialised with {@code softhsm2-util --init-token --free} before any test loads the module
 * (SoftHSM reads its tokens when the module is initialised, once per process).
 *
 * <p>Skips the calling test with a loud message if SoftHSM2 is not installed, or fails it when
 * {@code -Dthemis4j.softhsm.required=true} or {@code -Dthemis4j.interop.required=true} (CI): the
 * setup script installs the Debian package {@code softhsm2}.
 */
public final class SoftHsm {
  /** The module of the Debian package. */
  public static final Path LIBRARY = Paths.get("/usr/lib/softhsm/libsofthsm2.so");

  /** The user PIN of every token here. */
  public static final String PIN = "themis4j-test-pin";

  /** Tokens: one per kind of use, so that one test's login cannot make another's wrong PIN pass. */
  public static final List<String> TOKENS =
      List.of("main", "second", "wrong-pin", "jpa", "starter", "demo");

  private static SoftHsm shared;
  private static String unavailableReason;

  private final Map<String, Long> slots;

  private SoftHsm(Map<String, Long> slots) {
    this.slots = slots;
  }

  /** The fixture; skips (or fails, when required) the calling test if SoftHSM2 is not usable. */
  public static synchronized SoftHsm get() {
    if (shared == null && unavailableReason == null) {
      try {
        shared = init();
      } catch (IOException | RuntimeException e) {
        unavailableReason = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailableReason = "interrupted";
      }
    }
    if (shared == null) {
      String msg =
          "SoftHSM2 unavailable: "
              + unavailableReason
              + " (run scripts/setup.sh, which installs softhsm2)";
      if (Boolean.getBoolean("themis4j.softhsm.required")
          || Boolean.getBoolean("themis4j.interop.required")) {
        fail(msg);
      }
      System.err.println("\n*** WARNING: SKIPPING PKCS#11 TEST. " + msg + " ***\n");
      Assumptions.abort(msg);
    }
    return shared;
  }

  /** The PKCS#11 slot id SoftHSM gave the token {@code label} (one of {@link #TOKENS}). */
  public long slot(String label) {
    Long s = slots.get(label);
    if (s == null) {
      throw new IllegalArgumentException("no test token " + label);
    }
    return s;
  }

  /** The PIN as a fresh char array. */
  public static char[] pin() {
    return PIN.toCharArray();
  }

  private static SoftHsm init() throws IOException, InterruptedException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      throw new IOException(
          "SOFTHSM2_CONF is not set for the test JVM (Maven's surefire configuration sets it)");
    }
    if (!Files.isReadable(LIBRARY)) {
      throw new IOException(LIBRARY + " is not installed");
    }
    Path confFile = Paths.get(conf);
    Path tokens = confFile.resolveSibling("tokens");
    if (Files.exists(tokens)) {
      try (Stream<Path> all = Files.walk(tokens)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(tokens);
    Files.writeString(
        confFile,
        "directories.tokendir = "
            + tokens.toAbsolutePath()
            + "\nobjectstore.backend = file\nlog.level = ERROR\n",
        StandardCharsets.UTF_8);
    Map<String, Long> slots = new LinkedHashMap<>();
    Pattern reassigned = Pattern.compile("reassigned to slot (\\d+)");
    for (String label : TOKENS) {
      String out =
          run(
              confFile,
              "softhsm2-util",
              "--init-token",
              "--free",
              "--label",
              label,
              "--pin",
              PIN,
              "--so-pin",
              "themis4j-so-pin");
      Matcher m = reassigned.matcher(out);
      if (!m.find()) {
        throw new IOException(
            "softhsm2-util did not report the slot of token " + label + ": " + out.trim());
      }
      slots.put(label, Long.parseLong(m.group(1)));
    }
    return new SoftHsm(slots);
  }

  private static String run(Path conf, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(command[0] + " cannot be run: " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          String.join(" ", command).replace(PIN, "***") + " failed: " + out.trim());
    }
    return out;
  }
}
