package io.github.themis4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code column}: values written by the JPA integration (Hibernate, every mode and column format,
 * integer, string and UUID ids) are read back over JDBC as a database client prints them and
 * decrypted by the launcher; values encrypted by the launcher are written with SQL UPDATE and
 * loaded by Hibernate. H2 by default, PostgreSQL with {@code -Ppostgresql} (.ci/run).
 */
class ColumnIT {
  static final UUID DOC_UUID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
  static final java.util.logging.Logger HIBERNATE_LOG = java.util.logging.Logger.getLogger("org.hibernate");

  static ColumnDatabase db;
  static SessionFactory sf;
  static byte[] k1;
  static String keyFile;
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws IOException {
    HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
    db = ColumnDatabase.create();
    k1 = new byte[32];
    new Random(22).nextBytes(k1);
    byte[] k2 = new byte[32];
    new Random(23).nextBytes(k2);
    keyFile = dir.resolve("k1").toString();
    Files.write(Path.of(keyFile), k1);
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(ColumnRecord.class);
    cfg.addAnnotatedClass(ColumnDoc.class);
    cfg.addAnnotatedClass(ColumnUuidDoc.class);
    cfg.setProperty("hibernate.connection.url", db.url);
    cfg.setProperty("hibernate.connection.username", db.user);
    cfg.setProperty("hibernate.connection.password", "");
    cfg.setProperty("hibernate.hbm2ddl.auto", "create");
    cfg.getProperties().put(ThemisJpaSettings.KEY_RING_PROVIDER,
        KeyRings.of(KeyRing.builder("default")
            .add("k1", SymmetricKey.fromBytes(k1)).add("k2", SymmetricKey.fromBytes(k2)).active("k1").build()));
    sf = cfg.buildSessionFactory();
    inTransaction(s -> {
      ColumnRecord r = new ColumnRecord();
      r.id = 42L;
      r.sealBin = "seal binary ✓";
      r.sealTxt = "seal base64";
      r.tokenBin = "token binary";
      r.tokenTxt = "token base64";
      r.imprintBin = "imprint binary";
      r.imprintTxt = "imprint base64";
      r.born = LocalDate.of(1990, 2, 28);
      r.amount = -1234;
      r.unbound = "not bound to the id";
      s.persist(r);
      ColumnRecord empty = new ColumnRecord();
      empty.id = -7L;
      empty.sealBin = "";
      empty.tokenTxt = "";
      s.persist(empty);
      ColumnRecord target = new ColumnRecord();
      target.id = 100L;
      target.sealBin = "before the update";
      s.persist(target);
      ColumnDoc d = new ColumnDoc();
      d.id = "doc-A";
      d.body = "string id body";
      d.bodyTp = "string id token";
      s.persist(d);
      ColumnUuidDoc u = new ColumnUuidDoc();
      u.id = DOC_UUID;
      u.secret = "uuid secret";
      u.imprinted = "uuid imprint";
      s.persist(u);
    });
  }

