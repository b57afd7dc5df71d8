package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.jpa.hibernate.BlindIndexSqmTranslatorFactory;
import io.github.themis4j.testing.WasmThemis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Proves docs/FORMAT.md section 10: the index values themis4j stored, read over JDBC, are recomputed
 * from the plaintexts by {@code interop/bidx.js}, a JavaScript implementation written from the
 * document alone (node's own HKDF and HMAC).
 */
class BlindIndexFormatInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void storedIndexValuesAreRecomputedByTheJavaScriptReader() throws Exception {
    Path script = WasmThemis.interopDir().resolve("bidx.js");
    String[][] people = {
      {"alice", "  Alice@Example.COM ", "756.1234.5678.97", "Smith", "1980"},
      {"empty", "", "", "", null},
      {"unicode", "Zoë.Ünïcødé@例え.jp", "CH-000 111", "Ødegård", "2001"},
      {"compat", "ｆｕｌｌ＠ｗｉｄｔｈ", "١٢٣ 45", null, "1999"},
    };
    try (JpaFixture f =
        JpaFixture.builder(IndexedPatient.class)
            .keys(BlindIndexQueryTest.keys())
            .set(BlindIndexQueryTest.TRANSLATOR, BlindIndexSqmTranslatorFactory.class.getName())
            .build()) {
      f.inTransaction(
          s -> {
            for (String[] p : people) {
              s.persist(
                  new IndexedPatient(p[0], p[1], p[2])
                      .named(p[3], p[4] == null ? null : Integer.valueOf(p[4])));
            }
          });
      List<String> requests = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (String[] p : people) {
        Object[] row =
            f.query(
                    "select email_bidx, national_id_bidx, name_year_bidx from bidx_patient"
                        + " where label = ?",
                    p[0])
                .get(0);
        requests.add(
            request("email_bidx", "emailIndex", 256, List.of("trim", "lowercase"), false, utf8(p[1])));
        expected.add(String.valueOf(row[0]));
        requests.add(request("national_id_bidx", "nationalIdIndex", 4, List.of("digits"), false, utf8(p[2])));
        expected.add(String.valueOf(row[1]));
        requests.add(
            request(
                "name_year_bidx",
                "nameYearIndex",
                256,
                List.of("lowercase"),
                true,
                utf8(p[3]),
                p[4] == null ? Map.of("type", "null") : Map.of("type", "int32", "value", Integer.valueOf(p[4]))));
        expected.add(String.valueOf(row[2]));
      }
      assertThat(expected).allMatch(v -> v.startsWith("b1:"));
      assertThat(runNode(script, requests)).containsExactlyElementsOf(expected);
    }
  }

  private static Map<String, Object> utf8(String v) {
    if (v == null) {
      return Map.of("type", "null");
    }
    return Map.of("type", "utf8", "value", v);
  }

  @SafeVarargs
  private static String request(
      String column, String name, int bits, List<String> normalize, boolean compound, Map<String, Object>... parts)
      throws IOException {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("key", Base64.getEncoder().encodeToString(BlindIndexQueryTest.INDEX_KEY));
    r.put("keyId", "b1");
    r.put("table", "bidx_patient");
    r.put("column", column);
    r.put("name", name);
    r.put("bits", bits);
    r.put("normalize", normalize);
    r.put("compound", compound);
    r.put("parts", List.of(parts));
    return JSON.writeValueAsString(r);
  }

  private static List<String> runNode(Path script, List<String> requests) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("node", script.getFileName().toString())
          .directory(script.getParent().toFile())
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      if (Boolean.getBoolean("themis4j.interop.required")) {
        throw new AssertionError("node is required (themis4j.interop.required) but not found", e);
      }
      System.err.println("WARNING: node not found, skipping the blind-index JavaScript check");
      Assumptions.abort("node not found");
      return List.of();
    }
    assertThat(Files.isRegularFile(script)).isTrue();
    try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (String r : requests) {
        w.write(r);
        w.write('\n');
      }
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
    }
    assertThat(p.waitFor()).isZero();
    return out;
  }
}
