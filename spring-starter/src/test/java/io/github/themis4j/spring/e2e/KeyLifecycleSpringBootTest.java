package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.spring.autoconfigure.KeyConfigurationException;
import io.github.themis4j.spring.autoconfigure.MicrometerEncryptionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whole applications started and stopped on one database: a key rotation across restarts, startup
 * failures with their reports, and development mode.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyLifecycleSpringBootTest {
  private static final AtomicInteger DB = new AtomicInteger();
  private static final String K1 = EncryptedEntitySpringBootTest.PII_OLD;
  private static final String K2 = EncryptedEntitySpringBootTest.PII_NEW;
  private static final String[] DEFAULT_RING = {
    "themis4j.key-rings.default.active=d1",
    "themis4j.key-rings.default.keys[0].id=d1",
    "themis4j.key-rings.default.keys[0].value=" + EncryptedEntitySpringBootTest.DEFAULT_KEY
  };

  private static ConfigurableApplicationContext start(String db, String... properties) {
    return new SpringApplicationBuilder(E2eApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=update",
            "spring.main.banner-mode=off")
        .properties(DEFAULT_RING)
        .properties(properties)
        .run();
  }

  private static String storedKeyId(ConfigurableApplicationContext context, long id) {
    byte[] raw = context.getBean(JdbcTemplate.class)
        .queryForObject("select name from patient where id = ?", byte[].class, id);
    return EncryptedValueCodec.storedKeyId(raw);
  }

  private static double count(ConfigurableApplicationContext context, String meter, String tag, String value) {
    MeterRegistry meters = context.getBean(MeterRegistry.class);
    return meter.equals(MicrometerEncryptionObserver.FAILURES)
        ? meters.find(meter).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum()
        : meters.find(meter).tag(tag, value).timers().stream().mapToDouble(t -> t.count()).sum();
  }

  @Test
  void keyRotationAcrossRestarts(CapturedOutput output) {
    String db = "rotation" + DB.incrementAndGet();
    long rewritten;
    long untouched;
    try (ConfigurableApplicationContext v1 = start(db,
        "themis4j.key-rings.pii.active=k1",
        "themis4j.key-rings.pii.keys[0].id=k1",
        "themis4j.key-rings.pii.keys[0].value=" + K1)) {
      PatientRepository patients = v1.getBean(PatientRepository.class);
      rewritten = patients.save(new Patient("Rosalind Franklin", LocalDate.of(1920, 7, 25), "a")).getId();
      untouched = patients.save(new Patient("Lise Meitner", LocalDate.of(1878, 11, 7), "a")).getId();
      assertThat(storedKeyId(v1, rewritten)).isEqualTo("k1");
    }
    // Version 2: a new key k2 becomes active; k1 stays to read old rows.
    try (ConfigurableApplicationContext v2 = start(db,
        "themis4j.key-rings.pii.active=k2",
        "themis4j.key-rings.pii.keys[0].id=k1",
        "themis4j.key-rings.pii.keys[0].value=" + K1,
        "themis4j.key-rings.pii.keys[1].id=k2",
        "themis4j.key-rings.pii.keys[1].value=" + K2)) {
      PatientRepository patients = v2.getBean(PatientRepository.class);
      Patient p = patients.findById(rewritten).orElseThrow();
      assertThat(p.getName()).isEqualTo("Rosalind Franklin");
      assertThat(count(v2, MicrometerEncryptionObserver.DECRYPT, "key.id", "k1")).isEqualTo(1);
      p.setName("Rosalind E. Franklin");
      patients.save(p);
      assertThat(storedKeyId(v2, rewritten)).isEqualTo("k2");
      assertThat(storedKeyId(v2, untouched)).isEqualTo("k1");
    }
    // Version 3: k1 removed. Rewritten rows read; a row still under k1 fails closed, and is counted.
    try (ConfigurableApplicationContext v3 = start(db,
        "themis4j.key-rings.pii.active=k2",
        "themis4j.key-rings.pii.keys[0].id=k2",
        "themis4j.key-rings.pii.keys[0].value=" + K2)) {
      PatientRepository patients = v3.getBean(PatientRepository.class);
      assertThat(patients.findById(rewritten).orElseThrow().getName()).isEqualTo("Rosalind E. Franklin");
      assertThatThrownBy(() -> patients.findById(untouched))
          .hasRootCauseInstanceOf(UnknownKeyException.class)
          .rootCause().hasMessageContaining("'k1'");
      assertThat(count(v3, MicrometerEncryptionObserver.FAILURES, "reason", "unknown-key")).isEqualTo(1);
    }
    // Three application runs, a failed load: no key material in anything that was logged.
    assertThat(output).isNotEmpty().doesNotContain(K1).doesNotContain(K2)
        .doesNotContain(EncryptedEntitySpringBootTest.DEFAULT_KEY);
  }

  @Test
  void anUnconfiguredKeyRingStopsStartupWithAReport(CapturedOutput output) {
    assertThatThrownBy(() -> start("missing" + DB.incrementAndGet()))
        .hasRootCauseInstanceOf(UnknownKeyException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("themis4j key ring 'pii' is used but not configured")
        .contains("Patient.name")
        .contains("themis4j.key-rings.pii.keys[0].id")
        .contains("themis4j.key-rings.pii.active");
  }

  @Test
  void anInvalidKeyConfigurationStopsStartupWithAReport(CapturedOutput output) {
    assertThatThrownBy(() -> start("invalid" + DB.incrementAndGet(),
        "themis4j.key-rings.pii.keys[0].id=k1",
        "themis4j.key-rings.pii.keys[0].value=" + K1))
        .hasRootCauseInstanceOf(KeyConfigurationException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Key ring 'pii' has no active key.")
        .contains("Property: themis4j.key-rings.pii.active")
        .contains("Set 'themis4j.key-rings.pii.active' to the id of the key that encrypts new data")
        .doesNotContain(K1);
  }

  private static ConfigurableApplicationContext startWithoutRings(String db, String... properties) {
    return new SpringApplicationBuilder(E2eApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=update",
            "spring.main.banner-mode=off")
        .properties(properties)
        .run();
  }

  @Test
  void developmentModeRunsWithThrowawayKeys(CapturedOutput output) {
    try (ConfigurableApplicationContext dev = startWithoutRings("dev" + DB.incrementAndGet(),
        "themis4j.dev-mode.enabled=true", "spring.profiles.active=dev")) {
      PatientRepository patients = dev.getBean(PatientRepository.class);
      long id = patients.save(new Patient("Hedy Lamarr", LocalDate.of(1914, 11, 9), "d")).getId();
      assertThat(patients.findById(id).orElseThrow().getName()).isEqualTo("Hedy Lamarr");
      assertThat(storedKeyId(dev, id)).isEqualTo("dev");
      assertThat(output).contains("DEVELOPMENT MODE is ON").contains("THROWAWAY key for key ring 'pii'");
    }
  }

  @Test
  void developmentModeIsRefusedWithConfiguredRings(CapturedOutput output) {
    assertThatThrownBy(() -> start("dev" + DB.incrementAndGet(), "themis4j.dev-mode.enabled=true",
            "spring.profiles.active=dev"))
        .hasRootCauseInstanceOf(KeyConfigurationException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Development mode is on, but key rings are configured or registered ([default])")
        .contains("a mistyped one included")
        .contains("Property: themis4j.dev-mode.enabled")
        .doesNotContain(EncryptedEntitySpringBootTest.DEFAULT_KEY);
  }

  @Test
  void developmentModeNeedsADevelopmentProfile(CapturedOutput output) {
    assertThatThrownBy(() -> startWithoutRings("dev" + DB.incrementAndGet(), "themis4j.dev-mode.enabled=true"))
        .hasRootCauseInstanceOf(KeyConfigurationException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("none of the profiles [dev, local, test] that allow it is active (active: [])")
        .contains("spring.profiles.active=dev");
    // An application may name its own development profiles.
    try (ConfigurableApplicationContext dev = startWithoutRings("dev" + DB.incrementAndGet(),
        "themis4j.dev-mode.enabled=true", "themis4j.dev-mode.profiles=sandbox", "spring.profiles.active=sandbox")) {
      assertThat(dev.getBean(PatientRepository.class).count()).isZero();
    }
  }

  @Test
  void switchingTheJpaIntegrationOffWithEncryptedEntitiesIsExplained(CapturedOutput output) {
    assertThatThrownBy(() -> start("jpaoff" + DB.incrementAndGet(), "themis4j.jpa.enabled=false"))
        .hasRootCauseInstanceOf(io.github.themis4j.jpa.EncryptionMappingException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("no key ring provider is configured")
        .contains("themis4j.jpa.enabled=false: the starter passes no key ring provider to Hibernate")
        .contains("Remove themis4j.jpa.enabled=false");
  }

  @Test
  void aProviderClassNameThatDoesNotLoadIsExplained(CapturedOutput output) {
    assertThatThrownBy(() -> start("badprovider" + DB.incrementAndGet(),
            "spring.jpa.properties.themis4j.jpa.key_ring_provider=com.example.NoSuchProvider"))
        .hasRootCauseInstanceOf(Exception.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("setting 'themis4j.jpa.key_ring_provider': class com.example.NoSuchProvider not found")
        .contains("Correct 'spring.jpa.properties.themis4j.jpa.key_ring_provider'");
  }
}
