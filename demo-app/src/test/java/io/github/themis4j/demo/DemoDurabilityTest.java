package io.github.themis4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write the demo acknowledged survives {@code kill -9}: the application runs in a child JVM on
 * a temporary database directory, eight clients create and replace patients through the HTTP API,
 * the child is killed with SIGKILL in the middle of the burst, restarted on the same files, and
 * every acknowledged create and the last acknowledged replace of each patient is read back. A
 * replace that was in flight at the kill (never answered) may or may not have been committed; both
 * outcomes are accepted for it, nothing else.
 */
class DemoDurabilityTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int CLIENTS = 8;

  /** What one patient's fields must be after the restart: one of these inputs. */
  private static final class Expected {
    volatile Map<String, Object> acknowledged;
    volatile Map<String, Object> inFlight;
    volatile String createdAt;
  }

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    Path dataDir = Files.createTempDirectory("themis4j-demo-kill");
    try {
      int port = freePort();
      Process app = start(dataDir, port, "first");
      Map<Long, Expected> expected = new ConcurrentHashMap<>();
      AtomicInteger acks = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        waitUntilUp(port, app);
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          clients.execute(() -> write(port, client, expected, acks, stop));
        }
        // Kill in the middle of the burst: once enough writes were acknowledged, without warning.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (acks.get() < 400 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        app.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no H2 close
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        app.destroyForcibly();
      }
      assertThat(acks.get()).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(100);

      Process restarted = start(dataDir, port, "restart");
      try {
        waitUntilUp(port, restarted);
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Long, Expected> e : expected.entrySet()) {
          Response r = request(port, "GET", "/api/patients/" + e.getKey(), null);
          if (r.status() != 200) {
            lost.add("patient " + e.getKey() + ": HTTP " + r.status());
            continue;
          }
          JsonNode stored = JSON.readTree(r.body());
          Map<String, Object> now = fields(stored);
          Expected x = e.getValue();
          if (!now.equals(x.acknowledged) && !now.equals(x.inFlight)) {
            lost.add("patient " + e.getKey() + ": stored " + now + ", acknowledged " + x.acknowledged);
          }
          assertThat(stored.path("createdAt").asString())
              .as("createdAt of the create response equals the stored one")
              .isEqualTo(x.createdAt);
        }
        assertThat(lost).as("acknowledged writes lost by kill -9").isEmpty();
        assertThat(expected).hasSizeGreaterThan(20);
      } finally {
        restarted.destroyForcibly();
        restarted.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      FileSystemUtils.deleteRecursively(dataDir);
    }
  }

  /** One client: creates patients, and replaces its own patients' fields, until stopped. */
  private static void write(
      int port, int client, Map<Long, Expected> expected, AtomicInteger acks, AtomicBoolean stop) {
    List<Long> mine = new ArrayList<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 0; !stop.get(); n++) {
      Map<String, Object> input = input(client, n, random);
      try {
        if (mine.isEmpty() || random.nextInt(3) == 0) {
          Response r = request(port, "POST", "/api/patients", JSON.writeValueAsString(input));
          if (r.status() == 201) {
            JsonNode created = JSON.readTree(r.body());
            Expected x = new Expected();
            x.acknowledged = fields(created);
            x.createdAt = created.path("createdAt").asString();
            long id = created.path("id").asLong();
            expected.put(id, x);
            mine.add(id);
            acks.incrementAndGet();
          }
        } else {
          long id = mine.get(random.nextInt(mine.size()));
          Expected x = expected.get(id);
          x.inFlight = withoutCity(input);
          Response r = request(port, "PUT", "/api/patients/" + id, JSON.writeValueAsString(input));
          if (r.status() == 200) {
            x.acknowledged = fields(JSON.readTree(r.body()));
            x.inFlight = null;
            acks.incrementAndGet();
          }
        }
      } catch (IOException | RuntimeException e) {
        return; // the server is gone: what was in flight stays recorded as in flight
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, Object> input(int client, int n, ThreadLocalRandom random) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("fullName", "Client " + client + " patient " + n + " Zoë Ålund");
    in.put("notes", "note " + random.nextLong() + " – µ§");
    in.put("email", "c" + client + "n" + n + "@example.org");
    in.put("insuranceNumber", String.format("KIL-%04d-%04d", client, n % 10_000));
    in.put("birthDate", "19" + (10 + random.nextInt(90)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
    in.put("city", "Killtown");
    return in;
  }

  private static Map<String, Object> withoutCity(Map<String, Object> input) {
    Map<String, Object> m = new LinkedHashMap<>(input);
    m.remove("city");
    return m;
  }

  /** The encrypted fields a client sent, as the API shows them decrypted. */
  private static Map<String, Object> fields(JsonNode patient) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String attribute :
        List.of("fullName", "notes", "email", "insuranceNumber", "birthDate")) {
      for (JsonNode f : patient.path("fields")) {
        if (f.path("attribute").asString().equals(attribute)) {
          m.put(attribute, f.path("value").isNull() ? null : f.path("value").asString());
        }
      }
    }
    return m;
  }

  private static Process start(Path dataDir, int port, String name) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    File log = dataDir.resolve(name + ".log").toFile();
    return new ProcessBuilder(
            java,
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            DemoApplication.class.getName(),
            "--demo.data-dir=" + dataDir,
            "--server.port=" + port,
            "--demo.session.port=0",
            "--logging.level.root=WARN")
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  private static void waitUntilUp(int port, Process app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      assertThat(app.isAlive()).as("the demo process is running").isTrue();
      try {
        if (request(port, "GET", "/api/patients?size=1", null).status() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the demo did not start within 180 s");
  }

  private record Response(int status, String body) {}

  private static Response request(int port, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
