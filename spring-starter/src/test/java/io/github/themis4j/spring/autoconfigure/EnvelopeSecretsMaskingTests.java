package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.spring.envelope.ThemisEnvelopeAutoConfiguration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The HSM PIN and KEK keystore password of envelope key rings are masked in Actuator's env endpoint. */
class EnvelopeSecretsMaskingTests {
  @Test
  void pinAndKeystorePasswordVariablesAreMasked(@TempDir Path dir) throws Exception {
    String password = "kek-store-password-31337";
    String pin = "hsm-pin-271828";
    Path store = dir.resolve("kek.p12");
    io.github.themis4j.testing.AesKeystores.write(store, password.toCharArray(), "kek");
    Map<String, Object> env = Map.of("KEK_STORE_PW", password, "HSM_PIN", pin);
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThemisEnvelopeAutoConfiguration.class, ThemisAutoConfiguration.class,
            ThemisActuatorAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
        .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
        .withPropertyValues(
            "management.endpoint.env.show-values=always",
            "management.endpoints.web.exposure.include=*",
            "themis4j.kek.type=pkcs12",
            "themis4j.kek.key-label=kek",
            "themis4j.kek.keystore.location=" + store,
            "themis4j.kek.keystore.password-env=KEK_STORE_PW",
            "themis4j.kek.pkcs11.pin-env=HSM_PIN",
            "themis4j.envelope.file.directory=" + dir.resolve("keys"))
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          String out = JsonMapper.builder().build().writeValueAsString(ctx.getBean(EnvironmentEndpoint.class).environment(null));
          assertThat(out).contains("KEK_STORE_PW").contains("HSM_PIN").doesNotContain(password).doesNotContain(pin);
        });
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.kek.pkcs11.pin")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("THEMIS4J_KEK_KEYSTORE_PASSWORD")).isTrue();
    assertThat(ThemisSanitizingFunction.isSecretProperty("themis4j.kek.pkcs11.pin-env")).isFalse();
  }
}
