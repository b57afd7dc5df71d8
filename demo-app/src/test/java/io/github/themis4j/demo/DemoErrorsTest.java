package io.github.themis4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The demo's errors say what is wrong, as problem details, for every kind of bad request: a field
 * of the wrong form (named, its value not echoed), a missing field, a URL Tomcat refuses before
 * Spring sees it, and a body too large (refused before it is read).
 */
@SpringBootTest(
    classes = DemoApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoErrorsTest {
  private static final Path DATA_DIR = tempDir();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Autowired Environment environment;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("demo.data-dir", DATA_DIR::toString);
    registry.add("demo.session.port", () -> "0");
  }

  @AfterAll
  static void deleteData() {
    FileSystemUtils.deleteRecursively(DATA_DIR.toFile());
  }

  @Test
  void aFieldOfTheWrongFormIsNamedAndItsValueIsNotEchoed() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/patients",
            "{\"fullName\":\"Ada\",\"city\":\"London\",\"birthDate\":\"1815-13-45x\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("birthDate").contains("ISO date").doesNotContain("1815-13-45x");

    HttpResponse<String> notAString =
        send("POST", "/api/patients", "{\"fullName\":[1,2],\"city\":\"London\"}");
    assertThat(notAString.statusCode()).isEqualTo(400);
    assertThat(notAString.body()).contains("fullName");
  }

  @Test
  void retiringWithoutAKeyIdSaysThatTheKeyIdIsRequired() throws Exception {
    HttpResponse<String> r = send("POST", "/api/key-rings/pii/retire", "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("keyId is required").doesNotContain("null");
  }

  @Test
  void urlsTomcatRefusesGetProblemDetailsToo() throws Exception {
    for (String path : new String[] {"/api/patients/%2f", "/api/patients/a%00b", "/api/%5c"}) {
      String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(statusOf(response)).as(path).isBetween(400, 404);
      assertThat(response)
          .as(path)
          .containsIgnoringCase("Content-Type: application/problem+json")
          .doesNotContain("<html");
    }
  }

  @Test
  void aBodyTooLargeIsRefusedBeforeItIsRead() throws Exception {
    // 30 MB declared, a few bytes sent: the answer comes at once, without the body.
    String declared =
        raw(
            "POST /api/patients HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 31457280\r\nConnection: close\r\n\r\n{\"fullName\":\"");
    assertThat(statusOf(declared)).isEqualTo(413);
    assertThat(declared).contains("application/problem+json").contains("larger than");

    // No length (chunked): refused once the limit is crossed.
    StringBuilder chunked =
        new StringBuilder(
            "POST /api/patients HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    String chunk = "{\"notes\":\"" + "x".repeat(64 * 1024);
    chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    String filler = "y".repeat(64 * 1024);
    for (int i = 0; i < 20; i++) {
      chunked.append(Integer.toHexString(filler.length())).append("\r\n").append(filler).append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    String response = raw(chunked.toString());
    assertThat(statusOf(response)).isEqualTo(413);
    assertThat(response).contains("application/problem+json");
  }

  private String raw(String request) throws IOException {
    int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before the whole body is written: read what it said
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          response.write(buf, 0, n);
        }
      } catch (IOException e) {
        // connection reset after the response: keep what was read
      }
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static int statusOf(String response) {
    assertThat(response).startsWith("HTTP/1.1 ");
    return Integer.parseInt(response.substring(9, 12));
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + environment.getRequiredProperty("local.server.port")
                        + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("themis4j-demo-errors");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
