package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.spring.KeyRingRegistrar;
import io.github.themis4j.spring.PeerPublicKeys;
import io.github.themis4j.spring.UnknownPeerException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Key management: every key source, validation failures with their messages, back-off, dev mode. */
@ExtendWith(OutputCaptureExtension.class)
class ThemisAutoConfigurationTests {
  private static final Random RANDOM = new Random(20261128);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class));

  static byte[] randomKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static ApplicationContextRunner withEnvironmentVariables(
      ApplicationContextRunner runner, Map<String, Object> variables) {
    return runner.withInitializer(
        ctx ->
            ctx.getEnvironment()
                .getPropertySources()
                .replace(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }

  /** Asserts that {@code ring} holds exactly {@code key} under {@code id} by a Secure Cell round trip. */
  private static void assertKey(KeyRing ring, String id, byte[] key) {
    byte[] sealed = SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).encrypt("probe".getBytes(StandardCharsets.UTF_8));
    assertThat(SecureCell.sealWithKey(ring.key(id)).decrypt(sealed)).asString().isEqualTo("probe");
    assertThat(ring.key(id)).isEqualTo(SymmetricKey.fromBytes(key));
  }

  private static KeyConfigurationException configurationFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    while (t != null && !(t instanceof KeyConfigurationException)) {
      t = t.getCause();
    }
    assertThat(t).as("a KeyConfigurationException in the cause chain of %s", context.getStartupFailure())
        .isNotNull();
    return (KeyConfigurationException) t;
  }

  private static FailureAnalysis analysis(AssertableApplicationContext context) {
    FailureAnalysis analysis = new KeyConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).isNotNull();
    return analysis;
  }

  // --- defaults -------------------------------------------------------------------------------

  @Test
  void defaultsGiveEmptyKeyRingsNoKeyPairAndNoPeers() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(KeyRingProvider.class).doesNotHaveBean(KeyPair.class);
          assertThat(context).hasSingleBean(PeerPublicKeys.class);
          KeyRingProvider provider = context.getBean(KeyRingProvider.class);
          assertThatThrownBy(() -> provider.keyRing("default"))
              .isInstanceOf(UnknownKeyException.class)
              .hasMessageContaining("default");
          assertThat(context.getBean(PeerPublicKeys.class).ids()).isEmpty();
        });
  }

  // --- key sources ----------------------------------------------------------------------------

  @Test
  void inlineBase64ValuesMakeAKeyRingWithItsActiveKey() {
    byte[] old = randomKey();
    byte[] current = randomKey();
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=2026-11",
            "themis4j.key-rings.pii.keys[0].id=2026-01",
            "themis4j.key-rings.pii.keys[0].value=" + b64(old),
            "themis4j.key-rings.pii.keys[1].id=2026-11",
            "themis4j.key-rings.pii.keys[1].value=" + b64(current),
            "themis4j.key-rings.payments.active=p1",
            "themis4j.key-rings.payments.keys[0].id=p1",
            "themis4j.key-rings.payments.keys[0].value=" + Base64.getUrlEncoder().encodeToString(current))
        .run(
            context -> {
              KeyRingProvider provider = context.getBean(KeyRingProvider.class);
              KeyRing pii = provider.keyRing("pii");
              assertThat(pii.keyIds()).containsExactly("2026-01", "2026-11");
              assertThat(pii.activeKeyId()).isEqualTo("2026-11");
              assertKey(pii, "2026-01", old);
              assertKey(pii, "2026-11", current);
              assertKey(provider.keyRing("payments"), "p1", current);
            });
  }

  @Test
  void environmentVariableSource() {
    byte[] key = randomKey();
    withEnvironmentVariables(runner, Map.of("PII_KEY_2026", b64(key) + "\n"))
        .withPropertyValues(
            "themis4j.key-rings.pii.active=k1",
            "themis4j.key-rings.pii.keys[0].id=k1",
            "themis4j.key-rings.pii.keys[0].env=PII_KEY_2026")
        .run(context -> assertKey(context.getBean(KeyRingProvider.class).keyRing("pii"), "k1", key));
  }

  @Test
  void fileSourceRawBase64AndClasspath(@TempDir Path dir) throws Exception {
    byte[] raw = randomKey();
    byte[] encoded = randomKey();
    Path rawFile = Files.write(dir.resolve("raw.key"), raw);
    Path textFile = Files.writeString(dir.resolve("b64.key"), b64(encoded) + "\n");
    runner
        .withPropertyValues(
            "themis4j.key-rings.files.active=raw",
            "themis4j.key-rings.files.keys[0].id=raw",
            "themis4j.key-rings.files.keys[0].file=" + rawFile,
            "themis4j.key-rings.files.keys[1].id=b64",
            "themis4j.key-rings.files.keys[1].file=" + textFile.toUri(),
            "themis4j.key-rings.files.keys[1].encoding=base64",
            "themis4j.key-rings.files.keys[2].id=cp",
            "themis4j.key-rings.files.keys[2].file=classpath:keys/test-ring.b64",
            "themis4j.key-rings.files.keys[2].encoding=BASE64")
        .run(
            context -> {
              KeyRing ring = context.getBean(KeyRingProvider.class).keyRing("files");
              assertKey(ring, "raw", raw);
              assertKey(ring, "b64", encoded);
              byte[] cp = Base64.getDecoder().decode(
                  new String(getClass().getResourceAsStream("/keys/test-ring.b64").readAllBytes(),
                      StandardCharsets.US_ASCII).trim());
              assertKey(ring, "cp", cp);
            });
  }

  static Path keystore(Path dir, String storePassword, Map<String, byte[]> entries, String entryPassword)
      throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      ks.setEntry(e.getKey(), new KeyStore.SecretKeyEntry(new SecretKeySpec(e.getValue(), "AES")),
          new KeyStore.PasswordProtection(entryPassword.toCharArray()));
    }
    Path file = dir.resolve("keys-" + RANDOM.nextInt(1_000_000) + ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, storePassword.toCharArray());
    }
    return file;
  }

  @Test
  void pkcs12KeystoreSource(@TempDir Path dir) throws Exception {
    byte[] a = randomKey();
    byte[] b = randomKey();
    Path store = keystore(dir, "store-pw", Map.of("pii-a", a), "store-pw");
    Path separate = keystore(dir, "store-pw", Map.of("pii-b", b), "entry-pw");
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].keystore.location=" + store,
            "themis4j.key-rings.pii.keys[0].keystore.password=store-pw",
            "themis4j.key-rings.pii.keys[0].keystore.alias=pii-a",
            "themis4j.key-rings.pii.keys[1].id=b",
            "themis4j.key-rings.pii.keys[1].keystore.location=file:" + separate,
            "themis4j.key-rings.pii.keys[1].keystore.password=store-pw",
            "themis4j.key-rings.pii.keys[1].keystore.key-password=entry-pw",
            "themis4j.key-rings.pii.keys[1].keystore.alias=pii-b")
        .run(
            context -> {
              KeyRing ring = context.getBean(KeyRingProvider.class).keyRing("pii");
              assertKey(ring, "a", a);
              assertKey(ring, "b", b);
            });
  }

  @Test
  void keystoreWithWrongPasswordNamesThePasswordProperty(@TempDir Path dir) throws Exception {
    Path store = keystore(dir, "right", Map.of("k", randomKey()), "right");
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].keystore.location=" + store,
            "themis4j.key-rings.pii.keys[0].keystore.password=wrong-secret",
            "themis4j.key-rings.pii.keys[0].keystore.alias=k")
        .run(
            context -> {
              KeyConfigurationException e = configurationFailure(context);
              assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[0].keystore.password");
              assertThat(analysis(context).getDescription()).doesNotContain("wrong-secret");
            });
  }

  @Test
  void keystoreEntryPasswordAndAliasFailures(@TempDir Path dir) throws Exception {
    Path store = keystore(dir, "pw", Map.of("k", randomKey()), "other");
    String[] base = {
      "themis4j.key-rings.pii.active=a",
      "themis4j.key-rings.pii.keys[0].id=a",
      "themis4j.key-rings.pii.keys[0].keystore.location=" + store,
      "themis4j.key-rings.pii.keys[0].keystore.password=pw"
    };
    runner.withPropertyValues(base).withPropertyValues("themis4j.key-rings.pii.keys[0].keystore.alias=k")
        .run(context -> assertThat(configurationFailure(context).action()).contains(".key-password"));
    runner.withPropertyValues(base).withPropertyValues("themis4j.key-rings.pii.keys[0].keystore.alias=nope")
        .run(context -> {
          KeyConfigurationException e = configurationFailure(context);
          assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[0].keystore.alias");
          assertThat(e.getMessage()).contains("no entry 'nope'");
        });
    runner.withPropertyValues(base)
        .run(context -> assertThat(configurationFailure(context).property())
            .isEqualTo("themis4j.key-rings.pii.keys[0].keystore.alias"));
    runner.withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].keystore.location=" + dir.resolve("missing.p12"),
            "themis4j.key-rings.pii.keys[0].keystore.password=pw",
            "themis4j.key-rings.pii.keys[0].keystore.alias=k")
        .run(context -> assertThat(configurationFailure(context).property())
            .isEqualTo("themis4j.key-rings.pii.keys[0].keystore.location"));
  }

  @Test
  void registrarsContributeKeyRings() {
    SymmetricKey key = SymmetricKey.generate();
    runner
        .withBean("vault", KeyRingRegistrar.class, () -> registry -> registry.register(KeyRing.of("vault", "v1", key)))
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(
            context -> {
              KeyRingProvider provider = context.getBean(KeyRingProvider.class);
              assertThat(provider.keyRing("vault").activeKey()).isEqualTo(key);
              assertThat(provider.keyRing("pii").activeKeyId()).isEqualTo("a");
            });
  }

  @Test
  void registrarRingClashingWithAConfiguredRingFails() {
    runner
        .withBean("vault", KeyRingRegistrar.class,
            () -> registry -> registry.register(KeyRing.of("pii", "v1", SymmetricKey.generate())))
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-rings.pii"));
  }

  // --- key pair and peers ---------------------------------------------------------------------

  @Test
  void keyPairAndPeersFromProperties(@TempDir Path dir) throws Exception {
    KeyPair own = KeyPair.generate(KeyType.EC);
    KeyPair peer = KeyPair.generate(KeyType.EC);
    KeyPair rsaPeer = KeyPair.generate(KeyType.RSA);
    Path publicFile = Files.write(dir.resolve("own.pub"), own.publicKey().toByteArray());
    withEnvironmentVariables(runner, Map.of("OWN_PRIVATE_KEY", b64(own.privateKey().toByteArray())))
        .withPropertyValues(
            "themis4j.key-pair.private-key.env=OWN_PRIVATE_KEY",
            "themis4j.key-pair.public-key.file=" + publicFile,
            "themis4j.peers.billing=" + b64(peer.publicKey().toByteArray()),
            "themis4j.peers[legacy.example.com]=" + b64(rsaPeer.publicKey().toByteArray()))
        .run(
            context -> {
              KeyPair pair = context.getBean(KeyPair.class);
              assertThat(pair.privateKey().toByteArray()).isEqualTo(own.privateKey().toByteArray());
              assertThat(pair.publicKey().toByteArray()).isEqualTo(own.publicKey().toByteArray());
              PeerPublicKeys peers = context.getBean(PeerPublicKeys.class);
              assertThat(peers.ids()).containsExactly("billing", "legacy.example.com");
              assertThat(peers.require("billing").toByteArray()).isEqualTo(peer.publicKey().toByteArray());
              assertThat(peers.require("legacy.example.com").type()).isEqualTo(KeyType.RSA);
              assertThat(peers.find("nobody")).isEmpty();
              assertThatThrownBy(() -> peers.require("nobody")).isInstanceOf(UnknownPeerException.class);
            });
  }

  @Test
  void keyPairFromKeystoreEntries(@TempDir Path dir) throws Exception {
    KeyPair own = KeyPair.generate(KeyType.EC);
    // The private key as base64 text in a password-style entry, as 'keytool -importpass' stores it;
    // the public key as raw bytes in a plain secret key entry.
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    javax.crypto.SecretKey text = javax.crypto.SecretKeyFactory.getInstance("PBE")
        .generateSecret(new javax.crypto.spec.PBEKeySpec(b64(own.privateKey().toByteArray()).toCharArray()));
    ks.setEntry("own-private", new KeyStore.SecretKeyEntry(text), new KeyStore.PasswordProtection("pw".toCharArray()));
    ks.setEntry("own-public", new KeyStore.SecretKeyEntry(new SecretKeySpec(own.publicKey().toByteArray(), "AES")),
        new KeyStore.PasswordProtection("pw".toCharArray()));
    Path file = dir.resolve("pair.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, "pw".toCharArray());
    }
    runner
        .withPropertyValues(
            "themis4j.key-pair.private-key.keystore.location=" + file,
            "themis4j.key-pair.private-key.keystore.password=pw",
            "themis4j.key-pair.private-key.keystore.alias=own-private",
            "themis4j.key-pair.private-key.encoding=base64",
            "themis4j.key-pair.public-key.keystore.location=" + file,
            "themis4j.key-pair.public-key.keystore.password=pw",
            "themis4j.key-pair.public-key.keystore.alias=own-public")
        .run(
            context -> {
              KeyPair pair = context.getBean(KeyPair.class);
              assertThat(pair.privateKey().toByteArray()).isEqualTo(own.privateKey().toByteArray());
              assertThat(pair.publicKey().toByteArray()).isEqualTo(own.publicKey().toByteArray());
            });
  }

  @Test
  void mismatchedKeyPairIsRefused() {
    KeyPair a = KeyPair.generate(KeyType.EC);
    KeyPair b = KeyPair.generate(KeyType.EC);
    String secret = b64(a.privateKey().toByteArray());
    runner
        .withPropertyValues(
            "themis4j.key-pair.private-key.value=" + secret,
            "themis4j.key-pair.public-key.value=" + b64(b.publicKey().toByteArray()))
        .run(
            context -> {
              assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-pair.public-key");
              assertThat(analysis(context).getDescription()).contains("not one key pair").doesNotContain(secret);
            });
  }

  @Test
  void halfConfiguredKeyPairNamesTheMissingHalf() {
    runner
        .withPropertyValues("themis4j.key-pair.private-key.value=" + b64(KeyPair.generate(KeyType.EC).privateKey().toByteArray()))
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-pair.public-key"));
  }

  @Test
  void undecodableKeyPairAndPeerKeysAreRefused() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    runner
        .withPropertyValues(
            "themis4j.key-pair.private-key.value=" + b64(pair.publicKey().toByteArray()),
            "themis4j.key-pair.public-key.value=" + b64(pair.publicKey().toByteArray()))
        .run(context -> {
          KeyConfigurationException e = configurationFailure(context);
          assertThat(e.property()).isEqualTo("themis4j.key-pair.private-key");
          assertThat(e.getMessage()).contains("not a Themis private key");
        });
    runner.withPropertyValues("themis4j.peers.billing=" + b64(randomKey()))
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.peers[billing]"));
    runner.withPropertyValues("themis4j.peers.billing=not*base64")
        .run(context -> assertThat(configurationFailure(context).getMessage()).contains("not valid base64"));
  }

  // --- validation failures --------------------------------------------------------------------

  @Test
  void keyWithoutSourceFails() {
    runner
        .withPropertyValues("themis4j.key-rings.pii.active=a", "themis4j.key-rings.pii.keys[0].id=a")
        .run(
            context -> {
              KeyConfigurationException e = configurationFailure(context);
              assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[0]");
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription()).contains("No key source is configured for 'themis4j.key-rings.pii.keys[0]'");
              assertThat(analysis.getAction()).contains("themis4j.key-rings.pii.keys[0].value")
                  .contains("themis4j.key-rings.pii.keys[0].env");
            });
  }

  @Test
  void twoSourcesForOneKeyFail() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()),
            "themis4j.key-rings.pii.keys[0].env=X")
        .run(context -> assertThat(analysis(context).getAction())
            .contains("themis4j.key-rings.pii.keys[0].value").contains("themis4j.key-rings.pii.keys[0].env"));
  }

  @Test
  void undecodableBase64FailsWithoutEchoingTheValue() {
    String almostKey = b64(randomKey()).substring(0, 20) + "!!secret-ish!!";
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + almostKey)
        .run(
            context -> {
              KeyConfigurationException e = configurationFailure(context);
              assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[0].value");
              assertThat(e.getMessage()).contains("not valid base64");
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(almostKey.substring(0, 20));
            });
  }

  @Test
  void tooShortKeyFails() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64("password".getBytes(StandardCharsets.UTF_8)))
        .run(context -> assertThat(configurationFailure(context).getMessage()).contains("8 bytes long"));
  }

  @Test
  void duplicateKeyIdsFail() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()),
            "themis4j.key-rings.pii.keys[1].id=a",
            "themis4j.key-rings.pii.keys[1].value=" + b64(randomKey()))
        .run(
            context -> {
              KeyConfigurationException e = configurationFailure(context);
              assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[1].id");
              assertThat(e.getMessage()).contains("two keys with id 'a'");
            });
  }

  @Test
  void missingActiveKeyFails() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.keys[0].id=a", "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(
            context -> {
              assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-rings.pii.active");
              assertThat(analysis(context).getAction()).contains("Set 'themis4j.key-rings.pii.active'").contains("[a]");
            });
  }

  @Test
  void activeKeyNotInRingFails() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=b",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(context -> assertThat(configurationFailure(context).getMessage()).contains("names active key 'b'"));
  }

  @Test
  void ringWithoutKeysFails() {
    runner
        .withPropertyValues("themis4j.key-rings.pii.active=a")
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-rings.pii.keys"));
  }

  @Test
  void missingIdAndBadIdFail() {
    runner
        .withPropertyValues("themis4j.key-rings.pii.active=a", "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-rings.pii.keys[0].id"));
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a b",
            "themis4j.key-rings.pii.keys[0].id=a b",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()))
        .run(context -> assertThat(configurationFailure(context).getMessage()).contains("Key id 'a b'"));
  }

  @Test
  void unsetEnvironmentVariableFails() {
    withEnvironmentVariables(runner, Map.of())
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].env=THEMIS4J_TEST_UNSET_VARIABLE")
        .run(context -> {
          KeyConfigurationException e = configurationFailure(context);
          assertThat(e.property()).isEqualTo("themis4j.key-rings.pii.keys[0].env");
          assertThat(analysis(context).getAction()).contains("THEMIS4J_TEST_UNSET_VARIABLE");
        });
  }

  @Test
  void missingOrEmptyOrHugeFileFails(@TempDir Path dir) throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Path huge = Files.write(dir.resolve("huge"), new byte[KeyMaterialLoader.MAX_KEY_FILE_BYTES + 1]);
    for (Path p : new Path[] {dir.resolve("missing"), empty, huge}) {
      runner
          .withPropertyValues(
              "themis4j.key-rings.pii.active=a",
              "themis4j.key-rings.pii.keys[0].id=a",
              "themis4j.key-rings.pii.keys[0].file=" + p)
          .run(context -> assertThat(configurationFailure(context).property()).startsWith("themis4j.key-rings.pii.keys[0]"));
    }
  }

  @Test
  void encodingWithInlineValueIsRejected() {
    runner
        .withPropertyValues(
            "themis4j.key-rings.pii.active=a",
            "themis4j.key-rings.pii.keys[0].id=a",
            "themis4j.key-rings.pii.keys[0].value=" + b64(randomKey()),
            "themis4j.key-rings.pii.keys[0].encoding=raw")
        .run(context -> assertThat(configurationFailure(context).property()).isEqualTo("themis4j.key-rings.pii.keys[0].encoding"));
  }

  // --- back-off -------------------------------------------------------------------------------

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    static final KeyRings RINGS = KeyRings.of(KeyRing.of("user", "u1", SymmetricKey.generate()));
    static final KeyPair PAIR = KeyPair.generate(KeyType.EC);

    @Bean
    KeyRingProvider userKeyRings() {
      return RINGS;
    }

    @Bean
    KeyPair userKeyPair() {
      return PAIR;
    }

    @Bean
    PeerPublicKeys userPeers() {
      return PeerPublicKeys.of(Map.of("x", PAIR.publicKey()));
    }
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnBeans() {
    runner
        .withUserConfiguration(UserBeans.class)
        // Properties that would fail validation are not even read when the user's beans win.
        .withPropertyValues("themis4j.key-rings.pii.active=missing", "themis4j.key-pair.private-key.value=!!")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KeyRingProvider.class)).isSameAs(UserBeans.RINGS);
              assertThat(context.getBean(KeyPair.class)).isSameAs(UserBeans.PAIR);
              assertThat(context.getBean(PeerPublicKeys.class).ids()).containsExactly("x");
            });
  }

  // --- development mode -----------------------------------------------------------------------

  @Test
  void devModeGeneratesThrowawayKeysAndSaysSoLoudly(CapturedOutput output) {
    runner
        .withPropertyValues("themis4j.dev-mode.enabled=true", "spring.profiles.active=local")
        .run(
            context -> {
              assertThat(output).contains("DEVELOPMENT MODE is ON");
              KeyRingProvider provider = context.getBean(KeyRingProvider.class);
              KeyRing generated = provider.keyRing("default");
              assertThat(generated.activeKeyId()).isEqualTo(DevModeKeyRingProvider.DEV_KEY_ID);
              assertThat(provider.keyRing("default")).isSameAs(generated);
              assertThat(output).contains("THROWAWAY key for key ring 'default'");
              KeyPair pair = context.getBean(KeyPair.class);
              assertThat(pair.privateKey().type()).isEqualTo(KeyType.EC);
              assertThat(output).contains("THROWAWAY EC key pair");
              // Generated key material never reaches the log.
              assertThat(output).doesNotContain(b64(generated.activeKey().toByteArray()))
                  .doesNotContain(b64(pair.privateKey().toByteArray()));
            });
  }

  @Test
  void withoutDevModeNothingIsGenerated(CapturedOutput output) {
    runner.run(
        context -> {
          assertThatThrownBy(() -> context.getBean(KeyRingProvider.class).keyRing("default"))
              .isInstanceOf(UnknownKeyException.class);
          assertThat(context).doesNotHaveBean(KeyPair.class);
          assertThat(output).doesNotContain("DEVELOPMENT MODE");
        });
  }

  @Test
  void toStringsNeverShowKeyMaterial() {
    String value = b64(randomKey());
    Map<String, String> map = Map.of(
        "themis4j.key-rings.pii.active", "a",
        "themis4j.key-rings.pii.keys[0].id", "a",
        "themis4j.key-rings.pii.keys[0].value", value,
        "themis4j.key-rings.pii.keys[1].id", "b",
        "themis4j.key-rings.pii.keys[1].keystore.location", "/nonexistent.p12",
        "themis4j.key-rings.pii.keys[1].keystore.password", "hunter2",
        "themis4j.key-rings.pii.keys[1].keystore.alias", "b",
        "themis4j.key-pair.private-key.value", value);
    ThemisProperties properties =
        new Binder(new MapConfigurationPropertySource(map)).bind("themis4j", ThemisProperties.class).get();
    assertThat(properties.toString())
        .contains("pii")
        .contains("value=<redacted>")
        .contains("/nonexistent.p12")
        .doesNotContain(value)
        .doesNotContain("hunter2");
  }
}
