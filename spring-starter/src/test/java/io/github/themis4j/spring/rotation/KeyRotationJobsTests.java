package io.github.themis4j.spring.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Units that no job can reach make rotation incomplete, by name. A non-Hibernate JPA provider is not
 * on this class path, so its entity manager factory is stood in for by a proxy that, like one,
 * cannot be unwrapped to Hibernate's SessionFactory.
 */
class KeyRotationJobsTests {
  private static EntityManagerFactory notHibernate() {
    return (EntityManagerFactory) Proxy.newProxyInstance(
        KeyRotationJobsTests.class.getClassLoader(),
        new Class<?>[] {EntityManagerFactory.class},
        (proxy, method, args) -> {
          if (method.getName().equals("unwrap")) {
            throw new PersistenceException("cannot unwrap to " + args[0]);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void aUnitThatIsNotHibernateIsNamedAndRotationIsNeverComplete() {
    Map<String, EntityManagerFactory> units = new LinkedHashMap<>();
    units.put("eclipselinkEntityManagerFactory", notHibernate());
    KeyRotationJobs jobs = KeyRotationJobs.of(units, List.of(), (sf, unit) -> {
      throw new AssertionError("no job for a unit that is not Hibernate");
    });
    assertThat(jobs.jobs()).isEmpty();
    assertThat(jobs.notCovered()).containsOnlyKeys("eclipselinkEntityManagerFactory");
    assertThat(jobs.notCovered().get("eclipselinkEntityManagerFactory")).contains("not a Hibernate entity manager factory");
    assertThat(jobs.run()).isEmpty();
    assertThat(jobs.isComplete(jobs.run())).isFalse();
    assertThat(jobs.incompleteReason(Map.of()))
        .contains("persistence unit 'eclipselinkEntityManagerFactory' not covered");
  }

  @Test
  void entitiesNamedForRotationMustExistInSomeUnit() {
    assertThatThrownBy(() -> KeyRotationJobs.of(Map.of(), List.of("Patient"), (sf, unit) -> null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("themis4j.rotation.entities names [Patient]");
  }

  @Test
  void theOldKeysGaugeNeverSaysZeroWhileAUnitIsNotCovered() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    MicrometerKeyRotationListener listener = new MicrometerKeyRotationListener(registry);
    assertThat(registry.get(MicrometerKeyRotationListener.OLD_KEYS_NEEDED).gauge().value()).isEqualTo(-1);
    listener.forUnit("other").uncoveredUnits(1);
    assertThat(registry.get(MicrometerKeyRotationListener.OLD_KEYS_NEEDED).gauge().value()).isEqualTo(1);
  }
}
