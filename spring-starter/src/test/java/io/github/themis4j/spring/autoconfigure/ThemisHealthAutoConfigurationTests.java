package io.github.themis4j.spring.autoconfigure;

import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.b64;
import static io.github.themis4j.spring.autoconfigure.ThemisAutoConfigurationTests.randomKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ThemisHealthAutoConfigurationTests {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class, ThemisHealthAutoConfiguration.class));

  @Test
  void upWithRingDetailsAndNoKeyMaterial() {
    String a = b64(randomKey());
    String b = b64(randomKey());
    KeyPair pair = KeyPair.generate(KeyType.EC);
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=2026-11",
            "themis4j.key-rings.pii.keys[0].id=2026-01",
            "themis4j.key-rings.pii.keys[0].value=" + a,
            "themis4j.key-rings.pii.keys[1].id=2026-11",
            "themis4j.key-rings.pii.keys[1].value=" + b,
            "themis4j.key-pair.private-key.value=" + b64(pair.privateKey().toByteArray()),
            "themis4j.key-pair.public-key.value=" + b64(pair.publicKey().toByteArray()),
            "themis4j.peers.billing=" + b64(KeyPair.generate(KeyType.EC).publicKey().toByteArray()))
        .run(
            context -> {
              Health health = context.getBean("themis4jHealthIndicator", ThemisHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              @SuppressWarnings("unchecked")
              Map<String, Object> pii = (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("keyRings")).get("pii");
              assertThat(pii).containsEntry("active", "2026-11").containsEntry("roundTrip", "ok");
              assertThat(health.getDetails()).containsEntry("keyPair", "EC secp256r1").containsEntry("peers", 1)
                  .doesNotContainKey("devMode");
              assertThat(health.toString()).doesNotContain(a).doesNotContain(b)
                  .doesNotContain(b64(pair.privateKey().toByteArray()));
            });
  }

  @Test
  void downWhenAConfiguredRingCannotBeLoaded() {
    runner
        .withBean(KeyRingProvider.class, () -> name -> {
          throw new UnknownKeyException(name, null, "no key ring named '" + name + "' in the vault");
        })
        .withPropertyValues("themis4j.key-rings.pii.active=x")
        .run(
            context -> {
              Health health = context.getBean(ThemisHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails().toString()).contains("no key ring named 'pii' in the vault");
            });
  }

  @Test
  void devModeIsVisibleInDetails() {
    runner.withPropertyValues("themis4j.dev-mode.enabled=true", "spring.profiles.active=dev").run(
        context -> {
          context.getBean(KeyRingProvider.class).keyRing("default");
          Health health = context.getBean(ThemisHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsKey("devMode");
          assertThat(health.getDetails().get("keyRings").toString()).contains("default");
        });
  }

  @Test
  void canBeDisabled() {
    runner.withPropertyValues("management.health.themis4j.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ThemisHealthIndicator.class));
  }

  @Test
  void backsOffWithoutSpringBootHealth() throws Exception {
    runner.withClassLoader(new FilteredClassLoader(Health.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ThemisHealthIndicator.class)
            .hasSingleBean(KeyRingProvider.class));
    // Without the spring-boot-health jar, Boot drops the auto-configuration before loading its
    // conditions, using the class condition recorded in the generated metadata.
    java.util.Properties metadata = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
      metadata.load(in);
    }
    assertThat(metadata.getProperty(ThemisHealthAutoConfiguration.class.getName() + ".ConditionalOnClass"))
        .isEqualTo(Health.class.getName());
  }

  @Test
  void backsOffForTheUsersOwnIndicator() {
    ThemisHealthIndicator own = new ThemisHealthIndicator(name -> null, java.util.List.of(), null, null, false);
    runner.withBean("themis4jHealthIndicator", ThemisHealthIndicator.class, () -> own)
        .run(context -> assertThat(context.getBean(ThemisHealthIndicator.class)).isSameAs(own));
  }
}
