package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.spring.KeyRingRegistrar;
import io.github.themis4j.spring.PeerPublicKeys;
import io.github.themis4j.spring.SecureComparatorFactory;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of themis4j key management: the {@link KeyRingProvider} built from {@code
 * themis4j.key-rings} (and any {@link KeyRingRegistrar} beans), this application's {@link KeyPair}
 * from {@code themis4j.key-pair}, the peers' public keys from {@code themis4j.peers}, and a {@link
 * SecureComparatorFactory}.
 *
 * <p>Everything is loaded and validated at startup: a missing, undecodable or duplicate key, a ring
 * without an active key, or an unreadable file or keystore stops the application with a {@link
 * KeyConfigurationException} that names the property to set. Keys are never generated unless
 * {@code themis4j.dev-mode.enabled=true}. Each bean backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(ThemisProperties.class)
public final class ThemisAutoConfiguration {
  private static final Log log = LogFactory.getLog(ThemisAutoConfiguration.class);

  private static final String DEV_MODE = "themis4j.dev-mode.enabled";

  private final ThemisProperties properties;

  ThemisAutoConfiguration(ThemisProperties properties) {
    this.properties = properties;
    if (properties.getDevMode().isEnabled()) {
      log.warn("\n*** themis4j DEVELOPMENT MODE is ON (themis4j.dev-mode.enabled=true) ***\n"
          + "*** Key rings and the key pair that are not configured get THROWAWAY keys.   ***\n"
          + "*** Data encrypted with them is lost on restart. NEVER use this in production. ***");
    }
  }

  @Bean
  @ConditionalOnMissingBean(KeyRingProvider.class)
  KeyRingProvider themisKeyRingProvider(
      Environment environment, ResourceLoader resourceLoader, ObjectProvider<KeyRingRegistrar> registrars) {
    List<KeyRing> rings = loader(environment, resourceLoader)
        .keyRings(properties, registrars.orderedStream().toList());
    if (properties.getDevMode().isEnabled()) {
      checkDevModeAllowed(environment);
      if (!rings.isEmpty()) {
        throw new KeyConfigurationException(DEV_MODE,
            "Development mode is on, but key rings are configured or registered ("
                + rings.stream().map(KeyRing::name).toList() + "). Development mode would give a"
                + " throwaway key to every other ring name, a mistyped one included, and the data"
                + " encrypted with it would be unreadable after a restart.",
            "Remove '" + DEV_MODE + "=true' to use the configured rings (and get the check of ring"
                + " names back), or remove the configured rings to develop with throwaway keys only.");
      }
      return new DevModeKeyRingProvider(rings);
    }
    return KeyRings.of(rings);
  }

  @Bean
  @ConditionalOnMissingBean(KeyPair.class)
  @Conditional(KeyPairConfiguredCondition.class)
  KeyPair themisKeyPair(Environment environment, ResourceLoader resourceLoader) {
    KeyPair pair = loader(environment, resourceLoader).keyPair(properties);
    if (pair != null) {
      return pair;
    }
    checkDevModeAllowed(environment);
    log.warn("themis4j DEVELOPMENT MODE: generated a THROWAWAY EC key pair because themis4j.key-pair is"
        + " not configured. Peers cannot know its public key across restarts; configure"
        + " themis4j.key-pair.private-key and themis4j.key-pair.public-key before real use.");
    return KeyPair.generate(KeyType.EC);
  }

  @Bean
  @ConditionalOnMissingBean(PeerPublicKeys.class)
  PeerPublicKeys themisPeerPublicKeys() {
    return KeyConfigurationLoader.peers(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  SecureComparatorFactory themisSecureComparatorFactory() {
    return new SecureComparatorFactory();
  }

  /** Development mode needs one of {@code themis4j.dev-mode.profiles} active (unless it is empty). */
  private void checkDevModeAllowed(Environment environment) {
    List<String> allowed = properties.getDevMode().getProfiles();
    if (allowed.isEmpty() || environment.matchesProfiles(allowed.toArray(new String[0]))) {
      return;
    }
    throw new KeyConfigurationException(DEV_MODE,
        "Development mode is on, but none of the profiles " + allowed + " that allow it is active"
            + " (active: " + List.of(environment.getActiveProfiles()) + ").",
        "Activate one of them (for example 'spring.profiles.active=dev') for local development, or"
            + " remove '" + DEV_MODE + "=true'. 'themis4j.dev-mode.profiles' lists the profiles that"
            + " allow development mode.");
  }

  /**
   * The bound {@link ThemisProperties} bean (registered by this configuration only), or, when
   * this configuration is excluded, the properties bound from the environment.
   */
  static ThemisProperties properties(ObjectProvider<ThemisProperties> bound, Environment environment) {
    return bound.getIfAvailable(() -> Binder.get(environment).bindOrCreate("themis4j", ThemisProperties.class));
  }

  private static KeyConfigurationLoader loader(Environment environment, ResourceLoader resourceLoader) {
    return new KeyConfigurationLoader(new KeyMaterialLoader(environmentVariables(environment), resourceLoader));
  }

  /**
   * Environment variables as Spring sees them (the "systemEnvironment" property source, which
   * tests can replace), falling back to the process environment.
   */
  static Function<String, @Nullable String> environmentVariables(Environment environment) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      PropertySource<?> source = configurable.getPropertySources()
          .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
      if (source != null) {
        return name -> {
          Object value = source.getProperty(name);
          return value == null ? null : value.toString();
        };
      }
    }
    return System::getenv;
  }
}
