package io.github.themis4j.spring.multiunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.spring.multiunit.accounts.Account;
import io.github.themis4j.spring.multiunit.archive.Note;
import io.github.themis4j.spring.multiunit.billing.Invoice;
import io.github.themis4j.spring.rotation.KeyRotationEndpoint;
import io.github.themis4j.spring.rotation.KeyRotationJobs;
import io.github.themis4j.spring.rotation.MicrometerKeyRotationListener;
import io.github.themis4j.spring.rotation.ThemisRotationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Key rotation over every persistence unit of an application with three entity manager factories
 * (two built with Boot's builder, one a raw LocalContainerEntityManagerFactoryBean): all are
 * rotated, then the old key is removed and every row of every unit is still readable.
 */
@ExtendWith(OutputCaptureExtension.class)
class MultiUnitRotationTests {
  private static final AtomicInteger DB = new AtomicInteger();
  private static final String K1 = key();
  private static final String K2 = key();
  private static final String[] UNITS = {
    "entityManagerFactory", "billingEntityManagerFactory", "archiveEntityManagerFactory"
  };
  private static final int ROWS = 12;

  private static String key() {
    byte[] k = new byte[32];
    new java.security.SecureRandom().nextBytes(k);
    return java.util.Base64.getEncoder().encodeToString(k);
  }

  private static ConfigurableApplicationContext start(String db, String[] args, String... properties) {
    return new SpringApplicationBuilder(MultiUnitApplication.class)
        .web(WebApplicationType.NONE)
        .properties("probe.db=" + db, "spring.main.banner-mode=off",
            "management.endpoints.web.exposure.include=keyrotation")
        .properties(properties)
        .run(args);
  }

  private static String[] ring(String active, String... idsAndKeys) {
    List<String> p = new java.util.ArrayList<>();
    p.add("themis4j.key-rings.pii.active=" + active);
    for (int i = 0; i < idsAndKeys.length / 2; i++) {
      p.add("themis4j.key-rings.pii.keys[" + i + "].id=" + idsAndKeys[2 * i]);
      p.add("themis4j.key-rings.pii.keys[" + i + "].value=" + idsAndKeys[2 * i + 1]);
    }
    return p.toArray(new String[0]);
  }

  private static void persist(EntityManagerFactory emf, Function<Integer, Object> entity) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      for (int i = 0; i < ROWS; i++) {
        em.persist(entity.apply(i));
      }
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }

  private static <T> List<T> all(EntityManagerFactory emf, Class<T> type) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery("select e from " + type.getSimpleName() + " e order by e.id", type).getResultList();
    } finally {
      em.close();
    }
  }

  private static List<String> storedKeyIds(ConfigurableApplicationContext c, String dataSource, String sql) {
    return new JdbcTemplate(c.getBean(dataSource, DataSource.class)).queryForList(sql, byte[].class).stream()
        .map(EncryptedValueCodec::storedKeyId)
        .toList();
  }

  private static EntityManagerFactory unit(ConfigurableApplicationContext c, String name) {
    return c.getBean(name, EntityManagerFactory.class);
  }

  @Test
  void everyUnitIsRotatedAndReadableAfterTheOldKeyIsRemoved(CapturedOutput output) throws Exception {
    String db = "multiunit" + DB.incrementAndGet();
    try (ConfigurableApplicationContext v1 = start(db, new String[0], ring("k1", "k1", K1))) {
      persist(unit(v1, UNITS[0]), i -> new Account("owner " + i));
      persist(unit(v1, UNITS[1]), i -> new Invoice("payee " + i));
      persist(unit(v1, UNITS[2]), i -> new Note("note " + i));
      assertThat(storedKeyIds(v1, "billingDataSource", "select payee from invoice")).hasSize(ROWS).containsOnly("k1");
      assertThat(storedKeyIds(v1, "archiveDataSource", "select text from note")).hasSize(ROWS).containsOnly("k1");
    }
    try (ConfigurableApplicationContext v2 =
        start(db, new String[] {"--themis4j.rotation.run=true"}, ring("k2", "k1", K1, "k2", K2))) {
      KeyRotationJobs jobs = v2.getBean(KeyRotationJobs.class);
      assertThat(jobs.jobs()).containsOnlyKeys(UNITS);
      assertThat(jobs.notCovered()).isEmpty();
      Map<String, RotationReport> reports = jobs.lastReports().orElseThrow();
      assertThat(jobs.isComplete(reports)).isTrue();
      for (String u : UNITS) {
        assertThat(reports.get(u).valuesRotated()).as(u).isEqualTo(ROWS);
        assertThat(reports.get(u).canRetire("pii", "k1")).as(u).isTrue();
      }
      assertThat(storedKeyIds(v2, "dataSource", "select owner from account")).hasSize(ROWS).containsOnly("k2");
      assertThat(storedKeyIds(v2, "billingDataSource", "select payee from invoice")).hasSize(ROWS).containsOnly("k2");
      assertThat(storedKeyIds(v2, "archiveDataSource", "select text from note")).hasSize(ROWS).containsOnly("k2");

      // The job bean of the primary unit is that unit's job, not a second one.
      assertThat(v2.getBean(KeyRotationJob.class)).isSameAs(jobs.job(UNITS[0]).orElseThrow());
      Map<String, Object> status = v2.getBean(KeyRotationEndpoint.class).status();
      assertThat(status.get("complete")).isEqualTo(true);
      assertThat(List.copyOf(((Map<?, ?>) status.get("units")).keySet())).isEqualTo(List.of(UNITS));
      Map<String, Object> inventory = v2.getBean(KeyRotationEndpoint.class).view("inventory");
      assertThat(inventory.get("complete")).isEqualTo(true);
      assertThat(List.copyOf(((Map<?, ?>) inventory.get("units")).keySet())).isEqualTo(List.of(UNITS));
      MeterRegistry meters = v2.getBean(MeterRegistry.class);
      for (String u : UNITS) {
        assertThat(meters.get(MicrometerKeyRotationListener.VALUES_BY_KEY)
                .tags("unit", u, "key.ring", "pii", "key.id", "k2").gauge().value())
            .as(u).isEqualTo(ROWS);
      }
      assertThat(meters.get(MicrometerKeyRotationListener.OLD_KEYS_NEEDED).gauge().value()).isZero();
      assertThat(meters.get(ThemisRotationAutoConfiguration.NOT_COVERED).gauge().value()).isZero();
    }
    try (ConfigurableApplicationContext v3 = start(db, new String[0], ring("k2", "k2", K2))) {
      assertThat(all(unit(v3, UNITS[0]), Account.class)).extracting(Account::getOwner)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> "owner " + i).toList());
      assertThat(all(unit(v3, UNITS[1]), Invoice.class)).extracting(Invoice::getPayee)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> "payee " + i).toList());
      assertThat(all(unit(v3, UNITS[2]), Note.class)).extracting(Note::getText)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, ROWS).mapToObj(i -> "note " + i).toList());
    }
    assertThat(output).doesNotContain(K1).doesNotContain(K2);
  }

  @Test
  void anEntityManagerFactoryOutOfTheStartersReachFailsWithAnAnalysis(CapturedOutput output) {
    String db = "multiunit" + DB.incrementAndGet();
    assertThatThrownBy(() -> start(db, new String[0], ring("k1", "k1", K1)[0], ring("k1", "k1", K1)[1],
            ring("k1", "k1", K1)[2], "probe.unreachable-unit=true"))
        .hasRootCauseInstanceOf(EncryptionMappingException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("themis4j cannot encrypt the @Encrypted attributes of an entity manager factory")
        .contains("no key ring provider is configured")
        .contains("Persistence.createEntityManagerFactory")
        .contains("properties.put(ThemisJpaSettings.KEY_RING_PROVIDER, keyRingProvider)")
        .doesNotContain(K1);
  }
}
