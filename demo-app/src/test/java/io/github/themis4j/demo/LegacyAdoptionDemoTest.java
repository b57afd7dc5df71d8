package io.github.themis4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keys.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's legacy table (docs/ADOPTING.md) through the HTTP API: seeded in plaintext on first
 * start and readable in read-legacy; one call encrypts it in place; then every column holds a
 * themis4j value that decrypts, with the demo key and a context built by hand from
 * docs/FORMAT.md, to the seeded plaintext; a damaged value is an error, not a plaintext.
 */
@SpringBootTest(
    classes = DemoApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LegacyAdoptionDemoTest {
  private static final Path DATA_DIR = tempDir();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Map<Long, List<String>> SEEDED =
      Map.of(
          1L, Arrays.asList("Émilie du Châtelet", "emilie@example.fr", "1706-12-17"),
          2L, Arrays.asList("Sofia Kovalevskaya", "sofia@example.ru", "1850-01-15"),
          3L, Arrays.asList("Srinivasa Ramanujan", "", "1887-12-22"),
          4L, Arrays.asList("华罗庚 Hua Luogeng", "hua@example.cn", null),
          5L, Arrays.asList("Ada Lovelace", null, "1815-12-10"),
          6L, Arrays.asList("Paul Erdős", "erdos@example.hu", "1913-03-26"));
  private static final String[] COLUMNS = {"name", "email", "member_since"};

  @Autowired Environment environment;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("demo.data-dir", DATA_DIR::toString);
    registry.add("demo.session.port", () -> "0");
  }

  @AfterAll
  static void deleteDatabase() throws IOException {
    FileSystemUtils.deleteRecursively(DATA_DIR);
  }

  @Test
  void theLegacyTableIsReadThenEncryptedInPlaceByOneCall() throws Exception {
    // seeded in plaintext, read through read-legacy
    JsonNode before = get("/api/legacy");
    assertThat(before.size()).isEqualTo(6);
    for (JsonNode row : before) {
      List<String> seeded = SEEDED.get(row.path("id").asLong());
      assertThat(values(row)).isEqualTo(seeded);
      for (int i = 0; i < 3; i++) {
        JsonNode c = row.path("columns").get(i);
        assertThat(c.path("state").asString()).isEqualTo(seeded.get(i) == null ? "null" : "plaintext");
      }
    }
    assertThat(raw(1L).get(0)).isEqualTo("Émilie du Châtelet");

    // one call migrates
    JsonNode result = post("/api/legacy/migrate");
    assertThat(result.path("complete").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("remaining").asLong()).isZero();

    JsonNode after = get("/api/legacy");
    for (JsonNode row : after) {
      long id = row.path("id").asLong();
      List<String> seeded = SEEDED.get(id);
      assertThat(values(row)).isEqualTo(seeded);
      List<String> stored = raw(id);
      for (int i = 0; i < 3; i++) {
        JsonNode c = row.path("columns").get(i);
        if (seeded.get(i) == null) {
          assertThat(stored.get(i)).isNull();
          continue;
        }
        assertThat(c.path("state").asString()).isEqualTo("encrypted");
        assertThat(c.path("keyId").asString()).isEqualTo("pii-2026-01");
        assertThat(independentRead(stored.get(i), COLUMNS[i], id, i == 2)).isEqualTo(seeded.get(i));
      }
    }

    // a damaged value is an error under read-legacy, never a plaintext
    String email = raw(2L).get(1);
    char[] damaged = email.toCharArray();
    damaged[0] = damaged[0] == 'B' ? 'C' : 'B';
    jdbc.update("update legacy_contact set email = ? where id = 2", new String(damaged));
    try {
      HttpResponse<String> r = send("GET", "/api/legacy");
      assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(400);
      assertThat(r.body()).doesNotContain("sofia@example.ru");
    } finally {
      jdbc.update("update legacy_contact set email = ? where id = 2", email);
    }
    assertThat(values(get("/api/legacy").get(1))).isEqualTo(SEEDED.get(2L));
  }

  /** docs/FORMAT.md sections 3 to 6, by hand: base64, envelope, context, Seal, encoding. */
  private String independentRead(String column, String name, long id, boolean date) {
    byte[] stored = Base64.getDecoder().decode(column);
    assertThat(stored[0]).isEqualTo((byte) 1);
    boolean empty = stored[1] == 1;
    int n = stored[2];
    String keyId = new String(stored, 3, n, StandardCharsets.US_ASCII);
    byte[] key =
        Base64.getDecoder()
            .decode(environment.getRequiredProperty("themis4j.key-rings.pii.keys[0].value"));
    ByteArrayOutputStream ctx = new ByteArrayOutputStream();
    for (String s :
        new String[] {
          "themis4j-jpa/1", "seal", empty ? "empty" : "value", keyId, "legacy_contact", name,
          "integer", Long.toString(id)
        }) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      ctx.write(b.length >>> 24);
      ctx.write(b.length >>> 16);
      ctx.write(b.length >>> 8);
      ctx.write(b.length);
      ctx.write(b, 0, b.length);
    }
    byte[] plain =
        SecureCell.sealWithKey(SymmetricKey.fromBytes(key))
            .decrypt(Arrays.copyOfRange(stored, 3 + n, stored.length), ctx.toByteArray());
    if (empty) {
      assertThat(plain).containsExactly(0);
      return "";
    }
    if (date) {
      return java.time.LocalDate.ofEpochDay(java.nio.ByteBuffer.wrap(plain).getLong()).toString();
    }
    return new String(plain, StandardCharsets.UTF_8);
  }

  private List<String> raw(long id) {
    return jdbc.queryForObject(
        "select name, email, member_since from legacy_contact where id = ?",
        (rs, i) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)),
        id);
  }

  private static List<String> values(JsonNode row) {
    return Arrays.asList(text(row.path("name")), text(row.path("email")), text(row.path("memberSince")));
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? null : n.asString();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode post(String path) throws Exception {
    HttpResponse<String> r = send("POST", path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    String base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("themis4j-legacy-demo-test");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
