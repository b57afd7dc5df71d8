package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeySource;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Masks themis4j key material in Actuator's {@code env} and {@code configprops} endpoints, even
 * when they are configured to show values ({@code management.endpoint.*.show-values=always}).
 *
 * <p>Masked: every {@code themis4j.*} property that holds a key or a password ({@code ...value},
 * {@code ...password}, {@code ...key-password}) in any spelling Spring Boot binds (dotted,
 * bracketed, camel case, or an environment variable such as {@code
 * THEMIS4J_KEYRINGS_PII_KEYS_0_VALUE}); the environment variables that {@code ...env} properties
 * name; and properties or environment variables that a masked property refers to with a {@code
 * ${...}} placeholder. Thread-safe (immutable after construction).
 */
public final class ThemisSanitizingFunction implements SanitizingFunction {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

  private final Set<String> referenced;

  ThemisSanitizingFunction(Set<String> referencedNames) {
    Set<String> canonical = new HashSet<>();
    for (String name : referencedNames) {
      canonical.add(canonical(name));
    }
    this.referenced = Set.copyOf(canonical);
  }

  /**
   * Builds the function for an application: masks themis4j secrets plus the environment variables
   * and placeholder targets the configuration refers to.
   */
  static ThemisSanitizingFunction of(ThemisProperties properties, ConfigurableEnvironment environment) {
    Set<String> names = new HashSet<>();
    properties.getKeyRings().values().forEach(ring -> ring.getKeys().forEach(key -> addEnv(names, key)));
    addEnv(names, properties.getKeyPair().getPrivateKey());
    addEnv(names, properties.getKeyPair().getPublicKey());
    // Envelope key rings (issue 20): the environment variables holding the HSM PIN / keystore password.
    for (String p : new String[] {"themis4j.kek.pkcs11.pin-env", "themis4j.kek.keystore.password-env"}) {
      String env = environment.getProperty(p);
      if (env != null && !env.isBlank()) {
        names.add(env.trim());
      }
    }
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> enumerable) {
        for (String name : enumerable.getPropertyNames()) {
          if (isSecretProperty(name) && enumerable.getProperty(name) instanceof CharSequence raw) {
            Matcher m = PLACEHOLDER.matcher(raw);
            while (m.find()) {
              names.add(m.group(1).trim());
            }
          }
        }
      }
    }
    return new ThemisSanitizingFunction(names);
  }

  private static void addEnv(Set<String> names, KeySource source) {
    if (source.getEnv() != null && !source.getEnv().isBlank()) {
      names.add(source.getEnv());
    }
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey();
    if (data.getValue() != null && (isSecretProperty(key) || referenced.contains(canonical(key)))) {
      return data.withSanitizedValue();
    }
    return data;
  }

  /**
   * Whether {@code name} is a themis4j property that holds key material or a password, in any of
   * the forms Spring Boot binds: {@code themis4j.key-rings.pii.keys[0].value}, {@code
   * themis4j.keyRings.pii.keys[0].value}, {@code THEMIS4J_KEYRINGS_PII_KEYS_0_VALUE}.
   */
  static boolean isSecretProperty(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '.').replace('[', '.').replace("]", "").replace("-", "");
    if (!n.startsWith("themis4j.")) {
      return false;
    }
    int dot = n.lastIndexOf('.');
    String last = n.substring(dot + 1);
    return last.equals("value") || last.contains("password") || last.equals("pin");
  }

  /** Spring Boot's relaxed form: upper case, dots and brackets as underscores, no dashes. */
  private static String canonical(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('[', '_').replace("]", "").replace("-", "");
  }
}
