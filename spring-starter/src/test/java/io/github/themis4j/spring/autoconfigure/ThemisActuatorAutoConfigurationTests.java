package io.github.themis4j.spring.autoconfigure;

import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.b64;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.keystore;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.randomKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Key material never shows in /actuator/env or /actuator/configprops, even with show-values=always. */
class ThemisActuatorAutoConfigurationTests {
  private final String inline = b64(randomKey());
  private final String fromEnv = b64(randomKey());
  private final String envForm = b64(randomKey());
  private final String keystorePassword = "kspw-" + b64(randomKey()).substring(0, 12);
  private final KeyPair pair = KeyPair.generate(KeyType.EC);
  private final String privateKey = b64(pair.privateKey().toByteArray());

  private ApplicationContextRunner runner(Path dir, boolean withThemisActuator) throws Exception {
    Path store = keystore(dir, keystorePassword, Map.of("k", randomKey()), keystorePassword);
    Map<String, Object> env = new HashMap<>();
    env.put("PII_KEY", fromEnv);
    env.put("KEYSTORE_PW", keystorePassword);
    // A whole ring from environment variables (Boot binds a list from one property source only).
    env.put("THEMIS4J_KEYRINGS_ENVRING_ACTIVE", "e");
    env.put("THEMIS4J_KEYRINGS_ENVRING_KEYS_0_ID", "e");
    env.put("THEMIS4J_KEYRINGS_ENVRING_KEYS_0_VALUE", envForm);
    env.put("OWN_PRIVATE", privateKey);
    AutoConfigurations configurations = withThemisActuator
        ? AutoConfigurations.of(ThemisAutoConfiguration.class, ThemisActuatorAutoConfiguration.class,
            EnvironmentEndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class)
        : AutoConfigurations.of(ThemisAutoConfiguration.class,
            EnvironmentEndpointAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class);
    return new ApplicationContextRunner()
        .withConfiguration(configurations)
        .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .withPropertyValues(
            "management.endpoint.env.show-values=always",
            "management.endpoint.configprops.show-values=always",
            "management.endpoints.web.exposure.include=*",
            "app.greeting=hello-visible",
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + inline,
            "themis4j.key-rings.pii.keys[1].id=b",
            "themis4j.key-rings.pii.keys[1].env=PII_KEY",
            "themis4j.key-rings.pii.keys[2].id=c",
            "themis4j.key-rings.pii.keys[2].keystore.location=" + store,
            "themis4j.key-rings.pii.keys[2].keystore.password=${KEYSTORE_PW}",
            "themis4j.key-rings.pii.keys[2].keystore.alias=k",
            "themis4j.key-pair.private-key.env=OWN_PRIVATE",
            "themis4j.key-pair.public-key.value=" + b64(pair.publicKey().toByteArray()));
  }

  private static String endpointsAsJson(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    assertThat(context.getBean(KeyRingProvider.class).keyRing("pii").keyIds()).containsExactly("a", "b", "c");
    assertThat(context.getBean(KeyRingProvider.class).keyRing("envring").keyIds()).containsExactly("e");
    JsonMapper json = JsonMapper.builder().build();
    return json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null))
        + json.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
  }

  @Test
  void keyMaterialIsMaskedInEnvAndConfigprops(@TempDir Path dir) throws Exception {
    runner(dir, true).run(
        context -> {
          assertThat(context).hasSingleBean(ThemisSanitizingFunction.class);
          String out = endpointsAsJson(context);
          assertThat(out).contains("hello-visible").contains(SanitizableData.SANITIZED_VALUE)
              .contains("PII_KEY") // the name of the variable is not secret
              .contains("themis4j.key-rings.pii.keys[0].value");
          assertThat(out).doesNotContain(inline).doesNotContain(fromEnv).doesNotContain(envForm)
              .doesNotContain(keystorePassword).doesNotContain(privateKey);
        });
  }

  @Test
  void withoutTheSanitizingFunctionTheSameEndpointsWouldShowTheKeys(@TempDir Path dir) throws Exception {
    // Control for the test above: show-values=always really exposes values, so masking is ours.
    runner(dir, false).run(
        context -> {
          String out = endpointsAsJson(context);
          assertThat(out).contains(inline).contains(fromEnv).contains(keystorePassword).contains(envForm);
        });
  }

  @Test
  void backsOffWithoutActuator() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class, ThemisActuatorAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ThemisSanitizingFunction.class)
            .hasSingleBean(KeyRingProvider.class));
  }

  @Test
  void recognisesEverySpellingOfSecretProperties() {
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.key-rings.pii.keys[0].value")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.keyRings.pii.keys[0].value")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("THEMIS4J_KEYRINGS_PII_KEYS_0_VALUE")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.key-pair.private-key.keystore.key-password")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("THEMIS4J_KEYPAIR_PRIVATEKEY_KEYSTORE_PASSWORD")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.key-rings.pii.keys[0].env")).isFalse();
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.peers.billing")).isFalse();
    assertThat(ThemisSanitizingFunction.isSecretProperty("other.value")).isFalse();
  }

  private static boolean masked(ThemisSanitizingFunction f, String key, String value) {
    return SanitizableData.SANITIZED_VALUE.equals(f.apply(new SanitizableData(null, key, value)).getValue());
  }

  @Test
  void masksValuesThatCarryThemisSecretsUnderOtherNames() {
    ThemisSanitizingFunction f = new ThemisSanitizingFunction(java.util.Set.of("KSPASS"), java.util.Set.of("s3cr3t-key", "abc"));
    assertThat(masked(f, "sun.java.command", "app.jar --themis4j.key-rings.pii.keys[0].value=xyz")).isTrue();
    assertThat(masked(f, "sun.java.command", "io.github.themis4j.demo.DemoApplication --server.port=1")).isTrue();
    assertThat(masked(f, "sun.java.command", "com.example.App --server.port=1")).isFalse();
    assertThat(masked(f, "SPRING_APPLICATION_JSON",
        "{\"themis4j\":{\"key-rings\":{\"a\":{\"keys\":[{\"id\":\"k\",\"value\":\"xyz\"}]}}}}")).isTrue();
    assertThat(masked(f, "spring.application.json", "{\"themis4j.key-rings.a.keys[0].value\": \"xyz\"}")).isTrue();
    assertThat(masked(f, "JAVA_TOOL_OPTIONS", "-Dthemis4j.key-pair.private-key.keystore.password=pw")).isTrue();
    assertThat(masked(f, "app.copy", "prefix-s3cr3t-key-suffix")).isTrue(); // a known secret inside
    assertThat(masked(f, "app.short", "abc")).isFalse(); // too short to search for
    assertThat(masked(f, "kspass", "anything")).isTrue(); // a referenced name, relaxed
    assertThat(masked(f, "themis4j.kek.vault.token", "t")).isTrue();
    assertThat(masked(f, "java.class.path", "/m2/io/github/themis4j/themis4j-core.jar")).isFalse();
    assertThat(masked(f, "app.greeting", "hello")).isFalse();
  }
}
