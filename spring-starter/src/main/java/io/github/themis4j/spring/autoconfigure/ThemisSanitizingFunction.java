package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.spring.autoconfigure.ThemisProperties.KeySource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Masks themis4j key material in every Actuator endpoint that runs values through Boot's sanitizer
 * ({@code env}, {@code env/{name}}, {@code configprops}), even when they are configured to show
 * values ({@code management.endpoint.*.show-values=always}).
 *
 * <p>A value is masked when any of these holds:
 *
 * <ol>
 *   <li>its name is a {@code themis4j.*} property that holds a key or a password ({@code ...value},
 *       {@code ...password}, {@code ...key-password}, or a leaf naming a secret, token or credential) in any spelling Spring Boot binds (dotted,
 *       bracketed, camel case, or an environment variable such as {@code
 *       THEMIS4J_KEYRINGS_PII_KEYS_0_VALUE}), wherever it came from (a file, {@code
 *       spring.config.import}, a config tree, {@code SPRING_APPLICATION_JSON}, the command line);
 *   <li>its name is an environment variable that an {@code ...env} source names, or a property or
 *       environment variable that a secret property refers to with a {@code ${...}} placeholder;
 *   <li>its text carries a themis4j secret under another name: it mentions {@code themis4j} and
 *       assigns a {@code value} or {@code password} ({@code --themis4j.key-rings.pii.keys[0].value=...}
 *       in {@code sun.java.command}, {@code {"themis4j":{...,"value":"..."}}} in {@code
 *       SPRING_APPLICATION_JSON} or {@code spring.application.json}, {@code -Dthemis4j...} in {@code
 *       JAVA_TOOL_OPTIONS}); placeholders resolved into such a text do not change that;
 *   <li>its text contains the value of any secret property or of an environment variable named by
 *       an {@code env} source (raw or with its placeholders resolved), as it stood at startup; values
 *       shorter than {@value #MIN_NEEDLE} characters are matched by the rules above only;
 *   <li>it is {@code sun.java.command} and mentions {@code themis4j} at all.
 * </ol>
 *
 * <p>Rules 3-5 mask more than strictly needed (a command line that names a themis4j class), never
 * less. Actuator's {@code heapdump} endpoint is out of reach of any sanitizer: never expose it.
 * Thread-safe (immutable after construction).
 */
public final class ThemisSanitizingFunction implements SanitizingFunction {
  /** Known secret values shorter than this are not searched for inside other values. */
  static final int MIN_NEEDLE = 6;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

  /** A secret leaf name followed by an assignment: {@code value=}, {@code "password":}, ... */
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile("(value|password|secret|token|credential)[\"']?\\s*[:=]", Pattern.CASE_INSENSITIVE);

  /** Leaf names that hold a secret besides {@code value} (for example {@code themis4j.kek.*}). */
  private static final Pattern SECRET_WORDS = Pattern.compile("password|secret|token|credential");

  private static final String JAVA_COMMAND = "sun.java.command";

  private final Set<String> referenced;
  private final List<String> needles;

  ThemisSanitizingFunction(Set<String> referencedNames) {
    this(referencedNames, Set.of());
  }

  ThemisSanitizingFunction(Set<String> referencedNames, Set<String> secretValues) {
    Set<String> canonical = new HashSet<>();
    for (String name : referencedNames) {
      canonical.add(canonical(name));
    }
    this.referenced = Set.copyOf(canonical);
    List<String> n = new ArrayList<>();
    for (String v : secretValues) {
      if (v != null && v.strip().length() >= MIN_NEEDLE) {
        n.add(v.strip());
      }
    }
    this.needles = List.copyOf(n);
  }

  /**
   * Builds the function for an application: masks themis4j secrets plus the environment variables
   * and placeholder targets the configuration refers to, and every value that contains one of the
   * secrets found in the environment now.
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
    Set<String> secrets = new HashSet<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> enumerable) {
        for (String name : enumerable.getPropertyNames()) {
          Object value = enumerable.getProperty(name);
          if (isSecretProperty(name) && value instanceof CharSequence raw) {
            String text = raw.toString();
            secrets.add(text);
            try {
              secrets.add(environment.resolvePlaceholders(text));
            } catch (RuntimeException e) {
              // an unresolvable placeholder: the raw text is all there is
            }
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
              names.add(m.group(1).trim());
            }
          }
        }
      }
    }
    Function<String, @Nullable String> env = ThemisAutoConfiguration.environmentVariables(environment);
    for (String name : names) {
      String value = env.apply(name);
      if (value == null) {
        value = environment.getProperty(name);
      }
      if (value != null) {
        secrets.add(value);
      }
    }
    return new ThemisSanitizingFunction(names, secrets);
  }

  private static void addEnv(Set<String> names, KeySource source) {
    if (source.getEnv() != null && !source.getEnv().isBlank()) {
      names.add(source.getEnv());
    }
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    Object value = data.getValue();
    if (value == null) {
      return data;
    }
    String key = data.getKey();
    if (isSecretProperty(key) || referenced.contains(canonical(key)) || carriesSecret(key, value.toString())) {
      return data.withSanitizedValue();
    }
    return data;
  }

  /** Rules 3-5 of the class comment: the text of a value under any name. */
  boolean carriesSecret(String key, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean mentionsThemis = lower.contains("themis4j");
    if (mentionsThemis && (JAVA_COMMAND.equals(key) || SECRET_ASSIGNMENT.matcher(text).find())) {
      return true;
    }
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    return false;
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
    return last.equals("value") || last.equals("pin") || SECRET_WORDS.matcher(last).find();
  }

  /** Spring Boot's relaxed form: upper case, dots and brackets as underscores, no dashes. */
  private static String canonical(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('[', '_').replace("]", "").replace("-", "");
  }
}
