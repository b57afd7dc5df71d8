package io.github.themis4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.ThemisException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.comparator.SecureComparator;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.message.SecureMessage;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.SocketSessionTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo end to end: the application on a random port over an H2 file in a temporary directory,
 * driven through its HTTP API. Stored columns are read over JDBC and decrypted here with the demo
 * keys and the documented context (docs/FORMAT.md), independently of the JPA integration. Before
 * the context under test starts, a first run of the application writes to the same database file
 * and stops: the context under test is a restart, and the first test reads that run's records back.
 */
@SpringBootTest(
    classes = DemoApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoApplicationTest {
  private static final Path DATA_DIR = tempDir();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final HexFormat HEX = HexFormat.of();

  @Autowired Environment environment;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("demo.data-dir", DATA_DIR::toString);
    registry.add("demo.session.port", () -> "0");
  }

  /** What the first run of the application (before the restart) served. */
  private static JsonNode firstRunPatients;

  private static long firstRunId;

  /** The key the first run rotated ring "pii" to. */
  private static String rotatedKeyId;

  /**
   * The first run: the application is started on the (empty) database directory, creates its sample
   * data, rotates key ring "pii" to a new key, stores one more patient (with that key) through the
   * API, and is stopped. The context under test is then started on the same database file: a
   * restart.
   */
  @BeforeAll
  static void firstRun() {
    try (ConfigurableApplicationContext first =
        new SpringApplicationBuilder(DemoApplication.class)
            .run("--demo.data-dir=" + DATA_DIR, "--server.port=0", "--demo.session.port=0")) {
      String base =
          "http://localhost:" + first.getEnvironment().getRequiredProperty("local.server.port");
      rotatedKeyId =
          ring(request(base, "POST", "/api/key-rings/pii/rotate", "{}").ok(), "pii")
              .path("activeKeyId")
              .asString();
      assertThat(rotatedKeyId).startsWith("pii-").isNotEqualTo("pii-2026-01");
      Response created =
          request(
              base,
              "POST",
              "/api/patients",
              JSON.writeValueAsString(
                  Map.of(
                      "fullName",
                      "Katherine Johnson",
                      "city",
                      "Hampton",
                      "email",
                      "kj@example.org",
                      "insuranceNumber",
                      "USA-1918-0826",
                      "birthDate",
                      "1918-08-26",
                      "notes",
                      "Orbital mechanics.")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      firstRunId = created.json().path("id").asLong();
      firstRunPatients = request(base, "GET", "/api/patients", null).ok();
    }
    assertThat(firstRunPatients.size()).isEqualTo(5);
  }

  @AfterAll
  static void deleteDatabase() throws IOException {
    FileSystemUtils.deleteRecursively(DATA_DIR);
  }

  // ---- restart ------------------------------------------------------------------------------

  @Test
  @Order(0)
  void recordsStoredBeforeTheRestartAreReadBackUnchanged() {
    JsonNode now = get("/api/patients").ok();
    assertThat(now.size())
        .as("sample data is created only once")
        .isEqualTo(firstRunPatients.size());
    for (int i = 0; i < now.size(); i++) {
      JsonNode before = firstRunPatients.get(i);
      assertThat(now.get(i).path("id").asLong()).isEqualTo(before.path("id").asLong());
      for (JsonNode f : before.path("fields")) {
        String attribute = f.path("attribute").asString();
        assertThat(field(now.get(i), attribute).path("value"))
            .as(attribute)
            .isEqualTo(f.path("value"));
        assertThat(field(now.get(i), attribute).path("stored"))
            .as(attribute)
            .isEqualTo(f.path("stored"));
        assertThat(field(now.get(i), attribute).path("token"))
            .as(attribute)
            .isEqualTo(f.path("token"));
      }
    }
    JsonNode katherine = get("/api/patients/" + firstRunId).ok();
    assertThat(field(katherine, "fullName").path("value").asString())
        .isEqualTo("Katherine Johnson");
    assertThat(field(katherine, "insuranceNumber").path("value").asString())
        .isEqualTo("USA-1918-0826");
    // The rotated key survived the restart: the ring still holds it, active, and it decrypts.
    assertThat(field(katherine, "fullName").path("keyId").asString()).isEqualTo(rotatedKeyId);
    assertThat(field(now.get(0), "fullName").path("keyId").asString()).isEqualTo("pii-2026-01");
    JsonNode pii = ring(get("/api/key-rings").ok(), "pii");
    assertThat(pii.path("activeKeyId").asString()).isEqualTo(rotatedKeyId);
    assertThat(strings(pii.path("keyIds"))).containsExactly("pii-2026-01", rotatedKeyId);
    assertThat(jdbc.queryForObject("select count(*) from patient", Long.class)).isEqualTo(5);
  }

  // ---- records --------------------------------------------------------------------------

  @Test
  @Order(1)
  void sampleRecordsAreListedDecryptedBesideTheStoredBytes() {
    JsonNode patients = get("/api/patients").ok();
    assertThat(patients.size()).isEqualTo(5);
    JsonNode ada = patients.get(0);
    assertThat(field(ada, "fullName").path("value").asString()).isEqualTo("Ada Lovelace");
    assertThat(ada.path("city").asString()).isEqualTo("London");
    long id = ada.path("id").asLong();
    Map<String, Object> row = jdbc.queryForMap("select * from patient where id = ?", id);

    // What the page calls "stored" is exactly the column content.
    for (String attribute :
        List.of("fullName", "email", "insuranceNumber", "birthDate", "recoveryCode")) {
      JsonNode f = field(ada, attribute);
      byte[] raw = (byte[]) row.get(f.path("column").asString());
      assertThat(f.path("stored").path("hex").asString())
          .as(attribute)
          .isEqualTo(HEX.formatHex(raw));
      assertThat(f.path("stored").path("bytes").asInt()).isEqualTo(raw.length);
    }
    JsonNode notes = field(ada, "notes");
    assertThat(notes.path("stored").path("text").asString()).isEqualTo(row.get("notes"));
    assertThat(field(ada, "email").path("token").path("hex").asString())
        .isEqualTo(HEX.formatHex((byte[]) row.get("email_token")));

    // Key ids: read from the envelope, except Context Imprint (pinned in the mapping, not stored).
    assertThat(field(ada, "fullName").path("keyId").asString()).isEqualTo("pii-2026-01");
    assertThat(field(ada, "fullName").path("keyIdStored").asBoolean()).isTrue();
    assertThat(field(ada, "email").path("keyId").asString()).isEqualTo("pii-2026-01");
    assertThat(field(ada, "insuranceNumber").path("keyId").asString()).isEqualTo("ids-2026-01");
    assertThat(field(ada, "insuranceNumber").path("keyIdStored").asBoolean()).isFalse();
    assertThat(field(ada, "insuranceNumber").path("mode").asString()).isEqualTo("context-imprint");
    assertThat(field(ada, "email").path("mode").asString()).isEqualTo("token-protect");
  }

  @Test
  @Order(2)
  void storedColumnsAreSecureCellsThatDecryptWithTheDemoKeysAndTheDocumentedContext() {
    SymmetricKey ids = key("ids");
    List<Map<String, Object>> rows = jdbc.queryForList("select * from patient order by id");
    assertThat(rows).hasSize(5);
    for (Map<String, Object> row : rows) {
      long id = ((Number) row.get("id")).longValue();
      JsonNode view = get("/api/patients/" + id).ok();

      byte[] name = (byte[]) row.get("full_name");
      String expectedName = field(view, "fullName").path("value").asString();
      assertThat(contains(name, expectedName.getBytes(StandardCharsets.UTF_8))).isFalse();
      assertThat(unseal(name, "full_name", id))
          .isEqualTo(expectedName.getBytes(StandardCharsets.UTF_8));

      // Text column: base64 of envelope || Seal.
      byte[] notes = Base64.getDecoder().decode((String) row.get("notes"));
      assertThat(new String(unseal(notes, "notes", id), StandardCharsets.UTF_8))
          .isEqualTo(field(view, "notes").path("value").asString());

      // Seal of the 8-byte big-endian epoch day.
      LocalDate birth = LocalDate.parse(field(view, "birthDate").path("value").asString());
      assertThat(unseal((byte[]) row.get("birth_date"), "birth_date", id))
          .isEqualTo(ByteBuffer.allocate(8).putLong(birth.toEpochDay()).array());

      // Context Imprint: same length as the plaintext, no envelope, pinned key.
      byte[] ins = (byte[]) row.get("insurance_number");
      String expectedIns = field(view, "insuranceNumber").path("value").asString();
      assertThat(ins).hasSize(13).isNotEqualTo(expectedIns.getBytes(StandardCharsets.US_ASCII));
      assertThat(
              SecureCell.contextImprintWithKey(ids)
                  .decrypt(ins, context("context-imprint", "", "insurance_number", id)))
          .isEqualTo(expectedIns.getBytes(StandardCharsets.US_ASCII));

      // Token Protect: ciphertext of the plaintext's length, token column = envelope || token.
      byte[] email = (byte[]) row.get("email");
      JsonNode emailValue = field(view, "email").path("value");
      if (emailValue.isNull()) {
        assertThat(email).isNull();
        assertThat(row.get("email_token")).isNull();
      } else {
        String expectedEmail = emailValue.asString();
        byte[] token = (byte[]) row.get("email_token");
        assertThat(email).hasSize(expectedEmail.length());
        assertThat(contains(email, expectedEmail.getBytes(StandardCharsets.UTF_8))).isFalse();
        String keyId = envelopeKeyId(token);
        byte[] themisToken = Arrays.copyOfRange(token, 3 + keyId.length(), token.length);
        assertThat(
                SecureCell.tokenProtectWithKey(piiKey(keyId))
                    .decrypt(email, themisToken, context("token-protect", keyId, "email", id)))
            .isEqualTo(expectedEmail.getBytes(StandardCharsets.UTF_8));
      }

      assertThat(
              new String(
                  unseal((byte[]) row.get("recovery_code"), "recovery_code", id),
                  StandardCharsets.UTF_8))
          .matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
    }
  }

  @Test
  @Order(3)
  void createReadReplaceDelete() {
    Response created =
        post(
            "/api/patients",
            Map.of(
                "fullName",
                "Hedy Lamarr",
                "city",
                "Vienna",
                "email",
                "hedy@example.com",
                "insuranceNumber",
                "AUT-1914-1109",
                "birthDate",
                "1914-11-09",
                "notes",
                "Frequency hopping; needs a quiet room."));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.location()).isEqualTo("/api/patients/" + id);
    JsonNode read = get("/api/patients/" + id).ok();
    assertThat(field(read, "email").path("value").asString()).isEqualTo("hedy@example.com");
    assertThat(field(read, "birthDate").path("value").asString()).isEqualTo("1914-11-09");
    byte[] before =
        (byte[])
            jdbc.queryForMap("select full_name from patient where id = ?", id).get("full_name");

    JsonNode replaced =
        put("/api/patients/" + id, Map.of("fullName", "Hedy Kiesler Lamarr", "city", "Vienna"))
            .ok();
    assertThat(field(replaced, "fullName").path("value").asString())
        .isEqualTo("Hedy Kiesler Lamarr");
    assertThat(field(replaced, "email").path("value").isNull()).isTrue();
    assertThat(field(replaced, "email").path("stored").isNull()).isTrue();
    byte[] after =
        (byte[])
            jdbc.queryForMap("select full_name from patient where id = ?", id).get("full_name");
    assertThat(after).isNotEqualTo(before);
    assertThat(unseal(after, "full_name", id))
        .isEqualTo("Hedy Kiesler Lamarr".getBytes(StandardCharsets.UTF_8));

    assertThat(delete("/api/patients/" + id).status()).isEqualTo(204);
    assertThat(get("/api/patients/" + id).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from patient where id = ?", Long.class, id))
        .isZero();
  }

  @Test
  @Order(4)
  void badRequestsGetAStatusAndAMessage() {
    assertProblem(get("/api/patients/987654"), 404, "there is no patient 987654");
    assertProblem(get("/api/patients/abc"), 400, "'abc' is not a valid id");
    assertProblem(get("/api/no-such-thing"), 404, "there is nothing at /api/no-such-thing");
    assertProblem(send("POST", "/api/patients", "{not json"), 400, "not valid JSON");
    assertProblem(post("/api/patients", Map.of("city", "Paris")), 400, "fullName is required");
    assertProblem(
        post("/api/patients", Map.of("fullName", "X", "city", "Y", "insuranceNumber", "12")),
        400,
        "insuranceNumber must have the form AAA-0000-0000");
    assertProblem(
        post("/api/patients", Map.of("fullName", "X", "city", "Y", "birthDate", "yesterday")),
        400,
        "not valid JSON");
    assertProblem(
        post("/api/patients", Map.of("fullName", "x".repeat(101), "city", "Y")),
        400,
        "fullName must be at most 100 characters");
    assertProblem(send("PATCH", "/api/patients/1", "{}"), 405, "PATCH is not supported");
    assertProblem(post("/api/notes", Map.of("peer", "nobody", "note", "hi")), 400, "nobody");
    assertProblem(
        post("/api/notes/open-as-partner", Map.of("encrypted", "%%%")), 400, "not valid base64");
    assertProblem(
        post("/api/notes/open-as-partner", Map.of("encrypted", "AAAA")),
        400,
        "the partner cannot decrypt this note");
    assertProblem(
        post("/api/session/exchange", Map.of("messages", List.of())), 400, "messages must hold");
    assertThat(jdbc.queryForObject("select count(*) from patient", Long.class)).isEqualTo(5);
  }

  // ---- Secure Message ---------------------------------------------------------------------

  @Test
  @Order(5)
  void signedExportVerifiesAndATamperedOneDoesNot() {
    JsonNode export = get("/api/export").ok();
    byte[] signed = Base64.getDecoder().decode(export.path("signed").asString());
    assertThat(export.path("content").asString()).contains("Ada Lovelace").contains("Grace Hopper");

    // Independent check with the public key the application publishes.
    PublicKey appKey =
        PublicKey.fromBytes(
            Base64.getDecoder().decode(get("/api/info").ok().path("publicKey").asString()));
    assertThat(new String(SecureMessage.verify(appKey, signed), StandardCharsets.UTF_8))
        .isEqualTo(export.path("content").asString());

    JsonNode ok =
        post("/api/export/verify", Map.of("signed", export.path("signed").asString())).ok();
    assertThat(ok.path("valid").asBoolean()).isTrue();
    assertThat(ok.path("content").asString()).isEqualTo(export.path("content").asString());

    byte[] tampered = signed.clone();
    tampered[signed.length / 3] ^= 1;
    JsonNode bad =
        post("/api/export/verify", Map.of("signed", Base64.getEncoder().encodeToString(tampered)))
            .ok();
    assertThat(bad.path("valid").asBoolean()).isFalse();
    assertThat(bad.path("reason").asString()).isNotEmpty();
    assertThat(bad.path("content").isNull()).isTrue();
  }

  @Test
  @Order(6)
  void noteEncryptedForThePartnerOpensOnlyWithThePartnersKey() {
    String note = "Patient 2 is transferred to you on Monday \u2013 bring the X-rays.";
    JsonNode encrypted = post("/api/notes", Map.of("peer", "partner-clinic", "note", note)).ok();
    byte[] ciphertext = Base64.getDecoder().decode(encrypted.path("encrypted").asString());
    assertThat(contains(ciphertext, "transferred".getBytes(StandardCharsets.UTF_8))).isFalse();

    PublicKey appKey =
        PublicKey.fromBytes(
            Base64.getDecoder().decode(get("/api/info").ok().path("publicKey").asString()));
    PrivateKey partner =
        PrivateKey.fromBytes(
            Base64.getDecoder()
                .decode(environment.getRequiredProperty("demo.partner.private-key")));
    assertThat(
            new String(
                new SecureMessage(partner, appKey).decrypt(ciphertext), StandardCharsets.UTF_8))
        .isEqualTo(note);
    // Someone else's key does not open it.
    KeyPair other = KeyPair.generate(KeyType.EC);
    assertThatThrownBy(() -> new SecureMessage(other.privateKey(), appKey).decrypt(ciphertext))
        .isInstanceOf(ThemisException.class);

    JsonNode opened =
        post(
                "/api/notes/open-as-partner",
                Map.of("encrypted", encrypted.path("encrypted").asString()))
            .ok();
    assertThat(opened.path("note").asString()).isEqualTo(note);

    // A note for a public key given in the request: only that key's holder can read it.
    JsonNode forOther =
        post(
                "/api/notes",
                Map.of(
                    "publicKey",
                    Base64.getEncoder().encodeToString(other.publicKey().toByteArray()),
                    "note",
                    "for you"))
            .ok();
    assertThat(
            new SecureMessage(other.privateKey(), appKey)
                .decrypt(Base64.getDecoder().decode(forOther.path("encrypted").asString())))
        .isEqualTo("for you".getBytes(StandardCharsets.UTF_8));
  }

  // ---- Secure Session ---------------------------------------------------------------------

  @Test
  @Order(7)
  void partnerExchangesMessagesOverASecureSession() {
    JsonNode t =
        post(
                "/api/session/exchange",
                Map.of("messages", List.of("PING", "GET 1", "COUNT", "h\u00e9llo")))
            .ok();
    assertThat(t.path("client").asString()).isEqualTo("partner-clinic");
    assertThat(t.path("server").asString()).isEqualTo("themis4j-demo");
    assertThat(t.path("handshake").size()).isEqualTo(4);
    List<String> replies = new ArrayList<>();
    for (JsonNode x : t.path("exchanges")) {
      replies.add(x.path("reply").asString());
      assertThat(x.path("wire").size()).isEqualTo(2);
      for (JsonNode w : x.path("wire")) {
        byte[] onWire = HEX.parseHex(w.path("hex").asString());
        assertThat(contains(onWire, x.path("request").asString().getBytes(StandardCharsets.UTF_8)))
            .isFalse();
        assertThat(contains(onWire, "Ada".getBytes(StandardCharsets.UTF_8))).isFalse();
      }
    }
    assertThat(replies)
        .containsExactly(
            "PONG",
            "patient 1: Ada Lovelace, London",
            "5 patients",
            "received 6 bytes: h\u00e9llo");
  }

  @Test
  @Order(8)
  void sessionServerTalksToAnyThemisClientWithTheKeyItTrustsAndRefusesOthers() throws IOException {
    String[] address = get("/api/info").ok().path("sessionServer").asString().split(":");
    InetSocketAddress server = new InetSocketAddress(address[0], Integer.parseInt(address[1]));
    PublicKey appKey =
        PublicKey.fromBytes(
            Base64.getDecoder().decode(get("/api/info").ok().path("publicKey").asString()));
    PrivateKey partner =
        PrivateKey.fromBytes(
            Base64.getDecoder()
                .decode(environment.getRequiredProperty("demo.partner.private-key")));

    // A client written here with themis4j core, holding the partner's key.
    try (Socket socket = connect(server);
        SocketSessionTransport t =
            new SocketSessionTransport(
                socket,
                id ->
                    "themis4j-demo".equals(new String(id, StandardCharsets.UTF_8))
                        ? appKey
                        : null)) {
      SecureSession s =
          new SecureSession("partner-clinic".getBytes(StandardCharsets.UTF_8), partner, t);
      s.connect();
      while (!s.isEstablished()) {
        s.receive();
      }
      s.send("GET 2".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(s.receive(), StandardCharsets.UTF_8))
          .isEqualTo("patient 2: Alan Turing, Wilmslow");
    }

    // An unknown client: the server does not complete the negotiation.
    KeyPair intruder = KeyPair.generate(KeyType.EC);
    try (Socket socket = connect(server);
        SocketSessionTransport t = new SocketSessionTransport(socket, id -> appKey)) {
      SecureSession s =
          new SecureSession("intruder".getBytes(StandardCharsets.UTF_8), intruder.privateKey(), t);
      s.connect();
      assertThatThrownBy(
              () -> {
                while (!s.isEstablished()) {
                  s.receive();
                }
              })
          .isInstanceOf(ThemisException.class);
      assertThat(s.isEstablished()).isFalse();
    }
  }

  // ---- Secure Comparator ------------------------------------------------------------------

  @Test
  @Order(9)
  void recoveryCodeComparedInProcessIsUsedUpWhenItMatches() {
    long id = 3;
    String code = field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString();

    JsonNode wrong =
        post("/api/patients/" + id + "/recovery-code/check", Map.of("code", "AAAA-BBBB-CCCC-DDDD"))
            .ok();
    assertThat(wrong.path("match").asBoolean()).isFalse();
    assertThat(wrong.path("messages").size()).isEqualTo(4);

    JsonNode right =
        post("/api/patients/" + id + "/recovery-code/check", Map.of("code", code.toLowerCase()))
            .ok();
    assertThat(right.path("match").asBoolean()).isTrue();
    assertThat(right.path("consumed").asBoolean()).isTrue();
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode m : right.path("messages")) {
      sizes.add(m.path("bytes").asInt());
      assertThat(
              contains(
                  HEX.parseHex(m.path("hex").asString()), code.getBytes(StandardCharsets.UTF_8)))
          .isFalse();
    }
    assertThat(sizes).containsExactly(192, 352, 256, 96);
    String next = field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString();
    assertThat(next).isNotEqualTo(code);
    assertThat(
            post("/api/patients/" + id + "/recovery-code/check", Map.of("code", code))
                .ok()
                .path("match")
                .asBoolean())
        .isFalse();
  }

  @Test
  @Order(10)
  void remoteCallerRunsItsOwnComparatorOverHttp() {
    long id = 4;
    String code = field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString();
    assertThat(compareRemotely(id, "0000-0000-0000-0000")).isFalse();
    assertThat(compareRemotely(id, code)).isTrue();
    // Used up.
    assertThat(field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString())
        .isNotEqualTo(code);
    // A garbage protocol message is a bad request, and an unknown exchange too.
    assertProblem(
        post("/api/patients/" + id + "/recovery-code/compare", Map.of("message", "AAAA")),
        400,
        "the comparison failed");
    assertProblem(
        post(
            "/api/patients/" + id + "/recovery-code/compare",
            Map.of("exchange", "nope", "message", "AAAA")),
        400,
        "no comparison nope in progress");
  }

  @Test
  @Order(11)
  void repeatedFailedComparisonsLockThePatient() {
    long id =
        post("/api/patients", Map.of("fullName", "Guess Target", "city", "Nowhere"))
            .json()
            .path("id")
            .asLong();
    for (int i = 0; i < 5; i++) {
      assertThat(
              post("/api/patients/" + id + "/recovery-code/check", Map.of("code", "WRONG-" + i))
                  .ok()
                  .path("match")
                  .asBoolean())
          .isFalse();
    }
    String code = field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString();
    assertProblem(
        post("/api/patients/" + id + "/recovery-code/check", Map.of("code", code)),
        429,
        "too many failed comparisons");
    assertThat(delete("/api/patients/" + id).status()).isEqualTo(204);
  }

  @Test
  @Order(12)
  void aRecoveryCodeComparedByManyCallersAtOnceIsUsedOnlyOnce() throws Exception {
    long id = 2;
    String code = field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString();
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return post("/api/patients/" + id + "/recovery-code/check", Map.of("code", code))
                      .ok()
                      .path("match")
                      .asBoolean();
                }));
      }
      start.countDown();
      int matches = 0;
      for (Future<Boolean> r : results) {
        matches += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(matches).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(field(get("/api/patients/" + id).ok(), "recoveryCode").path("value").asString())
        .isNotEqualTo(code);
  }

  // ---- key rings ------------------------------------------------------------------------

  @Test
  @Order(20)
  void keyRingsRotateAndKeysNoValueNeedsCanBeRetired() throws IOException {
    JsonNode rings = get("/api/key-rings").ok();
    assertThat(strings(rings.path("rotatable"))).containsExactly("pii");
    // Names per key id: the untouched sample row (1) under the first key; Katherine, and the rows
    // whose recovery code was used up (2, 3, 4; an update writes every column with the active key),
    // under the rotated one.
    for (JsonNode u : rings.path("usage")) {
      if (u.path("column").asString().equals("full_name")) {
        assertThat(u.path("keyIds").path("pii-2026-01").asLong()).isEqualTo(1);
        assertThat(u.path("keyIds").path(rotatedKeyId).asLong()).isEqualTo(4);
      }
    }
    assertThat(jdbc.queryForObject("select count(*) from patient", Long.class)).isEqualTo(5);

    assertProblem(
        post("/api/key-rings/pii/retire", Map.of("keyId", "pii-2026-01")),
        400,
        "stored values still need key 'pii-2026-01'");
    assertProblem(
        post("/api/key-rings/pii/retire", Map.of("keyId", rotatedKeyId)),
        400,
        "is the active key of ring 'pii'");
    assertProblem(post("/api/key-rings/ids/rotate", Map.of()), 400, "pinned in the mapping");
    assertProblem(post("/api/key-rings/nope/rotate", Map.of()), 404, "there is no key ring 'nope'");

    // Two rotations: the middle key encrypts nothing and can go; values keep decrypting throughout.
    String second =
        ring(post("/api/key-rings/pii/rotate", Map.of()).ok(), "pii")
            .path("activeKeyId")
            .asString();
    String third =
        ring(post("/api/key-rings/pii/rotate", Map.of()).ok(), "pii")
            .path("activeKeyId")
            .asString();
    assertThat(List.of(second, third))
        .doesNotHaveDuplicates()
        .doesNotContain(rotatedKeyId, "pii-2026-01");
    long id =
        post("/api/patients", Map.of("fullName", "Rosalind Franklin", "city", "London"))
            .json()
            .path("id")
            .asLong();
    JsonNode rosalind = get("/api/patients/" + id).ok();
    assertThat(field(rosalind, "fullName").path("keyId").asString()).isEqualTo(third);
    assertThat(
            unseal(
                HEX.parseHex(field(rosalind, "fullName").path("stored").path("hex").asString()),
                "full_name",
                id))
        .isEqualTo("Rosalind Franklin".getBytes(StandardCharsets.UTF_8));

    JsonNode afterRetire = post("/api/key-rings/pii/retire", Map.of("keyId", second)).ok();
    assertThat(strings(ring(afterRetire, "pii").path("keyIds")))
        .containsExactly("pii-2026-01", rotatedKeyId, third);
    Properties stored = new Properties();
    try (var in = Files.newInputStream(DATA_DIR.resolve("keys/pii.keys"))) {
      stored.load(in);
    }
    assertThat(stored.getProperty("active")).isEqualTo(third);
    assertThat(stored.stringPropertyNames())
        .contains("key." + rotatedKeyId, "key." + third)
        .doesNotContain("key." + second);
    // Every record still reads.
    assertThat(get("/api/patients").ok().size()).isEqualTo(6);
    assertThat(delete("/api/patients/" + id).status()).isEqualTo(204);
  }

  @Test
  @Order(13)
  void patientsAreListedByPageWithTheTotalInAHeader() throws Exception {
    long total = jdbc.queryForObject("select count(*) from patient", Long.class);
    assertThat(total).isGreaterThanOrEqualTo(3);
    HttpResponse<String> first =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/patients?page=0&size=2")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Total-Count")).hasValue(Long.toString(total));
    JsonNode page0 = JSON.readTree(first.body());
    JsonNode page1 = get("/api/patients?page=1&size=2").ok();
    assertThat(page0.size()).isEqualTo(2);
    assertThat(page1.size()).isBetween(1, 2);
    assertThat(page0.get(1).path("id").asLong()).isLessThan(page1.get(0).path("id").asLong());
    assertThat(get("/api/patients?page=100000&size=2").ok().size()).isZero();
    // Every listed record shows the stored bytes of its own row (one query for the page).
    for (JsonNode p : page0) {
      JsonNode alone = get("/api/patients/" + p.path("id").asLong()).ok();
      assertThat(p).isEqualTo(alone);
    }
    assertThat(get("/api/patients?size=0").status()).isEqualTo(400);
    assertThat(get("/api/patients?size=501").status()).isEqualTo(400);
    assertThat(get("/api/patients?page=-1").status()).isEqualTo(400);
  }

  @Test
  @Order(21)
  void reencryptionMovesEveryValueToTheActiveKeyAndThenTheOldKeysCanGo() {
    JsonNode before = get("/api/key-rings").ok();
    String active = ring(before, "pii").path("activeKeyId").asString();
    List<String> old = strings(ring(before, "pii").path("keyIds"));
    old.remove(active);
    assertThat(old).contains("pii-2026-01", rotatedKeyId);
    assertProblem(
        post("/api/key-rings/pii/retire", Map.of("keyId", "pii-2026-01")),
        400,
        "stored values still need key 'pii-2026-01'");

    JsonNode after = post("/api/key-rings/re-encrypt", Map.of()).ok();
    JsonNode report = after.path("reencryption");
    // Every Seal and Token Protect column is done. The pinned Context Imprint column is not rotated
    // (its values record no key; the job would need the old and new key named), so the run is not
    // "complete", but no stored value needs an old key.
    for (JsonNode a : report.path("attributes")) {
      boolean imprint = a.path("mode").asString().equals("context-imprint");
      assertThat(a.path("status").asString())
          .as(a.toString())
          .isEqualTo(imprint ? "NOT_CONFIGURED" : "DONE");
      if (!imprint) {
        assertThat(a.path("targetKeyId").asString()).isEqualTo(active);
      }
    }
    assertThat(report.path("complete").asBoolean()).isFalse();
    assertThat(report.path("failures").asLong()).isZero();
    assertThat(report.path("valuesRotated").asLong()).isPositive();
    assertThat(report.path("oldKeysStillNeeded").size()).as(report.toString()).isZero();
    assertThat(report.path("valuesByKey").path("pii").propertyNames()).containsExactly(active);
    for (JsonNode u : after.path("usage")) {
      if (u.path("keyRing").asString().equals("pii")) {
        assertThat(u.path("keyIds").propertyNames()).as(u.toString()).containsExactly(active);
      }
    }

    // Independent check: every name decrypts with the active key, under the row's context.
    for (Map<String, Object> row :
        jdbc.queryForList("select id, full_name, email_token from patient")) {
      long id = ((Number) row.get("id")).longValue();
      byte[] name = (byte[]) row.get("full_name");
      assertThat(envelopeKeyId(name)).isEqualTo(active);
      assertThat(unseal(name, "full_name", id)).isNotEmpty();
      if (row.get("email_token") != null) {
        assertThat(envelopeKeyId((byte[]) row.get("email_token"))).isEqualTo(active);
      }
    }

    for (String keyId : old) {
      post("/api/key-rings/pii/retire", Map.of("keyId", keyId)).ok();
    }
    assertThat(strings(ring(get("/api/key-rings").ok(), "pii").path("keyIds")))
        .containsExactly(active);
    for (JsonNode p : get("/api/patients").ok()) {
      assertThat(field(p, "fullName").path("keyId").asString()).isEqualTo(active);
      assertThat(field(p, "fullName").path("value").asString()).isNotEmpty();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private boolean compareRemotely(long id, String code) {
    SecureComparator caller = new SecureComparator(code.getBytes(StandardCharsets.UTF_8));
    String path = "/api/patients/" + id + "/recovery-code/compare";
    JsonNode r1 =
        post(path, Map.of("message", Base64.getEncoder().encodeToString(caller.beginCompare())))
            .ok();
    assertThat(r1.path("compared").asBoolean()).isFalse();
    byte[] m3 = caller.proceedCompare(Base64.getDecoder().decode(r1.path("message").asString()));
    JsonNode r2 =
        post(
                path,
                Map.of(
                    "exchange",
                    r1.path("exchange").asString(),
                    "message",
                    Base64.getEncoder().encodeToString(m3)))
            .ok();
    assertThat(r2.path("compared").asBoolean()).isTrue();
    assertThat(caller.proceedCompare(Base64.getDecoder().decode(r2.path("message").asString())))
        .isNull();
    assertThat(caller.isEqual()).isEqualTo(r2.path("match").asBoolean());
    return caller.isEqual();
  }

  /** The first key configured for {@code ring} in application.yml. */
  private SymmetricKey key(String ring) {
    return SymmetricKey.fromBytes(
        Base64.getDecoder()
            .decode(
                environment.getRequiredProperty("themis4j.key-rings." + ring + ".keys[0].value")));
  }

  /**
   * A key of ring "pii" by id: configured in application.yml, or made by a rotation (data
   * directory).
   */
  private SymmetricKey piiKey(String keyId) {
    if (keyId.equals(environment.getRequiredProperty("themis4j.key-rings.pii.keys[0].id"))) {
      return key("pii");
    }
    Properties rotated = new Properties();
    try (var in = Files.newInputStream(DATA_DIR.resolve("keys/pii.keys"))) {
      rotated.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return SymmetricKey.fromBytes(Base64.getDecoder().decode(rotated.getProperty("key." + keyId)));
  }

  /** Envelope || Seal, decrypted per docs/FORMAT.md with the "pii" key the envelope names. */
  private byte[] unseal(byte[] stored, String column, long id) {
    String keyId = envelopeKeyId(stored);
    byte[] cell = Arrays.copyOfRange(stored, 3 + keyId.length(), stored.length);
    return SecureCell.sealWithKey(piiKey(keyId)).decrypt(cell, context("seal", keyId, column, id));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static JsonNode ring(JsonNode keyRings, String name) {
    for (JsonNode r : keyRings.path("rings")) {
      if (r.path("name").asString().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no ring " + name + " in " + keyRings);
  }

  private static String envelopeKeyId(byte[] stored) {
    assertThat(stored[0]).as("format version").isEqualTo((byte) 1);
    assertThat(stored[1]).as("kind: value").isEqualTo((byte) 0);
    return new String(stored, 3, stored[2], StandardCharsets.US_ASCII);
  }

  /** The Secure Cell context of docs/FORMAT.md section 3, table "patient", integer id. */
  private static byte[] context(String mode, String keyId, String column, long id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s :
        new String[] {
          "themis4j-jpa/1", mode, "value", keyId, "patient", column, "integer", Long.toString(id)
        }) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static JsonNode field(JsonNode patient, String attribute) {
    for (JsonNode f : patient.path("fields")) {
      if (f.path("attribute").asString().equals(attribute)) {
        return f;
      }
    }
    throw new AssertionError("no field " + attribute + " in " + patient);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void assertProblem(Response r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("detail").asString()).contains(detail);
  }

  record Response(int status, String body, String contentType, String location) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    JsonNode ok() {
      assertThat(status).as(body).isBetween(200, 299);
      return json();
    }
  }

  private String base() {
    return "http://localhost:" + environment.getRequiredProperty("local.server.port");
  }

  private Response get(String path) {
    return request(base(), "GET", path, null);
  }

  private Response post(String path, Object body) {
    return send("POST", path, JSON.writeValueAsString(body));
  }

  private Response put(String path, Object body) {
    return send("PUT", path, JSON.writeValueAsString(body));
  }

  private Response delete(String path) {
    return request(base(), "DELETE", path, null);
  }

  private Response send(String method, String path, String json) {
    return request(base(), method, path, json);
  }

  private static Response request(String base, String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(),
          r.body(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("themis4j-demo-test");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
