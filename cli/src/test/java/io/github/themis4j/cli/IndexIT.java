package io.github.themis4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.testing.WasmThemis;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index plan|compute} through the launcher: the plan against the formula of docs/FORMAT.md
 * section 10 worked out by hand; computed values against the ones Hibernate stored (read over JDBC
 * from H2), against HKDF/HMAC done here with the JDK's own Mac, and against interop/bidx.js.
 */
class IndexIT {
  @TempDir Path dir;

  @Test
  void planFollowsTheDocumentedFormula() {
    // FORMAT.md: "For 50,000 rows and no other index that is 8 to 15 bits." By hand: sqrt(50000) =
    // 223.6; C(7) = 50000/128 = 390.6 > 223.6, C(8) = 195.31 fits; C(14) = 3.05 >= 2 > C(15) = 1.53,
    // so the largest L with C >= 2 is 14 and the range ends one above it.
    String out = Launcher.run("index", "plan", "--rows", "50000").ok().out();
    assertThat(out).startsWith("recommended bits: 8..15\n8 bits: 195.31 rows per index value\n");
    assertThat(out).contains("\n14 bits: 3.05 rows").endsWith("\n15 bits: 1.53 rows per index value\n");
    // 1,000,000 rows beside a 4-bit index over 16 bits of input: C(L) = 10^6 / 2^(L + 4); sqrt = 1000;
    // C(5) = 1953.1 > 1000, C(6) = 976.56 fits; 2^(14+4) = 262144 <= 500000 < 2^19, so 6..15.
    String two =
        Launcher.run("index", "plan", "--rows", "1000000", "--existing", "4:16").ok().out();
    assertThat(two).startsWith("recommended bits: 6..15\n6 bits: 976.56 rows per index value\n");
    assertThat(two).endsWith("\n15 bits: 1.91 rows per index value\n");
    Launcher.run("index", "plan", "--rows", "5").fails("too small");
    Launcher.run("index", "plan", "--rows", "50000", "--existing", "x").fails("BITS:INPUT_BITS");
    Launcher.run("index", "plan", "--rows", "50000", "--input-bits", "0").fails("from 1 to 256");
    Launcher.run("index", "plan").fails("--rows");
  }

