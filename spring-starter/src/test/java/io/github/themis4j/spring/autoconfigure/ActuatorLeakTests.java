package io.github.themis4j.spring.autoconfigure;

import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.b64;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.keystore;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.randomKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.spring.leakprobe.LeakProbeApplication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No key byte and no password reaches any Actuator endpoint of a real web application, whichever
 * way the secret arrived: command-line arguments (also visible in {@code sun.java.command}), a
 * keystore password placeholder on the command line resolved from an environment variable, {@code
 * SPRING_APPLICATION_JSON} as an environment variable, {@code spring.application.json} as a system
 * property, {@code JAVA_TOOL_OPTIONS} system properties, environment variables in Boot's relaxed
 * form, an environment variable named by an {@code env} source, a {@code spring.config.import}ed
 * properties file, a {@code configtree:} directory, and a secret copied with a placeholder into an
 * unrelated property and into an {@code info.*} property (shown by {@code /actuator/info}, which
 * Actuator does not sanitize).
 *
 * <p>The application runs in its own JVM (so that {@code sun.java.command} and the environment are
 * real) with every endpoint exposed and {@code show-values=always}. Every endpoint listed by {@code
 * /actuator} is read, templated ones for every name they offer ({@code env/{name}} for every
 * property), and searched for each secret as base64 (standard and URL-safe, with and without
 * padding), hex (both cases), raw bytes and text. {@code heapdump} is skipped: a heap dump holds
 * the keys by nature, no sanitizer applies to it (see the README). The control runs the same
 * application without the starter's sanitizing function and finds every secret that a property
 * carries (all but the key inside the keystore).
 */
class ActuatorLeakTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One secret and the way it was passed. */
  record Secret(String vector, byte[] bytes, String text) {
    static Secret key(String vector, byte[] bytes) {
      return new Secret(vector, bytes, null);
    }

    static Secret password(String vector, String text) {
      return new Secret(vector, null, text);
    }

    /** Every textual form the secret could take in a response. */
    Map<String, String> forms() {
      Map<String, String> forms = new LinkedHashMap<>();
      if (text != null) {
        forms.put("text", text);
        return forms;
      }
      forms.put("base64", Base64.getEncoder().encodeToString(bytes));
      forms.put("base64 without padding", Base64.getEncoder().withoutPadding().encodeToString(bytes));
      forms.put("url-safe base64", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      forms.put("hex", HexFormat.of().formatHex(bytes));
      forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
      return forms;
    }
  }

  private final List<Secret> secrets = new ArrayList<>();

  private Secret key(String vector) {
    Secret s = Secret.key(vector, randomKey());
    secrets.add(s);
    return s;
  }

  private static String b64(Secret s) {
    return ThemisAutoConfigurationTests.b64(s.bytes());
  }

  private static String jsonRing(String ring, String key) {
    return "{\"themis4j\":{\"key-rings\":{\"" + ring + "\":{\"active\":\"j\",\"keys\":[{\"id\":\"j\",\"value\":\""
        + key + "\"}]}}}}";
  }

  /** Starts the probe application in its own JVM with a secret passed in every way. */
  private Process start(Path dir, String name, boolean withSanitizer) throws Exception {
    Secret cli = key("command-line argument (and sun.java.command)");
    Secret envRelaxed = key("environment variable THEMIS4J_KEYRINGS_ENVR_KEYS_0_VALUE");
    Secret envNamed = key("environment variable named by an env source");
    Secret sysJson = key("spring.application.json system property");
    Secret envJson = key("SPRING_APPLICATION_JSON environment variable");
    Secret imported = key("spring.config.import properties file");
    Secret tree = key("configtree");
    Secret storeKey = key("keystore entry");
    Secret kspass = Secret.password("keystore password placeholder ${KSPASS} on the command line",
        "kspw-" + b64(Secret.key("", randomKey())).substring(0, 14));
    secrets.add(kspass);
    KeyPair pair = KeyPair.generate(KeyType.EC);
    Secret privateKey = Secret.key("JAVA_TOOL_OPTIONS -Dthemis4j.key-pair.private-key.value",
        pair.privateKey().toByteArray());
    secrets.add(privateKey);

    Path work = Files.createDirectories(dir.resolve(name));
    Path store = keystore(work, kspass.text(), Map.of("k", storeKey.bytes()), kspass.text());
    Path props = work.resolve("extra.properties");
    Files.writeString(props, "themis4j.key-rings.imported.active=i\nthemis4j.key-rings.imported.keys[0].id=i\n"
        + "themis4j.key-rings.imported.keys[0].value=" + b64(imported) + "\n");
    Path treeDir = Files.createDirectories(work.resolve("tree"));
    Files.writeString(treeDir.resolve("themis4j.key-rings.tree.active"), "t");
    Files.writeString(treeDir.resolve("themis4j.key-rings.tree.keys[0].id"), "t");
    Files.writeString(treeDir.resolve("themis4j.key-rings.tree.keys[0].value"), b64(tree));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dprobe.port-file=" + work.resolve("port"));
    command.add("-Dspring.application.json=" + jsonRing("sysjson", b64(sysJson)));
    command.add(LeakProbeApplication.class.getName());
    command.addAll(List.of(
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--spring.main.banner-mode=off",
        "--logging.level.root=warn",
        "--spring.datasource.url=jdbc:h2:mem:leak" + name,
        "--management.endpoints.web.exposure.include=*",
        "--management.endpoint.env.show-values=always",
        "--management.endpoint.configprops.show-values=always",
        "--management.endpoint.health.show-details=always",
        "--management.info.env.enabled=true",
        "--spring.config.import=file:" + props + ",configtree:" + treeDir + "/",
        "--app.greeting=hello-visible",
        "--app.copy=${themis4j.key-rings.cli.keys[0].value}",
        "--info.copy=${themis4j.key-rings.cli.keys[0].value}",
        "--themis4j.key-rings.cli.active=c",
        "--themis4j.key-rings.cli.keys[0].id=c",
        "--themis4j.key-rings.cli.keys[0].value=" + b64(cli),
        "--themis4j.key-rings.named.active=n",
        "--themis4j.key-rings.named.keys[0].id=n",
        "--themis4j.key-rings.named.keys[0].env=NAMED_KEY",
        "--themis4j.key-rings.ks.active=s",
        "--themis4j.key-rings.ks.keys[0].id=s",
        "--themis4j.key-rings.ks.keys[0].keystore.location=" + store,
        "--themis4j.key-rings.ks.keys[0].keystore.password=${KSPASS}",
        "--themis4j.key-rings.ks.keys[0].keystore.alias=k"));
    if (!withSanitizer) {
      command.add("--spring.autoconfigure.exclude=" + ThemisActuatorAutoConfiguration.class.getName());
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("KSPASS", kspass.text());
    env.put("NAMED_KEY", b64(envNamed));
    env.put("THEMIS4J_KEYRINGS_ENVR_ACTIVE", "e");
    env.put("THEMIS4J_KEYRINGS_ENVR_KEYS_0_ID", "e");
    env.put("THEMIS4J_KEYRINGS_ENVR_KEYS_0_VALUE", b64(envRelaxed));
    env.put("SPRING_APPLICATION_JSON", jsonRing("envjson", b64(envJson)));
    env.put("JAVA_TOOL_OPTIONS", "-Dthemis4j.key-pair.private-key.value=" + b64(privateKey)
        + " -Dthemis4j.key-pair.public-key.value=" + ThemisAutoConfigurationTests.b64(pair.publicKey().toByteArray()));
    pb.redirectErrorStream(true);
    pb.redirectOutput(work.resolve("log").toFile());
    return pb.start();
  }

  private static int port(Process p, Path work) throws Exception {
    Path file = work.resolve("port");
    for (int i = 0; i < 1200; i++) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Integer.parseInt(Files.readString(file).trim());
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("probe application did not start:\n" + Files.readString(work.resolve("log")));
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1)); // ISO-8859-1: bytes as chars
    return r.statusCode() + " " + r.body();
  }

  /** Every endpoint response: templated endpoints for every name they offer. */
  private Map<String, String> readEveryEndpoint(int port) throws Exception {
    Map<String, String> bodies = new LinkedHashMap<>();
    String index = get(port, "/actuator");
    bodies.put("/actuator", index);
    JsonNode links = JSON.readTree(index.substring(4)).get("_links");
    Set<String> propertyNames = new LinkedHashSet<>(List.of("sun.java.command", "spring.application.json",
        "SPRING_APPLICATION_JSON", "KSPASS", "NAMED_KEY", "JAVA_TOOL_OPTIONS", "app.copy"));
    String env = get(port, "/actuator/env");
    for (JsonNode source : JSON.readTree(env.substring(4)).get("propertySources")) {
      source.get("properties").propertyNames().forEach(propertyNames::add);
    }
    List<String> metricNames = new ArrayList<>();
    JSON.readTree(get(port, "/actuator/metrics").substring(4)).get("names").forEach(n -> metricNames.add(n.asString()));
    for (Map.Entry<String, JsonNode> link : links.properties()) {
      String name = link.getKey();
      if (name.equals("heapdump") || name.equals("self")) {
        continue;
      }
      String href = link.getValue().get("href").asString().replaceFirst("^http://[^/]+", "");
      if (!link.getValue().get("templated").asBoolean()) {
        bodies.put(href, get(port, href));
        continue;
      }
      List<String> values = switch (name) {
        case "env-toMatch" -> new ArrayList<>(propertyNames);
        case "configprops-prefix" -> List.of("themis4j", "themis4j.key-rings", "spring", "management");
        case "metrics-requiredMetricName" -> metricNames;
        case "health-path" -> List.of("themis4j", "db");
        case "loggers-name" -> List.of("ROOT", "io.github.themis4j");
        case "keyrotation-view" -> List.of("inventory");
        default -> List.of();
      };
      String template = href.substring(0, href.indexOf('{'));
      for (String v : values) {
        String path = template + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
        bodies.put(path, get(port, path));
      }
    }
    return bodies;
  }

  /** Where each secret shows, form by form. */
  private List<String> leaks(Map<String, String> bodies, Secret secret) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      for (Map.Entry<String, String> form : secret.forms().entrySet()) {
        if (body.getValue().contains(form.getValue())) {
          found.add(secret.vector() + " as " + form.getKey() + " in " + body.getKey());
        }
      }
      if (secret.bytes() != null
          && body.getValue().contains(new String(secret.bytes(), StandardCharsets.ISO_8859_1))) {
        found.add(secret.vector() + " as raw bytes in " + body.getKey());
      }
    }
    return found;
  }

  @Test
  void noEndpointShowsAnySecretHoweverItArrived(@TempDir Path dir) throws Exception {
    Process masked = start(dir, "masked", true);
    List<Secret> maskedSecrets = List.copyOf(secrets);
    secrets.clear();
    Process control = start(dir, "control", false);
    List<Secret> controlSecrets = List.copyOf(secrets);
    try {
      Map<String, String> bodies = readEveryEndpoint(port(masked, dir.resolve("masked")));
      assertThat(bodies.keySet()).contains("/actuator/env", "/actuator/configprops", "/actuator/beans",
          "/actuator/conditions", "/actuator/startup", "/actuator/health", "/actuator/keyrotation",
          "/actuator/env/sun.java.command", "/actuator/env/spring.application.json",
          "/actuator/configprops/themis4j");
      assertThat(bodies.size()).as("endpoints read").isGreaterThan(100);
      List<String> leaks = new ArrayList<>();
      maskedSecrets.forEach(s -> leaks.addAll(leaks(bodies, s)));
      assertThat(leaks).as("secrets shown by Actuator").isEmpty();
      assertThat(bodies.get("/actuator/env/sun.java.command")).contains(SanitizableData.SANITIZED_VALUE);
      assertThat(bodies.get("/actuator/env/spring.application.json")).contains(SanitizableData.SANITIZED_VALUE);
      assertThat(bodies.get("/actuator/env/app.greeting")).contains("hello-visible"); // not everything is masked
      assertThat(bodies.get("/actuator/health")).contains("\"cli\"", "\"ks\"", "\"sysjson\"", "\"imported\"",
          "\"tree\"", "\"envr\"", "\"named\""); // every ring was really configured

      // Control: the same application without the starter's sanitizing function shows every secret.
      Map<String, String> controlBodies = readEveryEndpoint(port(control, dir.resolve("control")));
      for (Secret s : controlSecrets) {
        if (s.vector().equals("keystore entry")) {
          continue; // held in the keystore file only; no property carries it
        }
        assertThat(leaks(controlBodies, s)).as("control: %s", s.vector()).isNotEmpty();
      }
    } finally {
      stop(masked);
      stop(control);
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
