package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.EncryptionObserver;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.keyring.KeyRingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Wiring of the JPA integration and its metrics; the end-to-end proof is in the e2e package. */
class ThemisJpaAutoConfigurationTests {
  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
      AutoConfigurations.of(ThemisAutoConfiguration.class, ThemisMetricsAutoConfiguration.class,
          ThemisJpaAutoConfiguration.class));

  private static Map<String, Object> hibernateSettings(AssertableApplicationContext context) {
    Map<String, Object> settings = new HashMap<>();
    context.getBeanProvider(HibernatePropertiesCustomizer.class).orderedStream()
        .forEach(c -> c.customize(settings));
    return settings;
  }

  @Test
  void passesTheKeyRingProviderToHibernate() {
    runner.run(
        context -> {
          Map<String, Object> settings = hibernateSettings(context);
          assertThat(settings.get(ThemisJpaSettings.KEY_RING_PROVIDER)).isSameAs(context.getBean(KeyRingProvider.class));
          assertThat(settings).doesNotContainKey(ThemisJpaSettings.OBSERVER); // no MeterRegistry here
        });
  }

  @Test
  void passesTheMicrometerObserverWhenThereIsAMeterRegistry() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(
        context -> {
          assertThat(hibernateSettings(context).get(ThemisJpaSettings.OBSERVER))
              .isSameAs(context.getBean(MicrometerEncryptionObserver.class));
        });
  }

  @Test
  void combinesSeveralObserversAndIsolatesTheirFailures() {
    List<String> calls = new ArrayList<>();
    EncryptionObserver failing = new EncryptionObserver() {
      @Override
      public void onEncrypt(String e, String a, String r, String k, long n) {
        throw new IllegalStateException("observer bug");
      }
    };
    EncryptionObserver recording = new EncryptionObserver() {
      @Override
      public void onEncrypt(String e, String a, String r, String k, long n) {
        calls.add(e + "." + a + "@" + r + "/" + k);
      }
    };
    runner.withBean("failing", EncryptionObserver.class, () -> failing)
        .withBean("recording", EncryptionObserver.class, () -> recording)
        .run(
            context -> {
              EncryptionObserver observer = (EncryptionObserver) hibernateSettings(context).get(ThemisJpaSettings.OBSERVER);
              assertThat(observer).isInstanceOf(CompositeEncryptionObserver.class);
              observer.onEncrypt("Patient", "name", "pii", "k1", 10);
              assertThat(calls).containsExactly("Patient.name@pii/k1");
            });
  }

  @Test
  void passesMigrationStatesAndForeignCellsToHibernate() {
    io.github.themis4j.jpa.ForeignCells foreign = (entity, attribute) -> null;
    runner.withBean(io.github.themis4j.jpa.ForeignCells.class, () -> foreign)
        .withPropertyValues("themis4j.jpa.migration.Customer.email=read-legacy",
            "themis4j.jpa.migration[Order.note]=strict")
        .run(
            context -> {
              Map<String, Object> settings = hibernateSettings(context);
              Map<String, Object> lower = new HashMap<>();
              settings.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
              assertThat(lower).containsEntry("themis4j.jpa.migration.customer.email", "read-legacy")
                  .containsEntry("themis4j.jpa.migration.order.note", "strict");
              assertThat(settings.get(ThemisJpaSettings.FOREIGN_CELLS)).isSameAs(foreign);
            });
  }

  @Test
  void keepsSettingsTheApplicationPassesItself() {
    KeyRingProvider own = name -> null;
    runner.run(
        context -> {
          Map<String, Object> settings = new HashMap<>();
          settings.put(ThemisJpaSettings.KEY_RING_PROVIDER, own);
          context.getBean(HibernatePropertiesCustomizer.class).customize(settings);
          assertThat(settings.get(ThemisJpaSettings.KEY_RING_PROVIDER)).isSameAs(own);
        });
  }

  @Test
  void canBeSwitchedOff() {
    runner.withPropertyValues("themis4j.jpa.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class));
  }

  @Test
  void backsOffWithoutTheJpaModuleOrHibernateSupport() {
    runner.withClassLoader(new FilteredClassLoader(ThemisJpaSettings.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HibernatePropertiesCustomizer.class)
            .doesNotHaveBean(MicrometerEncryptionObserver.class).hasSingleBean(KeyRingProvider.class));
    runner.withClassLoader(new FilteredClassLoader(HibernatePropertiesCustomizer.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HibernatePropertiesCustomizer.class)
            .hasSingleBean(KeyRingProvider.class));
  }

  @Test
  void metricsBackOffWithoutMicrometer() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(MicrometerEncryptionObserver.class));
  }

  @Test
  void backsOffForTheApplicationsOwnCustomizerAndObserver() {
    HibernatePropertiesCustomizer own = settings -> settings.put("mine", true);
    MicrometerEncryptionObserver ownObserver = new MicrometerEncryptionObserver(new SimpleMeterRegistry());
    runner.withBean("themisHibernatePropertiesCustomizer", HibernatePropertiesCustomizer.class, () -> own)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(MicrometerEncryptionObserver.class, () -> ownObserver)
        .run(context -> {
          assertThat(context.getBean(HibernatePropertiesCustomizer.class)).isSameAs(own);
          assertThat(context.getBean(MicrometerEncryptionObserver.class)).isSameAs(ownObserver);
        });
  }

  @Test
  void micrometerObserverRecordsTimersAndFailures() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerEncryptionObserver observer = new MicrometerEncryptionObserver(registry);
    observer.onEncrypt("Patient", "name", "pii", "k2", 1_000_000);
    observer.onEncrypt("Patient", "name", "pii", "k2", 3_000_000);
    observer.onDecrypt("Patient", "name", "pii", "k1", 2_000_000);
    observer.onFailure("Patient", "name", EncryptionObserver.AUTHENTICATION, new RuntimeException("x"));
    var encrypt = registry.get(MicrometerEncryptionObserver.ENCRYPT)
        .tags("entity", "Patient", "attribute", "name", "key.ring", "pii", "key.id", "k2").timer();
    assertThat(encrypt.count()).isEqualTo(2);
    assertThat(encrypt.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(4.0);
    assertThat(registry.get(MicrometerEncryptionObserver.DECRYPT).tag("key.id", "k1").timer().count()).isEqualTo(1);
    assertThat(registry.get(MicrometerEncryptionObserver.FAILURES).tag("reason", "authentication").counter().count())
        .isEqualTo(1);
  }
}