  @Test
  void computeEqualsWhatHibernateStored() throws Exception {
    byte[] ringKey = new byte[32];
    new Random(2222).nextBytes(ringKey);
    Path kf = dir.resolve("bidx.key");
    Files.write(kf, ringKey);
    byte[] dataKey = new byte[32];
    new Random(2223).nextBytes(dataKey);
    Object[] row;
    try (ColumnDatabase db = ColumnDatabase.create()) {
      Configuration cfg = new Configuration();
      cfg.addAnnotatedClass(IndexCustomer.class);
      cfg.setProperty("hibernate.connection.url", db.url);
      cfg.setProperty("hibernate.connection.username", db.user);
      cfg.setProperty("hibernate.connection.password", "");
      cfg.setProperty("hibernate.hbm2ddl.auto", "create");
      cfg.getProperties()
          .put(
              ThemisJpaSettings.KEY_RING_PROVIDER,
              KeyRings.of(
                  KeyRing.of("default", "k1", SymmetricKey.fromBytes(dataKey)),
                  KeyRing.of("blind-index", "b1", SymmetricKey.fromBytes(ringKey))));
      ColumnIT.HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
      try (SessionFactory sf = cfg.buildSessionFactory()) {
        sf.inTransaction(
            s -> {
              IndexCustomer c = new IndexCustomer();
              c.id = 1L;
              c.email = "  Zoë@Example.COM ";
              c.phone = "+41 (0)44 555-12-34";
              c.lastName = "Ødegård";
              c.birthYear = 1980;
              s.persist(c);
            });
      }
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select email_bidx, phone_bidx, name_year_bidx from bidx_customer where id = 1")) {
        assertThat(rs.next()).isTrue();
        row = new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)};
      }
    }
    assertThat(row).allMatch(v -> v != null && ((String) v).startsWith("b1:"));
    String k = kf.toString();
    String email =
        Launcher.run(
                "index", "compute", "-k", k, "--key-id", "b1", "-t", "Bidx_Customer", "-C",
                "Email_Bidx", "--name", "emailIndex", "--normalize", "trim,lowercase",
                "  Zoë@Example.COM ")
            .ok()
            .out();
    assertThat(email).isEqualTo(row[0] + "\n");
    // from stdin (keeps the value out of the process list), a named truncated index
    String phone =
        Launcher.withStdin(
                "+41 (0)44 555-12-34\n".getBytes(UTF_8),
                "index", "compute", "-k", k, "--key-id", "b1", "-t", "bidx_customer", "-C",
                "phone_bidx", "--name", "phoneDigits", "--normalize", "digits", "--bits", "12")
            .ok()
            .out();
    assertThat(phone).isEqualTo(row[1] + "\n");
    String compound =
        Launcher.run(
                "index", "compute", "-k", k, "--key-id", "b1", "-t", "bidx_customer", "-C",
                "name_year_bidx", "--name", "nameYearIndex", "--normalize", "lowercase", "--type",
                "string,int32", "Ødegård", "1980")
            .ok()
            .out();
    assertThat(compound).isEqualTo(row[2] + "\n");

    // The exact index by hand (HKDF-SHA-256 with no salt, then HMAC-SHA-256), JDK Mac only.
    byte[] mac = handIndex(ringKey, "bidx_customer", "email_bidx", "emailIndex", "zoë@example.com");
    assertThat(email).isEqualTo("b1:" + b64(mac) + "\n");
    // 12 bits by hand: 2 bytes, the 4 low bits of the second zero
    byte[] pm = handIndex(ringKey, "bidx_customer", "phone_bidx", "phoneDigits", "410445551234");
    assertThat(phone).isEqualTo("b1:" + b64(new byte[] {pm[0], (byte) (pm[1] & 0xf0)}) + "\n");

    // The independent JavaScript implementation (interop/bidx.js) agrees on the exact index.
    WasmThemis.get(); // skips (or fails when interop is required) without node
    Path script = WasmThemis.interopDir().resolve("bidx.js");
    String request =
        "{\"key\":\"" + Base64.getEncoder().encodeToString(ringKey) + "\",\"keyId\":\"b1\","
            + "\"table\":\"Bidx_Customer\",\"column\":\"Email_Bidx\",\"name\":\"emailIndex\","
            + "\"bits\":256,\"normalize\":[\"trim\",\"lowercase\"],\"compound\":false,"
            + "\"parts\":[{\"type\":\"utf8\",\"value\":\"  Zoë@Example.COM \"}]}\n";
    Launcher.Result js =
        Launcher.exec(
            List.of("node", script.getFileName().toString()),
            request.getBytes(UTF_8),
            Map.of(),
            script.getParent());
    assertThat(js.out()).isEqualTo(row[0] + "\n");
  }

  @Test
  void badInputFailsWithOneLine() throws Exception {
    Path kf = dir.resolve("k");
    byte[] key = new byte[32];
    new Random(7).nextBytes(key);
    Files.write(kf, key);
    String[] base = {"index", "compute", "--key-id", "b1", "-t", "t", "-C", "c", "--name", "n"};
    Launcher.run(concat(base, "secret-value")).fails("a key is required", "secret-value");
    Launcher.run(concat(base, "-k", kf.toString(), "--bits", "0", "secret-value"))
        .fails("bits must be from 1 to 256", "secret-value");
    Launcher.run(concat(base, "-k", kf.toString(), "--bits", "257", "secret-value"))
        .fails("bits must be from 1 to 256", "secret-value");
    Launcher.run(concat(base, "-k", kf.toString(), "--bits", "many", "secret-value")).fails("--bits");
    Launcher.run(concat(base, "-k", kf.toString(), "--normalize", "upper", "secret-value"))
        .fails("unknown normalizer", "secret-value");
    Launcher.run(concat(base, "-k", kf.toString(), "--type", "int32", "12x"))
        .fails("not a valid Integer", "12x");
    Launcher.run(concat(base, "-k", dir.resolve("missing").toString(), "v")).fails("no such file");
    Launcher.run("index", "compute", "-k", kf.toString(), "--key-id", "b1", "v").fails("--table");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] handIndex(byte[] ringKey, String table, String column, String name, String value)
      throws Exception {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes("themis4j/bidx/v1".getBytes(UTF_8));
    for (String s : new String[] {table, column, name}) {
      byte[] b = s.getBytes(UTF_8);
      info.write(b.length >>> 24);
      info.write(b.length >>> 16);
      info.write(b.length >>> 8);
      info.write(b.length);
      info.writeBytes(b);
    }
    byte[] prk = hmac(new byte[32], ringKey);
    info.write(1);
    byte[] indexKey = hmac(prk, info.toByteArray());
    return hmac(indexKey, value.getBytes(UTF_8));
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(key, "HmacSHA256"));
    return m.doFinal(data);
  }
}
