package io.github.themis4j.spring.envelope;

import io.github.themis4j.ThemisException;
import io.github.themis4j.jpa.ThemisJpaSettings;
import io.github.themis4j.jpa.envelope.JdbcWrappedKeyStore;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.FileWrappedKeyStore;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException;
import io.github.themis4j.keyring.envelope.WrappedKeyStore;
import io.github.themis4j.spring.autoconfigure.KeyConfigurationException;
import io.github.themis4j.spring.autoconfigure.ThemisAutoConfiguration;
import java.nio.file.Path;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Envelope key rings from {@code themis4j.kek.*} and {@code themis4j.envelope.*}: opens the KEK
 * (PKCS#11 token or PKCS#12 keystore), the store of wrapped data keys (files or the JDBC tables),
 * creates the listed rings if asked, unwraps every stored ring at startup, and serves them as the
 * application's {@link KeyRingProvider} (so {@code themis4j.key-rings} backs off; setting both is
 * refused). With {@code themis4j.envelope.tenant.rings}, those rings are per tenant ({@code
 * TenantKeyRings}, tenant from the Hibernate {@code CurrentTenantIdentifierResolver} bean).
 *
 * <p>Fails closed: an unreachable HSM, a wrong PIN, a missing KEK label or a data key the KEK does
 * not unwrap stops the application with a {@link KeyConfigurationException} naming the property.
 */
@AutoConfiguration(before = ThemisAutoConfiguration.class)
@ConditionalOnProperty(name = "themis4j.kek.type")
@EnableConfigurationProperties({ThemisKekProperties.class, ThemisEnvelopeProperties.class})
public final class ThemisEnvelopeAutoConfiguration {
  private static final Log log = LogFactory.getLog(ThemisEnvelopeAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  KekSource themisKekSource(ThemisKekProperties kek, Environment environment) {
    return KekSource.open(kek, environmentVariables(environment));
  }

  @Bean
  @ConditionalOnMissingBean
  EnvelopeKeyRings themisEnvelopeKeyRings(
      KekSource source, ThemisKekProperties kek, ThemisEnvelopeProperties envelope, Environment environment,
      ObjectProvider<DataSource> dataSource) {
    if (environment.containsProperty("themis4j.key-rings") || hasPrefix(environment, "themis4j.key-rings.")) {
      throw new KeyConfigurationException("themis4j.key-rings",
          "themis4j.key-rings cannot be combined with envelope key rings (themis4j.kek.type)",
          "move the rings to themis4j.envelope.rings, or remove themis4j.kek.type");
    }
    WrappedKeyStore store = store(envelope, dataSource);
    EnvelopeKeyRings rings = EnvelopeKeyRings.builder(store, source.resolver(), source.current(kek)).build();
    try {
      if (envelope.isCreateMissing()) {
        for (String ring : envelope.getRings()) {
          rings.createRing(ring);
        }
      }
      int n = rings.unwrapAll();
      for (String ring : envelope.getRings()) {
        rings.keyRing(ring); // a listed ring that is not stored fails startup
      }
      log.info("themis4j: " + n + " envelope key rings unwrapped under " + rings.currentKek().uri() + " (" + source.description() + ")");
    } catch (KeyEncryptionKeyException e) {
      throw KekSource.translate(e, null, null);
    } catch (io.github.themis4j.keyring.UnknownKeyException e) {
      throw new KeyConfigurationException("themis4j.envelope.rings", e.getMessage(),
          "create the ring (themis4j.envelope.create-missing=true, or the create-ring Actuator operation)", e);
    } catch (ThemisException e) {
      throw new KeyConfigurationException("themis4j.envelope.store", e.getMessage(), "check the store of wrapped data keys", e);
    }
    return rings;
  }

  @Bean
  @ConditionalOnMissingBean(KeyRingProvider.class)
  KeyRingProvider themisEnvelopeKeyRingProvider(
      EnvelopeKeyRings rings, ThemisEnvelopeProperties envelope, BeanFactory beanFactory) {
    if (envelope.getTenant().getRings().isEmpty()) {
      return rings;
    }
    return TenantSupport.provider(rings, envelope, beanFactory); // loads Hibernate types only here
  }

  private static WrappedKeyStore store(ThemisEnvelopeProperties envelope, ObjectProvider<DataSource> dataSource) {
    if (envelope.getStore() == ThemisEnvelopeProperties.Store.JDBC) {
      DataSource ds = dataSource.getIfUnique();
      if (ds == null) {
        throw new KeyConfigurationException("themis4j.envelope.store", "themis4j.envelope.store=jdbc needs a DataSource bean",
            "configure spring.datasource.*, or use themis4j.envelope.store=file");
      }
      return new JdbcWrappedKeyStore(ds);
    }
    String dir = envelope.getFile().getDirectory();
    if (dir == null || dir.isBlank()) {
      throw new KeyConfigurationException("themis4j.envelope.file.directory", "themis4j.envelope.file.directory is not set",
          "set it to the directory of the wrapped key documents");
    }
    try {
      return new FileWrappedKeyStore(Path.of(dir.trim()));
    } catch (ThemisException e) {
      throw new KeyConfigurationException("themis4j.envelope.file.directory", e.getMessage(), "make the directory writable", e);
    }
  }

  private static boolean hasPrefix(Environment environment, String prefix) {
    if (environment instanceof ConfigurableEnvironment c) {
      for (PropertySource<?> s : c.getPropertySources()) {
        if (s instanceof org.springframework.core.env.EnumerablePropertySource<?> e) {
          for (String name : e.getPropertyNames()) {
            if (name.startsWith(prefix)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Environment variables as Spring sees them ("systemEnvironment", which tests can replace). */
  static Function<String, @Nullable String> environmentVariables(Environment environment) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      PropertySource<?> source =
          configurable.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
      if (source != null) {
        return name -> {
          Object value = source.getProperty(name);
          return value == null ? null : value.toString();
        };
      }
    }
    return System::getenv;
  }

  /** Hibernate settings: no bootstrap ring check for per-tenant rings; shredded values as null. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ThemisJpaSettings.class, HibernatePropertiesCustomizer.class})
  static class Jpa {
    @Bean
    HibernatePropertiesCustomizer themisEnvelopeHibernatePropertiesCustomizer(ThemisEnvelopeProperties envelope) {
      return properties -> {
        if (!envelope.getTenant().getRings().isEmpty()) {
          properties.putIfAbsent(ThemisJpaSettings.VALIDATE_KEY_RINGS, "false");
        }
        if (envelope.isShreddedAsNull()) {
          properties.putIfAbsent(ThemisJpaSettings.SHREDDED_AS_NULL, "true");
        }
      };
    }
  }

  /** Health contributor {@code themis4jEnvelope}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Health.class)
  @ConditionalOnEnabledHealthIndicator("themis4jEnvelope")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "themis4jEnvelopeHealthIndicator")
    EnvelopeHealthIndicator themis4jEnvelopeHealthIndicator(EnvelopeKeyRings rings, KekSource source, ThemisEnvelopeProperties envelope) {
      return new EnvelopeHealthIndicator(rings, source, envelope.getRings());
    }
  }

  /** The {@code themis4jenvelope} endpoint. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    EnvelopeKeysEndpoint themis4jEnvelopeEndpoint(EnvelopeKeyRings rings, KekSource source, ThemisEnvelopeProperties envelope) {
      return new EnvelopeKeysEndpoint(rings, source, envelope.getActuator().isShredEnabled());
    }
  }
}
