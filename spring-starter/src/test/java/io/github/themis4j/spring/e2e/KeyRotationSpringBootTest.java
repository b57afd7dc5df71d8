package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.rotation.KeyRotationException;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.spring.rotation.KeyRotationEndpoint;
import io.github.themis4j.spring.rotation.MicrometerKeyRotationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key rotation job in whole applications: run from the command line after a new key became
 * active, its gauges and Actuator endpoint, then the old key removed; and its configuration errors.
 */
@ExtendWith(OutputCaptureExtension.class)
public class KeyRotationSpringBootTest {
  private static final AtomicInteger DB = new AtomicInteger();
  private static final String K1 = EncryptedEntitySpringBootTest.PII_OLD;
  private static final String K2 = EncryptedEntitySpringBootTest.PII_NEW;
  public static final String[] DEFAULT_RING = {
    "themis4j.key-rings.default.active=d1",
    "themis4j.key-rings.default.keys[0].id=d1",
    "themis4j.key-rings.default.keys[0].value=" + EncryptedEntitySpringBootTest.DEFAULT_KEY
  };
  private static final String[] PII_K1 = {
    "themis4j.key-rings.pii.active=k1",
    "themis4j.key-rings.pii.keys[0].id=k1",
    "themis4j.key-rings.pii.keys[0].value=" + K1
  };
  public static final String[] PII_K1_K2 = {
    "themis4j.key-rings.pii.active=k2",
    "themis4j.key-rings.pii.keys[0].id=k1",
    "themis4j.key-rings.pii.keys[0].value=" + K1,
    "themis4j.key-rings.pii.keys[1].id=k2",
    "themis4j.key-rings.pii.keys[1].value=" + K2
  };
  private static final String[] PII_K2 = {
    "themis4j.key-rings.pii.active=k2",
    "themis4j.key-rings.pii.keys[0].id=k2",
    "themis4j.key-rings.pii.keys[0].value=" + K2
  };

  public static ConfigurableApplicationContext start(
      String db, String[] ring, String[] args, String... properties) {
    return new SpringApplicationBuilder(E2eApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=update",
            "spring.main.banner-mode=off")
        .properties(DEFAULT_RING)
        .properties(ring)
        .properties(properties)
        .run(args);
  }

  public static List<String> storedKeyIds(ConfigurableApplicationContext context) {
    return context
        .getBean(JdbcTemplate.class)
        .queryForList("select name from patient order by id", byte[].class)
        .stream()
        .map(EncryptedValueCodec::storedKeyId)
        .toList();
  }

  /** The part of an endpoint response about the only persistence unit. */
  static Map<?, ?> unit(Map<String, Object> response) {
    return (Map<?, ?>) ((Map<?, ?>) response.get("units")).get("entityManagerFactory");
  }

  private static String name(int i) {
    return "Patient number " + i;
  }

  public static String insertPatients(int count) {
    String db = "keyrotation" + DB.incrementAndGet();
    try (ConfigurableApplicationContext v1 = start(db, PII_K1, new String[0])) {
      PatientRepository patients = v1.getBean(PatientRepository.class);
      for (int i = 0; i < count; i++) {
        patients.save(new Patient(name(i), LocalDate.of(1950, 1, 1).plusDays(i), "w"));
      }
      assertThat(storedKeyIds(v1)).hasSize(count).containsOnly("k1");
    }
    return db;
  }

