package io.github.themis4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's blind indexes: patients found by e-mail and by insurance number (national id) through
 * the HTTP API, the stored index shown beside the ciphertext, and existing rows backfilled at
 * startup.
 */
@SpringBootTest(
    classes = DemoApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoBlindIndexTest {
  private static final Path DATA_DIR = tempDir();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired Environment environment;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("demo.data-dir", DATA_DIR::toString);
    registry.add("demo.session.port", () -> "0");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + environment.getRequiredProperty("local.server.port")
                            + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String q(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static JsonNode field(JsonNode patient, String attribute) {
    for (JsonNode f : patient.path("fields")) {
      if (f.path("attribute").asString().equals(attribute)) {
        return f;
      }
    }
    throw new AssertionError("no field " + attribute);
  }

  @Test
  void findsPatientsByEmailAndByInsuranceNumberAndShowsTheStoredIndex() throws Exception {
    JsonNode byEmail = get("/api/patients/search?email=" + q("  ADA@example.org"));
    assertThat(byEmail).hasSize(1);
    JsonNode ada = byEmail.get(0);
    assertThat(field(ada, "fullName").path("value").asString()).isEqualTo("Ada Lovelace");
    JsonNode email = field(ada, "email");
    String index = email.path("index").path("text").asString();
    assertThat(index).startsWith("bidx-2026-01:").hasSize("bidx-2026-01:".length() + 43);
    assertThat(email.path("index").path("column").asString()).isEqualTo("email_bidx");
    assertThat(
            jdbc.queryForObject(
                "select email_bidx from patient where id = ?", String.class, ada.path("id").asLong()))
        .isEqualTo(index);

    JsonNode byId = get("/api/patients/search?insuranceNumber=" + q("USA-1906-1209"));
    assertThat(byId).hasSize(1);
    assertThat(field(byId.get(0), "fullName").path("value").asString()).isEqualTo("Grace Hopper");
    assertThat(field(byId.get(0), "insuranceNumber").path("index").path("text").asString())
        .startsWith("bidx-2026-01:");
    assertThat(get("/api/patients/search?email=" + q("nobody@example.org"))).isEmpty();
    // the patient list shows the index beside the ciphertext too
    JsonNode all = get("/api/patients");
    assertThat(all.size()).isGreaterThanOrEqualTo(4);
    for (JsonNode p : all) {
      JsonNode e = field(p, "email");
      if (!e.path("value").isNull()) {
        assertThat(e.path("index").path("text").asString()).startsWith("bidx-2026-01:");
      }
    }
  }

  @Test
  void rowsWithoutAnIndexAreBackfilledByTheEnginePass() throws Exception {
    jdbc.update("update patient set email_bidx = null, insurance_bidx = null");
    assertThat(get("/api/patients/search?email=" + q("alan@example.org"))).isEmpty();
    io.github.themis4j.jpa.engine.JobReport report =
        io.github.themis4j.jpa.engine.ReencryptionJob.builder(
                jdbcSessionFactory())
            .pass(new io.github.themis4j.jpa.index.BlindIndexPass())
            .createCursorTable(false)
            .build()
            .run();
    assertThat(report.isComplete()).isTrue();
    assertThat(get("/api/patients/search?email=" + q("alan@example.org"))).hasSize(1);
    assertThat(get("/api/patients/search?insuranceNumber=" + q("ENG-1912-0623"))).hasSize(1);
  }

  @Autowired jakarta.persistence.EntityManagerFactory emf;

  private org.hibernate.SessionFactory jdbcSessionFactory() {
    return emf.unwrap(org.hibernate.SessionFactory.class);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("themis4j-demo-bidx");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
