package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.spring.autoconfigure.ThemisHealthIndicator;
import io.github.themis4j.spring.rotation.KeyRotationJobs;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A key ring provider passed to Hibernate by class name, not as a bean: encryption, the health
 * indicator and key rotation all use it (not the starter's rings).
 */
class UserProviderSpringBootTest {
  @Test
  void healthAndRotationUseTheProviderHibernateUses() {
    try (ConfigurableApplicationContext c = new SpringApplicationBuilder(E2eApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:userprovider;DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=update",
            "spring.main.banner-mode=off",
            "spring.jpa.properties.themis4j.jpa.key_ring_provider=" + ClassNamedKeyRings.class.getName())
        .run()) {
      long id = c.getBean(PatientRepository.class).save(new Patient("Ada", LocalDate.of(1815, 12, 10), "u")).getId();
      byte[] stored = c.getBean(JdbcTemplate.class)
          .queryForObject("select name from patient where id = ?", byte[].class, id);
      assertThat(EncryptedValueCodec.storedKeyId(stored)).isEqualTo("u1");

      Health health = c.getBean("themis4jHealthIndicator", ThemisHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      Map<?, ?> unit = (Map<?, ?>) ((Map<?, ?>) health.getDetails().get("persistenceUnits")).get("entityManagerFactory");
      assertThat(unit.get("provider")).isEqualTo(ClassNamedKeyRings.class.getName());
      assertThat(unit.get("keyRings").toString()).contains("pii").contains("u1").contains("default").contains("u2")
          .contains("roundTrip=ok");

      RotationReport inventory = c.getBean(KeyRotationJobs.class).inventory().get("entityManagerFactory");
      assertThat(inventory.valuesByKey()).isEqualTo(Map.of("pii", Map.of("u1", 1L), "default", Map.of("u2", 1L)));
      assertThat(inventory.isComplete()).isTrue();
    }
  }
}