  @Test
  void runFromTheCommandLineThenTheOldKeyIsRemoved(CapturedOutput output) throws Exception {
    String db = insertPatients(40);
    try (ConfigurableApplicationContext v2 =
        start(
            db,
            PII_K1_K2,
            new String[] {"--themis4j.rotation.run=true"},
            "management.endpoints.web.exposure.include=health,keyrotation")) {
      assertThat(storedKeyIds(v2)).hasSize(40).containsOnly("k2");
      KeyRotationJob job = v2.getBean(KeyRotationJob.class);
      RotationReport report = job.lastReport().orElseThrow();
      assertThat(report.isComplete()).as(report.summary()).isTrue();
      assertThat(report.canRetire("pii", "k1")).isTrue();
      assertThat(report.valuesByKey())
          .isEqualTo(Map.of("pii", Map.of("k2", 40L), "default", Map.of("d1", 40L)));

      MeterRegistry meters = v2.getBean(MeterRegistry.class);
      assertThat(
              meters
                  .get(MicrometerKeyRotationListener.ROWS_DONE)
                  .tag("entity", "Patient")
                  .gauge()
                  .value())
          .isEqualTo(40.0);
      assertThat(
              meters
                  .get(MicrometerKeyRotationListener.ROWS_TO_DO)
                  .tag("entity", "Patient")
                  .gauge()
                  .value())
          .isEqualTo(40.0);
      assertThat(
              meters
                  .get(MicrometerKeyRotationListener.VALUES_ROTATED)
                  .tag("entity", "Patient")
                  .gauge()
                  .value())
          .isEqualTo(40.0); // names under k1; birth dates were already under the active key d1
      assertThat(
              meters
                  .get(MicrometerKeyRotationListener.VALUES_BY_KEY)
                  .tags("key.ring", "pii", "key.id", "k2")
                  .gauge()
                  .value())
          .isEqualTo(40.0);
      assertThat(meters.get(MicrometerKeyRotationListener.OLD_KEYS_NEEDED).gauge().value())
          .isZero();

      KeyRotationEndpoint endpoint = v2.getBean(KeyRotationEndpoint.class);
      Map<String, Object> status = endpoint.status();
      assertThat(status.get("running")).isEqualTo(false);
      assertThat(status.get("complete")).isEqualTo(true);
      assertThat(status.get("notCovered")).isEqualTo(Map.of());
      assertThat(unit(status).get("lastReport")).isNotNull();
      assertThat(endpoint.start().get("started")).isEqualTo(true);
      for (int i = 0;
          i < 600 && (job.isRunning() || job.lastReport().orElseThrow() == report);
          i++) {
        Thread.sleep(50);
      }
      Map<?, ?> second = (Map<?, ?>) unit(endpoint.status()).get("lastReport");
      assertThat(second.get("complete")).isEqualTo(true);
      assertThat(second.get("valuesRotated")).isEqualTo(0L);
      Map<String, Object> inventory = endpoint.view("inventory");
      assertThat(inventory.get("complete")).isEqualTo(true);
      assertThat(unit(inventory).get("oldKeysStillNeeded")).isEqualTo(Map.of());
      assertThat(endpoint.view("nonsense")).containsKey("error");
      assertThat(endpoint.cancel()).containsEntry("cancelling", false); // nothing running
      Map<String, Object> again = endpoint.start();
      for (int i = 0; i < 250 && again.get("started").equals(false); i++) {
        Thread.sleep(20); // the previous run's thread is ending
        again = endpoint.start();
      }
      assertThat(again.get("started")).isEqualTo(true);
      assertThat(endpoint.cancel()).containsKey("cancelling");
      for (int i = 0; i < 600 && job.isRunning(); i++) {
        Thread.sleep(50);
      }
    }
    try (ConfigurableApplicationContext v3 = start(db, PII_K2, new String[0])) {
      PatientRepository patients = v3.getBean(PatientRepository.class);
      List<Patient> all = patients.findAll();
      assertThat(all)
          .hasSize(40)
          .extracting(Patient::getName)
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, 40).mapToObj(i -> name(i)).toList());
      assertThat(v3.getBeansOfType(ApplicationRunner.class))
          .doesNotContainKey("themisKeyRotationRunner");
    }
    assertThat(output)
        .doesNotContain(K1)
        .doesNotContain(K2)
        .doesNotContain(EncryptedEntitySpringBootTest.DEFAULT_KEY)
        .contains("no stored value needs an old key");
  }

  @Test
  void anIncompleteRunFailsStartupWhenAskedTo() {
    String db = insertPatients(5);
    try (ConfigurableApplicationContext v1 = start(db, PII_K1, new String[0])) {
      v1.getBean(JdbcTemplate.class)
          .update(
              "update patient set name = ? where id = (select min(id) from patient)",
              (Object) new byte[] {1, 0, 2, 'k', '1', 0, 0, 0});
    }
    assertThatThrownBy(
            () ->
                start(
                    db,
                    PII_K1_K2,
                    new String[] {"--themis4j.rotation.run=true"},
                    "themis4j.rotation.fail-on-incomplete=true"))
        .isInstanceOf(KeyRotationException.class)
        .hasMessageContaining("persistence unit 'entityManagerFactory': old keys still needed {pii=[k1]}")
        .hasMessageContaining("1 unreadable");
  }

  @Test
  void canBeSwitchedOffAndRejectsHalfNamedContextImprintKeys() {
    String db = "keyrotation" + DB.incrementAndGet();
    try (ConfigurableApplicationContext off =
        start(db, PII_K1, new String[0], "themis4j.rotation.enabled=false")) {
      assertThat(off.getBeansOfType(KeyRotationJob.class)).isEmpty();
      assertThat(off.getBeansOfType(KeyRotationEndpoint.class)).isEmpty();
    }
    assertThatThrownBy(
            () -> start(db, PII_K1, new String[0], "themis4j.rotation.context-imprint.pii.from=k1"))
        .hasRootCauseInstanceOf(InvalidArgumentException.class)
        .rootCause()
        .hasMessageContaining("themis4j.rotation.context-imprint.pii needs both 'from'");
  }
}
