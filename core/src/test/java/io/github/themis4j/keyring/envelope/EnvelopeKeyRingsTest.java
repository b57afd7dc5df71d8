package io.github.themis4j.keyring.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException.Reason;
import io.github.themis4j.testing.AesKeystores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envelope key rings with a PKCS#12 KEK and the file store (no HSM needed). */
class EnvelopeKeyRingsTest {
  private static final char[] PASSWORD = "keystore-pw".toCharArray();

  @TempDir Path dir;
  private Path keystore;
  private SecretKey rawKek1;

  @BeforeEach
  void keystore() throws Exception {
    keystore = dir.resolve("kek.p12");
    rawKek1 = AesKeystores.write(keystore, PASSWORD, "kek-1", "kek-2").get("kek-1");
  }

  private EnvelopeKeyRings rings(Path store, String kek) {
    KeyEncryptionKeyResolver resolver = Pkcs12KeyEncryptionKey.resolver(keystore, PASSWORD);
    return EnvelopeKeyRings.builder(
            new FileWrappedKeyStore(store),
            resolver,
            resolver.resolve(Pkcs12KeyEncryptionKey.uriOf(kek)))
        .build();
  }

  @Test
  void dataKeysAreStoredOnlyWrappedAndReadBackByAnIndependentReader() throws Exception {
    EnvelopeKeyRings rings = rings(dir.resolve("keys"), "kek-1");
    KeyRing pii = rings.createRing("pii");
    String doc = Files.readString(dir.resolve("keys/pii.properties"));
    byte[] dk = pii.activeKey().toByteArray();
    assertThat(doc)
        .doesNotContain(Base64.getEncoder().encodeToString(dk))
        .contains("format=themis4j-wrapped-key-ring/1");

    Properties p = new Properties();
    p.load(new java.io.StringReader(doc));
    String id = p.getProperty("active");
    assertThat(id).matches("dk-[0-9a-f]{12}");
    byte[] wrapped = Base64.getDecoder().decode(p.getProperty("key." + id + ".wrapped"));
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, rawKek1, new GCMParameterSpec(128, wrapped, 1, 12));
    c.updateAAD(Pkcs11KeyEncryptionKeyTest.handBuiltAad("pii", id, "pkcs12:alias=kek-1"));
    assertThat(c.doFinal(wrapped, 13, wrapped.length - 13)).isEqualTo(dk);
  }

  @Test
  void unwrapsOncePerDataKeyNotPerUse() {
    EnvelopeKeyRings writer = rings(dir, "kek-1");
    writer.createRing("a");
    writer.addDataKey("a");
    writer.createRing("b");
    EnvelopeKeyRings reader = rings(dir, "kek-1");
    assertThat(reader.unwrapCount()).isZero();
    for (int i = 0; i < 1000; i++) {
      reader.keyRing("a").activeKey();
      reader.keyRing("b");
    }
    assertThat(reader.unwrapCount()).isEqualTo(3);
    assertThat(reader.status()).allMatch(EnvelopeKeyRings.RingStatus::unwrapped);
  }

  @Test
  void wrappedKeyMovedToAnotherRingOrIdFailsToUnwrap() throws Exception {
    EnvelopeKeyRings rings = rings(dir, "kek-1");
    rings.createRing("a");
    rings.createRing("b");
    String a = Files.readString(dir.resolve("a.properties"));
    String idA = FileWrappedKeyStore.parse(a, "a", "a").activeKeyId();
    String idB = rings.keyRing("b").activeKeyId();
    // b's document carrying a's wrapped key under b's id
    WrappedKeyRing stolen =
        WrappedKeyRing.of(
            "b",
            idB,
            java.util.List.of(
                new WrappedDataKey(
                    idB,
                    "pkcs12:alias=kek-1",
                    FileWrappedKeyStore.parse(a, "a", "a").key(idA).orElseThrow().wrapped(),
                    Instant.now())));
    new FileWrappedKeyStore(dir).update(stolen);
    assertThatThrownBy(() -> rings(dir, "kek-1").keyRing("b"))
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNWRAP_FAILED));
  }

  @Test
  void addActivateRewrapAndShred() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-12-04T19:00:00Z"), ZoneOffset.UTC);
    KeyEncryptionKeyResolver resolver = Pkcs12KeyEncryptionKey.resolver(keystore, PASSWORD);
    EnvelopeKeyRings rings =
        EnvelopeKeyRings.builder(
                new FileWrappedKeyStore(dir), resolver, resolver.resolve("pkcs12:alias=kek-1"))
            .clock(clock)
            .build();
    KeyRing first = rings.createRing("t1");
    String second = rings.addDataKey("t1");
    assertThat(rings.keyRing("t1").activeKeyId()).isEqualTo(first.activeKeyId());
    rings.activate("t1", second);
    assertThat(rings.keyRing("t1").activeKeyId()).isEqualTo(second);
    assertThatThrownBy(() -> rings.activate("t1", "dk-000000000000"))
        .isInstanceOf(UnknownKeyException.class);

    KeyRing before = rings.keyRing("t1");
    assertThat(rings.rewrap(resolver.resolve("pkcs12:alias=kek-2")).dataKeys()).isEqualTo(2);
    assertThat(rings.rewrap(resolver.resolve("pkcs12:alias=kek-2")).dataKeys())
        .isZero(); // idempotent
    assertThat(rings(dir, "kek-2").keyRing("t1")).isEqualTo(before);

    rings.createRing("t2");
    assertThat(rings.shred("t1")).isTrue();
    assertThat(rings.shred("t1")).isFalse();
    assertThat(Files.readString(dir.resolve("t1.properties")))
        .doesNotContain(".wrapped=")
        .doesNotContain(".kek=")
        .contains("shredded=2026-12-04T19\\:00\\:00Z");
    assertThatThrownBy(() -> rings.keyRing("t1"))
        .isInstanceOf(KeyShreddedException.class)
        .hasMessageContaining("'t1' were shredded at 2026-12-04T19:00:00Z");
    assertThatThrownBy(() -> rings(dir, "kek-2").keyRing("t1"))
        .isInstanceOf(KeyShreddedException.class);
    assertThatThrownBy(() -> rings.addDataKey("t1")).isInstanceOf(KeyShreddedException.class);
    assertThatThrownBy(() -> rings.createRing("t1")).isInstanceOf(KeyShreddedException.class);
    assertThat(rings(dir, "kek-2").keyRing("t2")).isNotNull();
    assertThat(rings(dir, "kek-2").unwrapAll()).isEqualTo(1);
    assertThat(rings.status())
        .anyMatch(s -> s.name().equals("t1") && s.shredded() && s.keyIds().isEmpty());
  }

  @Test
  void createOnFirstUseAndUnknownRings() {
    assertThatThrownBy(() -> rings(dir, "kek-1").keyRing("nope"))
        .isInstanceOf(UnknownKeyException.class)
        .isNotInstanceOf(KeyShreddedException.class);
    KeyEncryptionKeyResolver resolver = Pkcs12KeyEncryptionKey.resolver(keystore, PASSWORD);
    AtomicInteger created = new AtomicInteger();
    EnvelopeKeyRings auto =
        EnvelopeKeyRings.builder(
                new FileWrappedKeyStore(dir), resolver, resolver.resolve("pkcs12:alias=kek-1"))
            .createOnFirstUse(true)
            .build();
    KeyRing t = auto.keyRing("tenant-a");
    assertThat(rings(dir, "kek-1").keyRing("tenant-a")).isEqualTo(t);
    assertThat(
            new FileWrappedKeyStore(dir).create(WrappedKeyRing.shredded("tenant-a", Instant.now())))
        .isFalse();
    assertThat(created).hasValue(0);
  }

  @Test
  void keystoreFailuresAreClear() throws Exception {
    assertThatThrownBy(() -> Pkcs12KeyEncryptionKey.load(keystore, "wrong".toCharArray(), "kek-1"))
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LOGIN_FAILED))
        .message()
        .doesNotContain("wrong")
        .doesNotContain("keystore-pw");
    assertThatThrownBy(() -> Pkcs12KeyEncryptionKey.load(keystore, PASSWORD, "kek-9"))
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
    assertThatThrownBy(
            () -> Pkcs12KeyEncryptionKey.load(dir.resolve("missing.p12"), PASSWORD, "kek-1"))
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
    Files.writeString(
        dir.resolve("bad.properties"),
        "format=themis4j-wrapped-key-ring/1\nring=bad\nactive=dk-1\nkeys=dk-1\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new FileWrappedKeyStore(dir).load("bad"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("key.dk-1.kek");
    Files.writeString(dir.resolve("other.properties"), "format=x\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new FileWrappedKeyStore(dir).load("other"))
        .isInstanceOf(MalformedDataException.class);
  }
}
