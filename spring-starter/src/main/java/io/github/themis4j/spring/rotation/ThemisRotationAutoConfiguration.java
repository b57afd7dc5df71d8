package io.github.themis4j.spring.rotation;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.rotation.KeyRotationException;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.KeyRotationListener;
import io.github.themis4j.jpa.rotation.RotationProgress;
import io.github.themis4j.jpa.rotation.RotationReport;
import io.github.themis4j.spring.autoconfigure.ThemisJpaAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The key rotation job of {@code themis4j-jpa} as Spring beans: {@link KeyRotationJobs}, a {@link
 * KeyRotationJob} for every persistence unit (every {@link EntityManagerFactory} bean) with {@code
 * Encrypted} attributes, the {@link KeyRotationJob} of the primary unit as a bean of its own, an {@link ApplicationRunner} that runs it once at startup
 * when {@code themis4j.rotation.run=true} (also as a command-line argument {@code
 * --themis4j.rotation.run=true}), Micrometer gauges of its progress when a {@link MeterRegistry} is
 * present, and the {@code keyrotation} Actuator endpoint when Actuator is present. Settings: {@link
 * ThemisRotationProperties}; switched off by {@code themis4j.rotation.enabled=false}.
 */
@AutoConfiguration(
    after = ThemisJpaAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass({KeyRotationJob.class, SessionFactory.class, EntityManagerFactory.class})
@ConditionalOnBean(EntityManagerFactory.class)
@ConditionalOnBooleanProperty(name = "themis4j.rotation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThemisRotationProperties.class)
public final class ThemisRotationAutoConfiguration {
  /** Gauge of the persistence units that no rotation job covers. */
  public static final String NOT_COVERED = "themis4j.rotation.units.not.covered";

  private static final Logger LOG =
      Logger.getLogger(ThemisRotationAutoConfiguration.class.getName());

  @Bean
  @ConditionalOnMissingBean
  KeyRotationJobs themisKeyRotationJobs(
      Map<String, EntityManagerFactory> entityManagerFactories,
      ThemisRotationProperties properties,
      ObjectProvider<KeyRotationListener> listeners) {
    List<KeyRotationListener> all = listeners.orderedStream().toList();
    KeyRotationJobs jobs = KeyRotationJobs.of(
        entityManagerFactories,
        properties.getEntities(),
        (sessionFactory, unit) -> job(sessionFactory, unit, properties, all));
    for (KeyRotationListener l : all) {
      if (l instanceof MicrometerKeyRotationListener m) {
        m.uncoveredUnits(jobs.notCovered().size());
      }
    }
    return jobs;
  }

  /**
   * The job of the primary (or only) persistence unit, for applications that use one; {@link
   * KeyRotationJobs} holds the jobs of every unit.
   */
  @Bean
  @Lazy // fails only if used when themis4j.rotation.entities names none of the primary unit's entities
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(EntityManagerFactory.class)
  KeyRotationJob themisKeyRotationJob(
      KeyRotationJobs jobs,
      EntityManagerFactory primary,
      Map<String, EntityManagerFactory> entityManagerFactories) {
    String unit = entityManagerFactories.entrySet().stream()
        .filter(e -> e.getValue() == primary)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("?");
    return jobs.job(unit).orElseThrow(() -> new InvalidArgumentException(
        "the primary persistence unit '" + unit + "' has no key rotation job ("
            + jobs.skipped().getOrDefault(unit, jobs.notCovered().getOrDefault(unit, "not an entity manager factory bean"))
            + "); use the KeyRotationJobs bean, which covers every unit"));
  }

  private static KeyRotationJob job(
      SessionFactory sessionFactory,
      KeyRotationJobs.UnitSelection unit,
      ThemisRotationProperties properties,
      List<KeyRotationListener> listeners) {
    KeyRotationJob.Builder b =
        KeyRotationJob.builder(sessionFactory)
            .batchSize(properties.getBatchSize())
            .pauseBetweenBatches(properties.getPause())
            .maxAttempts(properties.getMaxAttempts())
            .verify(properties.isVerify())
            .progressTable(properties.getProgressTable())
            .createProgressTable(properties.isCreateProgressTable())
            .workers(properties.getWorkers())
            .rowsPerSecond(properties.getRowsPerSecond())
            .failFast(properties.isFailFast())
            .entities(unit.entities().toArray(new String[0]));
    if (properties.getPartitions() > 0) {
      b.partitions(properties.getPartitions());
    }
    for (Map.Entry<String, ThemisRotationProperties.ContextImprintKeys> e :
        properties.getContextImprint().entrySet()) {
      ThemisRotationProperties.ContextImprintKeys k = e.getValue();
      if (k == null || k.getFrom() == null || k.getTo() == null) {
        throw new InvalidArgumentException(
            "themis4j.rotation.context-imprint."
                + e.getKey()
                + " needs both 'from' (the key id the values are "
                + "encrypted with now) and 'to' (the key id to re-encrypt them with)");
      }
      b.contextImprintKeys(e.getKey(), k.getFrom(), k.getTo());
    }
    List<KeyRotationListener> all = listeners.stream()
        .map(l -> l instanceof MicrometerKeyRotationListener m ? m.forUnit(unit.unit()) : l)
        .toList();
    if (!all.isEmpty()) {
      b.listener(all.size() == 1 ? all.get(0) : new CompositeListener(all));
    }
    return b.build();
  }

  @Bean
  @ConditionalOnBooleanProperty("themis4j.rotation.run")
  ApplicationRunner themisKeyRotationRunner(
      KeyRotationJobs jobs, ThemisRotationProperties properties) {
    return args -> {
      Map<String, RotationReport> reports = jobs.run();
      if (!jobs.isComplete(reports) && properties.isFailOnIncomplete()) {
        throw new KeyRotationException(
            "key rotation incomplete (themis4j.rotation.fail-on-incomplete=true): "
                + jobs.incompleteReason(reports)
                + "; see the log");
      }
    };
  }

  /** Micrometer gauges of the job's progress. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    MicrometerKeyRotationListener themisMicrometerKeyRotationListener(MeterRegistry registry) {
      return new MicrometerKeyRotationListener(registry);
    }

    /** {@value #NOT_COVERED}: persistence units whose encrypted values no rotation job reaches. */
    @Bean
    MeterBinder themisKeyRotationCoverage(ObjectProvider<KeyRotationJobs> jobs) {
      return registry -> {
        KeyRotationJobs all = jobs.getIfAvailable();
        if (all != null) {
          Gauge.builder(NOT_COVERED, all, j -> j.notCovered().size())
              .description("Persistence units with encrypted values that no key rotation job reaches")
              .register(registry);
        }
      };
    }
  }

  /** The {@code keyrotation} Actuator endpoint. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class Actuator {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    KeyRotationEndpoint keyRotationEndpoint(
        KeyRotationJobs jobs, ObjectProvider<SimpleAsyncTaskExecutorBuilder> executorBuilder) {
      SimpleAsyncTaskExecutorBuilder builder =
          executorBuilder.getIfAvailable(SimpleAsyncTaskExecutorBuilder::new);
      return new KeyRotationEndpoint(
          jobs, builder.threadNamePrefix("themis4j-key-rotation-").concurrencyLimit(1).build());
    }
  }

  /** Several listeners as one; a failing listener does not keep the others from being called. */
  static final class CompositeListener implements KeyRotationListener {
    private final List<KeyRotationListener> listeners;

    CompositeListener(List<KeyRotationListener> listeners) {
      this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<KeyRotationListener> call) {
      for (KeyRotationListener l : listeners) {
        try {
          call.accept(l);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "KeyRotationListener " + l.getClass().getName() + " failed", e);
        }
      }
    }

    @Override
    public void onPassStart(RotationProgress p) {
      each(l -> l.onPassStart(p));
    }

    @Override
    public void onBatch(RotationProgress p) {
      each(l -> l.onBatch(p));
    }

    @Override
    public void onPassEnd(RotationProgress p) {
      each(l -> l.onPassEnd(p));
    }

    @Override
    public void onFinish(RotationReport report) {
      each(l -> l.onFinish(report));
    }
  }
}
