package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.spring.autoconfigure.MicrometerEncryptionObserver;
import io.github.themis4j.spring.autoconfigure.ThemisHealthIndicator;
import io.github.themis4j.testing.WasmThemis;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end: properties -> starter -> Hibernate -> H2, through a Spring Data repository. The
 * stored columns are checked to be ciphertext that Themis itself (wasm-themis) decrypts with the
 * configured key, following docs/FORMAT.md.
 */
@SpringBootTest(
    classes = E2eApplication.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:themis4j-e2e;DB_CLOSE_DELAY=-1",
      "spring.jpa.hibernate.ddl-auto=create-drop",
      "themis4j.key-rings.pii.active=2026-11",
      "themis4j.key-rings.pii.keys[0].id=2026-01",
      "themis4j.key-rings.pii.keys[0].value=" + EncryptedEntitySpringBootTest.PII_OLD,
      "themis4j.key-rings.pii.keys[1].id=2026-11",
      "themis4j.key-rings.pii.keys[1].value=" + EncryptedEntitySpringBootTest.PII_NEW,
      "themis4j.key-rings.default.active=d1",
      "themis4j.key-rings.default.keys[0].id=d1",
      "themis4j.key-rings.default.keys[0].value=" + EncryptedEntitySpringBootTest.DEFAULT_KEY
    })
class EncryptedEntitySpringBootTest {
  static final String PII_OLD = "r1y8KR//SVTsxUt7d01G2XtAqvJu8RchMI4fGwWpU2Y=";
  static final String PII_NEW = "w6rH/oZwRljprwmaDTtN/6yKe52D+bf44qPoA8lNLbU=";
  static final String DEFAULT_KEY = "YNmx6jm5EXfoGsOOymyewzuc4kN/HXXyDeFji4FN4L0=";

  @Autowired PatientRepository patients;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @Autowired
  @Qualifier("themis4jHealthIndicator")
  ThemisHealthIndicator health;

  @Test
  void roundTripThroughTheRepository() {
    Patient saved = patients.save(new Patient("Ada Lovelace", LocalDate.of(1815, 12, 10), "east"));
    patients.save(new Patient("Charles Babbage", LocalDate.of(1791, 12, 26), "west"));
    Patient loaded = patients.findById(saved.getId()).orElseThrow();
    assertThat(loaded.getName()).isEqualTo("Ada Lovelace");
    assertThat(loaded.getBirthDate()).isEqualTo(LocalDate.of(1815, 12, 10));
    List<Patient> east = patients.findByWardOrderById("east");
    assertThat(east).extracting(Patient::getName).containsExactly("Ada Lovelace");
  }

  @Test
  void storedColumnsAreCiphertextThatThemisDecryptsWithTheConfiguredKey() {
    String name = "Grace Hopper \u2013 rear admiral";
    Patient saved = patients.save(new Patient(name, LocalDate.of(1906, 12, 9), "north"));
    long id = saved.getId();
    byte[] rawName = jdbc.queryForObject("select name from patient where id = ?", byte[].class, id);
    byte[] rawBirth = jdbc.queryForObject("select birth_date from patient where id = ?", byte[].class, id);
    byte[] plain = name.getBytes(StandardCharsets.UTF_8);
    assertThat(indexOf(rawName, plain)).isEqualTo(-1);
    // The active keys of the configured rings were used.
    assertThat(EncryptedValueCodec.storedKeyId(rawName)).isEqualTo("2026-11");
    assertThat(EncryptedValueCodec.storedKeyId(rawBirth)).isEqualTo("d1");

    WasmThemis wasm = WasmThemis.get();
    assertThat(wasm.call1("cell.seal.decrypt", Base64.getDecoder().decode(PII_NEW), seal(rawName),
        context("2026-11", "patient", "name", id))).isEqualTo(plain);
    assertThat(wasm.call1("cell.seal.decrypt", Base64.getDecoder().decode(DEFAULT_KEY), seal(rawBirth),
        context("d1", "patient", "birth_date", id)))
        .isEqualTo(ByteBuffer.allocate(8).putLong(LocalDate.of(1906, 12, 9).toEpochDay()).array());
  }

  @Test
  void valuesWrittenByThemisWithAnOlderKeyAreRead() {
    // A row written by another Themis implementation (wasm-themis) with the older pii key.
    Patient saved = patients.save(new Patient("placeholder", LocalDate.of(2000, 1, 1), "south"));
    long id = saved.getId();
    byte[] plain = "Katherine Johnson".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = WasmThemis.get().call1("cell.seal.encrypt", Base64.getDecoder().decode(PII_OLD), plain,
        context("2026-01", "patient", "name", id));
    byte[] envelope = {1, 0, 7, '2', '0', '2', '6', '-', '0', '1'};
    jdbc.update("update patient set name = ? where id = ?", concat(envelope, sealed), id);
    double before = decryptions("2026-01");
    assertThat(patients.findById(id).orElseThrow().getName()).isEqualTo("Katherine Johnson");
    assertThat(decryptions("2026-01")).isEqualTo(before + 1);
  }

  @Test
  void metricsCountEncryptionsAndDecryptionsPerKey() {
    double encryptsBefore = meters.find(MicrometerEncryptionObserver.ENCRYPT).tag("key.ring", "pii").timers()
        .stream().mapToDouble(t -> t.count()).sum();
    Patient saved = patients.save(new Patient("Alan Turing", LocalDate.of(1912, 6, 23), "east"));
    patients.findById(saved.getId()).orElseThrow();
    double encryptsAfter = meters.find(MicrometerEncryptionObserver.ENCRYPT).tag("key.ring", "pii").timers()
        .stream().mapToDouble(t -> t.count()).sum();
    assertThat(encryptsAfter).isGreaterThan(encryptsBefore);
    assertThat(meters.get(MicrometerEncryptionObserver.ENCRYPT)
        .tags("entity", "Patient", "attribute", "name", "key.ring", "pii", "key.id", "2026-11")
        .timer().count()).isPositive();
  }

  @Test
  void healthIsUpAndNamesTheRings() {
    var result = health.health();
    assertThat(result.getStatus()).isEqualTo(Status.UP);
    assertThat(result.getDetails().get("keyRings").toString()).contains("pii").contains("default")
        .contains("2026-11").doesNotContain(PII_NEW).doesNotContain(PII_OLD);
  }

  private double decryptions(String keyId) {
    return meters.find(MicrometerEncryptionObserver.DECRYPT).tag("key.id", keyId).timers().stream()
        .mapToDouble(t -> t.count()).sum();
  }

  /** The Seal output after the envelope (version, kind, key id length, key id). */
  static byte[] seal(byte[] stored) {
    int l = stored[2] & 0xff;
    return Arrays.copyOfRange(stored, 3 + l, stored.length);
  }

  /** The Secure Cell context of docs/FORMAT.md section 3 for a Seal value with an integer id. */
  static byte[] context(String keyId, String table, String column, long id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s : new String[] {"themis4j-jpa/1", "seal", "value", keyId, table, column, "integer",
        Long.toString(id)}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