  @AfterAll
  static void close() {
    if (sf != null) {
      sf.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static void inTransaction(java.util.function.Consumer<Session> work) {
    try (Session s = sf.openSession()) {
      s.beginTransaction();
      work.accept(s);
      s.getTransaction().commit();
    }
  }

  /** The column value as psql prints it: bytea as \x + hex, text as is (H2: formatted likewise). */
  static String printed(String table, String column, String idColumn, Object id) {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("select " + column + " from " + table + " where " + idColumn + " = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Object v = rs.getObject(1);
        return v instanceof byte[] ? "\\x" + hex((byte[]) v) : (String) v;
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  static String decrypt(String... args) {
    List<String> a = new ArrayList<>(List.of("column", "decrypt", "-k", keyFile));
    a.addAll(List.of(args));
    return Launcher.run(a.toArray(new String[0])).ok().out();
  }

  @Test
  void decryptsEveryModeAndFormat() {
    String t = "cli_record";
    assertThat(decrypt("-t", t, "-C", "seal_bin", "--id", "42", printed(t, "seal_bin", "id", 42L))).isEqualTo("seal binary ✓\n");
    assertThat(decrypt("-t", t, "-C", "seal_txt", "--id", "42", printed(t, "seal_txt", "id", 42L))).isEqualTo("seal base64\n");
    assertThat(decrypt("-t", t, "-C", "token_bin", "--id", "42", "-m", "token-protect",
        "--token", printed(t, "token_bin_token", "id", 42L), printed(t, "token_bin", "id", 42L))).isEqualTo("token binary\n");
    assertThat(decrypt("-t", t, "-C", "token_txt", "--id", "42", "-m", "token",
        "--token", printed(t, "token_txt_token", "id", 42L), printed(t, "token_txt", "id", 42L))).isEqualTo("token base64\n");
    assertThat(decrypt("-t", t, "-C", "imprint_bin", "--id", "42", "-m", "context-imprint", printed(t, "imprint_bin", "id", 42L)))
        .isEqualTo("imprint binary\n");
    assertThat(decrypt("-t", t, "-C", "imprint_txt", "--id", "42", "-m", "imprint", printed(t, "imprint_txt", "id", 42L)))
        .isEqualTo("imprint base64\n");
    assertThat(decrypt("-t", t, "-C", "imprint_txt", "--id", "42", "-m", "imprint", "--format", "base64",
        printed(t, "imprint_txt", "id", 42L))).isEqualTo("imprint base64\n");
    assertThat(decrypt("-t", t, "-C", "born", "--id", "42", "--type", "date", printed(t, "born", "id", 42L))).isEqualTo("1990-02-28\n");
    assertThat(decrypt("-t", t, "-C", "amount", "--id", "42", "--type", "int32", printed(t, "amount", "id", 42L))).isEqualTo("-1234\n");
    assertThat(decrypt("-t", t, "-C", "unbound", printed(t, "unbound", "id", 42L))).isEqualTo("not bound to the id\n");
    // empty values (kind "empty" in the envelope and context), negative id
    assertThat(decrypt("-t", t, "-C", "seal_bin", "--id", "-7", printed(t, "seal_bin", "id", -7L))).isEqualTo("\n");
    assertThat(decrypt("-t", t, "-C", "token_txt", "--id", "-7", "-m", "token",
        "--token", printed(t, "token_txt_token", "id", -7L), printed(t, "token_txt", "id", -7L))).isEqualTo("\n");
    // string ids; the implicit table name canonicalized
    assertThat(decrypt("-t", "ColumnDoc", "-C", "Body", "--id", "doc-A", "--id-type", "string",
        printed("ColumnDoc", "Body", "id", "doc-A"))).isEqualTo("string id body\n");
    assertThat(decrypt("-t", "ColumnDoc", "-C", "body_tp", "--id", "doc-A", "--id-type", "string", "-m", "token",
        "--token", printed("ColumnDoc", "body_token", "id", "doc-A"), printed("ColumnDoc", "body_tp", "id", "doc-A")))
        .isEqualTo("string id token\n");
    // UUID ids, given in upper case (the context uses lower case)
    String upper = DOC_UUID.toString().toUpperCase();
    assertThat(decrypt("-t", "cli_uuid_doc", "-C", "secret", "--id", upper, "--id-type", "uuid",
        printed("cli_uuid_doc", "secret", "id", DOC_UUID))).isEqualTo("uuid secret\n");
    assertThat(decrypt("-t", "cli_uuid_doc", "-C", "imprinted", "--id", upper, "--id-type", "uuid", "-m", "imprint",
        printed("cli_uuid_doc", "imprinted", "id", DOC_UUID))).isEqualTo("uuid imprint\n");
  }

  @Test
  void readsMysqlHexAndMultiLineBase64FromStdin() {
    String psql = printed("cli_record", "seal_bin", "id", 42L);
    byte[] stored = Launcher.withStdin((psql + "\n").getBytes(UTF_8), "inspect").ok().stdout;
    assertThat(new String(stored, UTF_8)).contains("themis4j stored value, Seal").contains("key id: k1").contains("kind: value");
    String mysql = "0x" + psql.substring(2).toUpperCase();
    assertThat(decrypt("-t", "cli_record", "-C", "seal_bin", "--id", "42", mysql)).isEqualTo("seal binary ✓\n");
    byte[] raw = hexBytes(psql.substring(2));
    String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(UTF_8)).encodeToString(raw) + "\n"; // encode(col, 'base64')
    Launcher.Result r = Launcher.withStdin(wrapped.getBytes(UTF_8), "column", "decrypt", "-k", keyFile, "-t", "cli_record", "-C", "seal_bin", "--id", "42");
    assertThat(r.ok().out()).isEqualTo("seal binary ✓\n");
  }

  @Test
  void psqlOutputDecrypts() throws Exception {
    Assumptions.assumeTrue(db.postgresql, "SKIPPED: needs PostgreSQL (run with -Ppostgresql, as .ci/run does)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "SKIPPED: psql is not installed");
    Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", db.user, "-d", "test", "-At", "-c",
        "select seal_bin from " + db.schema + ".cli_record where id = 42").start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor()).isZero();
    Launcher.Result r = Launcher.withStdin(out.toByteArray(), "column", "decrypt", "-k", keyFile, "-t", "cli_record", "-C", "seal_bin", "--id", "42");
    assertThat(r.ok().out()).isEqualTo("seal binary ✓\n");
  }

  @Test
  void encryptsForAnUpdateThatHibernateLoads() throws SQLException {
    String seal = Launcher.run("column", "encrypt", "-k", keyFile, "--key-id", "k1", "-t", "cli_record", "-C", "seal_bin", "--id", "100",
        "updated by the CLI").ok().out().trim();
    assertThat(seal).startsWith("\\x0100026b31");
    String sealTxt = Launcher.run("column", "encrypt", "-k", keyFile, "--key-id", "k1", "-t", "cli_record", "-C", "seal_txt", "--id", "100",
        "--format", "base64", "new base64").ok().out().trim();
    String[] token = Launcher.run("column", "encrypt", "-k", keyFile, "--key-id", "k1", "-t", "cli_record", "-C", "token_bin", "--id", "100",
        "-m", "token", "--mysql", "new token").ok().out().split("\n");
    assertThat(token).hasSize(2);
    assertThat(token[0]).startsWith("0x");
    String imprint = Launcher.run("column", "encrypt", "-k", keyFile, "-t", "cli_record", "-C", "imprint_txt", "--id", "100",
        "-m", "imprint", "--format", "base64", "new imprint").ok().out().trim();
    String born = Launcher.run("column", "encrypt", "-k", keyFile, "--key-id", "k1", "-t", "cli_record", "-C", "born", "--id", "100",
        "--type", "date", "--format", "base64", "2001-12-31").ok().out().trim();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(
            "update cli_record set seal_bin = ?, seal_txt = ?, token_bin = ?, token_bin_token = ?, imprint_txt = ?, born = ? where id = 100")) {
      ps.setBytes(1, hexBytes(seal.substring(2)));
      ps.setString(2, sealTxt);
      ps.setBytes(3, hexBytes(token[0].substring(2)));
      ps.setBytes(4, hexBytes(token[1].substring(2)));
      ps.setString(5, imprint);
      ps.setString(6, born);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    try (Session s = sf.openSession()) {
      ColumnRecord r = s.find(ColumnRecord.class, 100L);
      assertThat(r.sealBin).isEqualTo("updated by the CLI");
      assertThat(r.sealTxt).isEqualTo("new base64");
      assertThat(r.tokenBin).isEqualTo("new token");
      assertThat(r.imprintTxt).isEqualTo("new imprint");
      assertThat(r.born).isEqualTo(LocalDate.of(2001, 12, 31));
    }
  }

  @Test
  void contextMatchesTheDocumentedLayout() {
    // FORMAT.md section 3, built here by hand
    byte[] expected = lp("themis4j-jpa/1", "seal", "value", "k1", "jpa_customer", "email", "integer", "42");
    assertThat(Launcher.run("column", "context", "-t", "JPA_Customer", "-C", "\"email\"", "--id", "42", "--key-id", "k1").ok().out())
        .isEqualTo(hex(expected) + "\n");
    byte[] imprint = lp("themis4j-jpa/1", "context-imprint", "value", "", "customer", "email", "none", "");
    assertThat(Launcher.run("column", "context", "-t", "customer", "-C", "email", "-m", "imprint", "--base64").ok().out())
        .isEqualTo(Base64.getEncoder().encodeToString(imprint) + "\n");
    byte[] empty = lp("themis4j-jpa/1", "token-protect", "empty", "2026-01", "MixedCase", "col", "uuid", DOC_UUID.toString());
    assertThat(Launcher.run("column", "context", "-t", "MixedCase", "-C", "col", "--verbatim-names", "-m", "token", "--empty",
        "--key-id", "2026-01", "--id-type", "uuid", "--id", DOC_UUID.toString()).ok().out()).isEqualTo(hex(empty) + "\n");
  }

  @Test
  void wrongRowKeyOrValueFailsWithOneLine() throws IOException {
    String t = "cli_record";
    String value = printed(t, "seal_bin", "id", 42L);
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "seal_bin", "--id", "43", value)
        .fails("authentication failed", "seal binary");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "seal_txt", "--id", "42", value)
        .fails("authentication failed", "seal binary");
    Path other = dir.resolve("other.key");
    Files.write(other, new byte[32]);
    Launcher.run("column", "decrypt", "-k", other.toString(), "-t", t, "-C", "seal_bin", "--id", "42", value)
        .fails("authentication failed", "seal binary");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "seal_bin", "--id", "42", value.substring(0, 60))
        .fails("", "seal binary");
    Launcher.run("column", "decrypt", "-k", keyFile, "--key-id", "k2", "-t", t, "-C", "seal_bin", "--id", "42", value)
        .fails("encrypted under key id 'k1', not 'k2'");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "seal_bin", "--id", "x42", value).fails("--id is not a decimal integer");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "--id", "42", value).fails("Missing required option: '--column=NAME'");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "token_bin", "--id", "42", "-m", "token",
        printed(t, "token_bin", "id", 42L)).fails("--token is required");
    Launcher.run("column", "decrypt", "-k", keyFile, "-t", t, "-C", "seal_bin", "--id", "42", "--type", "int64", value)
        .fails("", "seal binary");
  }

  static byte[] lp(String... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String f : fields) {
      byte[] b = f.getBytes(UTF_8);
      out.write(b.length >>> 24);
      out.write(b.length >>> 16);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  static byte[] hexBytes(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

}
