package io.github.themis4j.spring.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.FileWrappedKeyStore;
import io.github.themis4j.keyring.envelope.Pkcs11Token;
import io.github.themis4j.spring.autoconfigure.KeyConfigurationException;
import io.github.themis4j.spring.autoconfigure.ThemisAutoConfiguration;
import io.github.themis4j.testing.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The envelope auto-configuration against a real SoftHSM2 token (and a PKCS#12 keystore): startup,
 * health, the Actuator operations, and fail-closed startup naming the property.
 */
class ThemisEnvelopeAutoConfigurationTests {
  private static SoftHsm hsm;
  private static String kekA;
  private static String kekB;

  @TempDir Path dir;

  @BeforeAll
  static void keks() {
    hsm = SoftHsm.get();
    Pkcs11Token token = Pkcs11Token.open(SoftHsm.LIBRARY, Pkcs11Token.Slot.id(hsm.slot("starter")), SoftHsm.pin());
    String s = UUID.randomUUID().toString().substring(0, 6);
    kekA = token.generateKek("kek-a-" + s).label();
    kekB = token.generateKek("kek-b-" + s).label();
  }

  private ApplicationContextRunner runner(String token, String pin, String... properties) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThemisEnvelopeAutoConfiguration.class, ThemisAutoConfiguration.class))
        .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("HSM_PIN", pin))))
        .withPropertyValues(
            "themis4j.kek.type=pkcs11",
            "themis4j.kek.pkcs11.library=" + SoftHsm.LIBRARY,
            "themis4j.kek.pkcs11.slot=" + hsm.slot(token),
            "themis4j.kek.pkcs11.pin-env=HSM_PIN",
            "themis4j.envelope.file.directory=" + dir.resolve("keys"),
            "themis4j.envelope.rings=pii,notes",
            "themis4j.envelope.create-missing=true")
        .withPropertyValues(properties);
  }

  @Test
  void hsmKekUnwrapsAtStartupReportsHealthAndRewrapsOverActuator() {
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekA).run(ctx -> {
      assertThat(ctx).hasNotFailed();
      KeyRingProvider provider = ctx.getBean(KeyRingProvider.class);
      assertThat(provider).isInstanceOf(EnvelopeKeyRings.class);
      KeyRing pii = provider.keyRing("pii");
      Health health = ctx.getBean(EnvelopeHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().toString())
          .contains("reachable=true", "pkcs11:object=" + kekA, "unwrapped=true", pii.activeKeyId())
          .doesNotContain(SoftHsm.PIN);

      EnvelopeKeysEndpoint endpoint = ctx.getBean(EnvelopeKeysEndpoint.class);
      String added = (String) endpoint.perform("add-data-key", "pii", null, null).get("keyId");
      assertThat(endpoint.perform("activate", "pii", added, null)).containsEntry("active", added);
      assertThat(provider.keyRing("pii").activeKeyId()).isEqualTo(added);
      Map<String, Object> r = endpoint.perform("rewrap", null, null, kekB);
      assertThat(r).containsEntry("rings", 2).containsEntry("dataKeys", 3).containsEntry("kek", "pkcs11:object=" + kekB);
      assertThat(new FileWrappedKeyStore(dir.resolve("keys")).load("pii").orElseThrow().keys())
          .allMatch(k -> k.kekUri().equals("pkcs11:object=" + kekB));
      assertThat(endpoint.perform("shred", "pii", null, null)).containsKey("error");
      assertThat(endpoint.perform("rewrap", null, null, "no-such-label").get("error").toString()).contains("no key labelled");
      assertThat(endpoint.status().toString()).contains("pii", "notes").doesNotContain(SoftHsm.PIN);
    });
    // restarted under the new KEK label: every ring unwraps
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekB, "themis4j.envelope.create-missing=false").run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx.getBean(EnvelopeKeyRings.class).status()).allMatch(EnvelopeKeyRings.RingStatus::unwrapped);
    });
  }

  @Test
  void wrongPinFailsStartupNamingThePinPropertyAndNotThePin() {
    String wrong = "wrong-" + UUID.randomUUID();
    runner("wrong-pin", wrong, "themis4j.kek.key-label=kek").run(ctx -> {
      KeyConfigurationException e = failure(ctx);
      assertThat(e.property()).isEqualTo("themis4j.kek.pkcs11.pin-env");
      assertThat(e.getMessage()).contains("refused the PIN").doesNotContain(wrong);
      assertThat(analysis(ctx).getDescription()).contains("Property: themis4j.kek.pkcs11.pin-env").doesNotContain(wrong);
    });
  }

  @Test
  void unreachableHsmMissingLabelAndMissingPinNameTheirProperties() {
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekA, "themis4j.kek.pkcs11.library=" + dir.resolve("libgone.so"))
        .run(ctx -> assertThat(failure(ctx).property()).isEqualTo("themis4j.kek.pkcs11.library"));
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekA, "themis4j.kek.pkcs11.slot=4242")
        .run(ctx -> assertThat(failure(ctx).property()).isEqualTo("themis4j.kek.pkcs11.slot"));
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=absent-kek")
        .run(ctx -> {
          assertThat(failure(ctx).property()).isEqualTo("themis4j.kek.key-label");
          assertThat(failure(ctx).getMessage()).contains("no key labelled 'absent-kek'");
        });
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekA, "themis4j.kek.pkcs11.pin-env=NOT_SET_ANYWHERE")
        .run(ctx -> assertThat(failure(ctx).property()).isEqualTo("themis4j.kek.pkcs11.pin-env"));
    runner("starter", SoftHsm.PIN, "themis4j.kek.key-label=" + kekA, "themis4j.key-rings.x.active=a")
        .run(ctx -> assertThat(failure(ctx).property()).isEqualTo("themis4j.key-rings"));
  }

  @Test
  void pkcs12KeystoreWithPasswordFile() throws Exception {
    Path store = dir.resolve("kek.p12");
    io.github.themis4j.testing.AesKeystores.write(store, "p12-password".toCharArray(), "kek-1");
    Path pwFile = Files.writeString(dir.resolve("pw.txt"), "p12-password\n");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThemisEnvelopeAutoConfiguration.class, ThemisAutoConfiguration.class))
        .withPropertyValues(
            "themis4j.kek.type=pkcs12",
            "themis4j.kek.key-label=kek-1",
            "themis4j.kek.keystore.location=" + store,
            "themis4j.kek.keystore.password-file=" + pwFile,
            "themis4j.envelope.file.directory=" + dir.resolve("p12keys"),
            "themis4j.envelope.rings=default",
            "themis4j.envelope.create-missing=true")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(KeyRingProvider.class).keyRing("default").keyIds()).hasSize(1);
          assertThat(ctx.getBean(EnvelopeHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    Files.writeString(pwFile, "wrong-password");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ThemisEnvelopeAutoConfiguration.class, ThemisAutoConfiguration.class))
        .withPropertyValues(
            "themis4j.kek.type=pkcs12",
            "themis4j.kek.key-label=kek-1",
            "themis4j.kek.keystore.location=" + store,
            "themis4j.kek.keystore.password-file=" + pwFile,
            "themis4j.envelope.file.directory=" + dir.resolve("p12keys"))
        .run(ctx -> assertThat(failure(ctx).property()).isEqualTo("themis4j.kek.keystore.password-file"));
  }

  private static KeyConfigurationException failure(AssertableApplicationContext ctx) {
    assertThat(ctx).hasFailed();
    Throwable t = ctx.getStartupFailure();
    while (t != null && !(t instanceof KeyConfigurationException)) {
      t = t.getCause();
    }
    assertThat(t).as("a KeyConfigurationException in %s", ctx.getStartupFailure()).isNotNull();
    return (KeyConfigurationException) t;
  }

  private static FailureAnalysis analysis(AssertableApplicationContext ctx) {
    for (FailureAnalyzer a : SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
        SpringFactoriesLoader.ArgumentResolver.none(),
        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }))) {
      FailureAnalysis fa = a.analyze(ctx.getStartupFailure());
      if (fa != null) {
        return fa;
      }
    }
    throw new AssertionError("no failure analysis");
  }
}
