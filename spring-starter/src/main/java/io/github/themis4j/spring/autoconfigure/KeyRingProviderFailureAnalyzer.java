package io.github.themis4j.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Explains a themis4j-jpa {@code EncryptionMappingException} about the key ring provider that stops
 * startup: an entity manager factory with {@code @Encrypted} attributes but no key ring provider (the
 * JPA integration switched off with {@code themis4j.jpa.enabled=false}, or an entity manager factory
 * the starter cannot reach), or a provider class name that does not load or instantiate. Other
 * mapping errors are left to {@link EncryptionMappingFailureAnalyzer}.
 *
 * <p>Matches the exception by class name: Hibernate (its superclass) may be absent from an
 * application that uses the starter without JPA.
 */
class KeyRingProviderFailureAnalyzer implements FailureAnalyzer {
  static final String EXCEPTION = "io.github.themis4j.jpa.EncryptionMappingException";
  private static final String SETTING = "themis4j.jpa.key_ring_provider";

  private final @Nullable Environment environment;

  KeyRingProviderFailureAnalyzer(@Nullable Environment environment) {
    this.environment = environment;
  }

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    Throwable cause = find(failure);
    if (cause == null) {
      return null;
    }
    String message = String.valueOf(cause.getMessage());
    String description = "themis4j cannot encrypt the @Encrypted attributes of an entity manager factory: " + message;
    if (message.contains("no key ring provider")) {
      boolean off = environment != null
          && "false".equalsIgnoreCase(environment.getProperty("themis4j.jpa.enabled", "true").trim());
      if (off) {
        return new FailureAnalysis(
            description + "\n\nthemis4j.jpa.enabled=false: the starter passes no key ring provider to"
                + " Hibernate, but the entities above are @Encrypted.",
            "Remove themis4j.jpa.enabled=false, or pass a KeyRingProvider yourself with"
                + " 'spring.jpa.properties." + SETTING + "=<class name>' (or in the entity manager"
                + " factory's properties).",
            cause);
      }
      return new FailureAnalysis(
          description + "\n\nThe starter adds the KeyRingProvider bean to Spring Boot's entity manager"
              + " factory, to those built with EntityManagerFactoryBuilder and to every"
              + " LocalContainerEntityManagerFactoryBean bean, but not to an entity manager factory"
              + " built otherwise (for example with Persistence.createEntityManagerFactory).",
          "Build the entity manager factory as a LocalContainerEntityManagerFactoryBean bean (or with"
              + " Boot's EntityManagerFactoryBuilder), or put the KeyRingProvider bean into its"
              + " properties yourself: properties.put(ThemisJpaSettings.KEY_RING_PROVIDER,"
              + " keyRingProvider).",
          cause);
    }
    if (message.contains("setting '" + SETTING + "'")) {
      return new FailureAnalysis(
          description,
          "Correct 'spring.jpa.properties." + SETTING + "' (a class implementing"
              + " io.github.themis4j.keyring.KeyRingProvider with a public no-argument constructor), or"
              + " remove it and define the provider as a KeyRingProvider bean: the starter then passes"
              + " that bean to Hibernate, the health indicator and key rotation.",
          cause);
    }
    return null;
  }

  /** Whether an EncryptionMappingException message is about the key ring provider setting. */
  static boolean isAboutTheProvider(String message) {
    return message.contains("no key ring provider") || message.contains("setting '" + SETTING + "'");
  }

  private static @Nullable Throwable find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(EXCEPTION)) {
          return t;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
