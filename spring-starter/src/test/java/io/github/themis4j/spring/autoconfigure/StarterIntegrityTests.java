package io.github.themis4j.spring.autoconfigure;

import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.b64;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.randomKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.spring.KeyRingRegistrar;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Configuration mistakes of issue 14 that fail with a message saying what happened. */
class StarterIntegrityTests {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class));

  private static KeyConfigurationException failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    while (t != null && !(t instanceof KeyConfigurationException)) {
      t = t.getCause();
    }
    assertThat(t).as("a KeyConfigurationException in %s", context.getStartupFailure()).isNotNull();
    return (KeyConfigurationException) t;
  }

  @Test
  void aKeyListSplitOverTwoPropertySourcesIsExplained() {
    String fileKey = b64(randomKey());
    String envKey = b64(randomKey());
    runner
        .withInitializer(ctx -> {
          var sources = ctx.getEnvironment().getPropertySources();
          // The environment variable sets keys[0].value only; application.properties (lower) the rest.
          sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                  Map.of("THEMIS4J_KEYRINGS_DEFAULT_KEYS_0_VALUE", envKey)));
          sources.addLast(new MapPropertySource("Config resource 'class path resource [application.properties]'",
              Map.of("themis4j.key-rings.default.active", "a",
                  "themis4j.key-rings.default.keys[0].id", "a",
                  "themis4j.key-rings.default.keys[0].value", fileKey)));
        })
        .run(context -> {
          KeyConfigurationException e = failure(context);
          assertThat(e.property()).isEqualTo("themis4j.key-rings.default.keys[0].id");
          assertThat(e.getMessage()).contains("Key 0 of key ring 'default' has no id.")
              .contains("THEMIS4J_KEYRINGS_DEFAULT_KEYS_0_VALUE")
              .contains("binds the whole list 'keys' from the highest-priority source")
              .doesNotContain(fileKey).doesNotContain(envKey);
          assertThat(e.action()).contains("in one property source");
        });
  }

  @Test
  void aMissingRelativeKeyFileNamesTheAbsolutePath() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].file=secrets/../secrets/pii.key")
        .run(context -> assertThat(failure(context).getMessage())
            .contains("Key file 'secrets/../secrets/pii.key'")
            .contains("resolved to '" + Path.of("secrets/pii.key").toAbsolutePath() + "'"));
  }

  @Test
  void aMissingKeystoreNamesTheAbsolutePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.p12");
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].keystore.location=file:" + missing,
            "themis4j.key-rings.pii.keys[0].keystore.password=pw",
            "themis4j.key-rings.pii.keys[0].keystore.alias=a")
        .run(context -> assertThat(failure(context).getMessage()).contains("resolved to '" + missing + "'"));
  }

  @Test
  void devModeIsRefusedWhenRingsAreConfiguredOrRegistered() {
    runner
        .withPropertyValues("themis4j.dev-mode.enabled=true", "spring.profiles.active=dev",
            "themis4j.key-rings.pii.active=a", "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(context -> assertThat(failure(context).getMessage())
            .contains("Development mode is on, but key rings are configured or registered ([pii])"));
    runner
        .withPropertyValues("themis4j.dev-mode.enabled=true", "spring.profiles.active=dev")
        .withBean(KeyRingRegistrar.class,
            () -> registry -> registry.register(KeyRing.of("vault", "v1", SymmetricKey.generate())))
        .run(context -> assertThat(failure(context).getMessage()).contains("registered ([vault])"));
  }

  @Test
  void devModeWithoutADevelopmentProfileIsRefusedAndMayBeAllowedForAnyProfile() {
    runner
        .withPropertyValues("themis4j.dev-mode.enabled=true", "spring.profiles.active=prod")
        .run(context -> {
          KeyConfigurationException e = failure(context);
          assertThat(e.property()).isEqualTo("themis4j.dev-mode.enabled");
          assertThat(e.getMessage()).contains("none of the profiles [dev, local, test]").contains("active: [prod]");
        });
    runner
        .withPropertyValues("themis4j.dev-mode.enabled=true", "themis4j.dev-mode.profiles=")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(io.github.themis4j.keyring.KeyRingProvider.class).keyRing("x").activeKeyId())
              .isEqualTo(DevModeKeyRingProvider.DEV_KEY_ID);
        });
  }
}
