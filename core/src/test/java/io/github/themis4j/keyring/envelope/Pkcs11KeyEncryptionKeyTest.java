package io.github.themis4j.keyring.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyException.Reason;
import io.github.themis4j.testing.SoftHsm;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PKCS#11 KEKs against a real SoftHSM2 token initialised by the test (see {@link SoftHsm}). */
class Pkcs11KeyEncryptionKeyTest {
  private static SoftHsm hsm;
  private static Pkcs11Token token;

  @TempDir Path dir;

  @BeforeAll
  static void openToken() {
    hsm = SoftHsm.get();
    token = Pkcs11Token.open(SoftHsm.LIBRARY, Pkcs11Token.Slot.id(hsm.slot("main")), SoftHsm.pin());
  }

  private static String label() {
    return "kek-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void wrapsAndUnwrapsInsideTheToken() {
    Pkcs11KeyEncryptionKey kek = token.generateKek(label());
    byte[] dk = new byte[32];
    Arrays.fill(dk, (byte) 7);
    byte[] aad = "ring/key".getBytes(StandardCharsets.US_ASCII);
    byte[] wrapped = kek.wrap(dk, aad);
    assertThat(wrapped).hasSize(1 + 12 + 32 + 16);
    assertThat(kek.unwrap(wrapped, aad)).isEqualTo(dk);
    assertThat(kek.wrap(dk, aad)).isNotEqualTo(wrapped); // random nonce
    // found again by label through a URI, as stored beside data keys
    assertThat(token.resolve(kek.uri()).unwrap(wrapped, aad)).isEqualTo(dk);
    assertThat(kek.toString()).doesNotContain(SoftHsm.PIN);
  }

  @Test
  void wrongAssociatedDataTamperingAndWrongKekFailAsUnwrapFailed() {
    Pkcs11KeyEncryptionKey kek = token.generateKek(label());
    Pkcs11KeyEncryptionKey other = token.generateKek(label());
    byte[] aad = "a".getBytes(StandardCharsets.US_ASCII);
    byte[] wrapped = kek.wrap(new byte[32], aad);
    assertReason(
        () -> kek.unwrap(wrapped, "b".getBytes(StandardCharsets.US_ASCII)), Reason.UNWRAP_FAILED);
    assertReason(() -> other.unwrap(wrapped, aad), Reason.UNWRAP_FAILED);
    for (int i = 0; i < wrapped.length; i += 7) {
      byte[] t = wrapped.clone();
      t[i] ^= 1;
      assertReason(() -> kek.unwrap(t, aad), Reason.UNWRAP_FAILED);
    }
    assertReason(() -> kek.unwrap(Arrays.copyOf(wrapped, 20), aad), Reason.UNWRAP_FAILED);
    assertReason(() -> kek.unwrap(new byte[5000], aad), Reason.UNWRAP_FAILED);
    assertThatThrownBy(() -> kek.unwrap(null, aad)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> kek.wrap(new byte[0], aad))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void wrongPinIsLoginFailedAndNamesNoPin() {
    String wrong = "not-the-pin-4711";
    assertThatThrownBy(
            () ->
                Pkcs11Token.open(
                    SoftHsm.LIBRARY,
                    Pkcs11Token.Slot.id(hsm.slot("wrong-pin")),
                    wrong.toCharArray()))
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LOGIN_FAILED))
        .hasMessageContaining("refused the PIN")
        .message()
        .doesNotContain(wrong);
  }

  @Test
  void missingKeyLabelIsKeyNotFound() {
    assertReason(() -> token.kek("no-such-kek"), Reason.KEY_NOT_FOUND);
    assertReason(() -> token.resolve("pkcs11:object=no-such-kek"), Reason.KEY_NOT_FOUND);
    assertReason(
        () -> token.resolve("aws-kms://arn:aws:kms:eu-west-1:1:key/x"), Reason.KEY_NOT_FOUND);
    assertThatThrownBy(() -> token.kek("bad label\n")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void unloadableLibraryAndAbsentTokenAreUnreachable() throws Exception {
    assertReason(
        () -> Pkcs11Token.open(dir.resolve("libgone.so"), Pkcs11Token.Slot.index(0), SoftHsm.pin()),
        Reason.UNREACHABLE);
    Path notALibrary =
        Files.write(
            dir.resolve("libnot-pkcs11.so"), "not an ELF file".getBytes(StandardCharsets.US_ASCII));
    assertReason(
        () -> Pkcs11Token.open(notALibrary, Pkcs11Token.Slot.index(0), SoftHsm.pin()),
        Reason.UNREACHABLE);
    // a token that is not there (removed): no such slot
    assertReason(
        () -> Pkcs11Token.open(SoftHsm.LIBRARY, Pkcs11Token.Slot.id(4242), SoftHsm.pin()),
        Reason.UNREACHABLE);
    assertReason(
        () -> Pkcs11Token.open(SoftHsm.LIBRARY, Pkcs11Token.Slot.index(99), SoftHsm.pin()),
        Reason.UNREACHABLE);
  }

  @Test
  void envelopeRingsUnderTheHsmRewrapToANewKekWithoutChangingDataKeys() throws Exception {
    Pkcs11KeyEncryptionKey kek1 = token.generateKek(label());
    FileWrappedKeyStore store = new FileWrappedKeyStore(dir);
    EnvelopeKeyRings rings = EnvelopeKeyRings.builder(store, token, kek1).build();
    KeyRing pii = rings.createRing("pii");
    rings.addDataKey("pii");
    rings.createRing("notes");
    byte[] cell =
        SecureCell.sealWithKey(pii.activeKey())
            .encrypt(
                "row".getBytes(StandardCharsets.UTF_8), "ctx".getBytes(StandardCharsets.UTF_8));

    Pkcs11KeyEncryptionKey kek2 = token.generateKek(label());
    EnvelopeKeyRings.RewrapResult r = rings.rewrap(kek2);
    assertThat(r.rings()).isEqualTo(2);
    assertThat(r.dataKeys()).isEqualTo(3);
    assertThat(store.load("pii").orElseThrow().keys())
        .hasSize(2)
        .allMatch(k -> k.kekUri().equals(kek2.uri()));

    // a fresh process: only the token and the rewrapped documents; the old KEK is not even
    // resolvable
    EnvelopeKeyRings restarted =
        EnvelopeKeyRings.builder(
                new FileWrappedKeyStore(dir), KeyEncryptionKeyResolver.of(kek2), kek2)
            .build();
    assertThat(restarted.unwrapAll()).isEqualTo(2);
    assertThat(restarted.keyRing("pii")).isEqualTo(rings.keyRing("pii"));
    assertThat(restarted.keyRing("pii").key(pii.activeKeyId())).isEqualTo(pii.activeKey());
    assertThat(
            SecureCell.sealWithKey(restarted.keyRing("pii").activeKey())
                .decrypt(cell, "ctx".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("row".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void cellUnderAnEnvelopeDataKeyDecryptsWithWasmThemisGivenTheIndependentlyUnwrappedKey()
      throws Exception {
    Pkcs11KeyEncryptionKey kek = token.generateKek(label());
    EnvelopeKeyRings rings =
        EnvelopeKeyRings.builder(new FileWrappedKeyStore(dir), token, kek).build();
    KeyRing ring = rings.createRing("interop");
    byte[] ctx = "patients/diagnosis/42".getBytes(StandardCharsets.UTF_8);
    byte[] data = "J45.909".getBytes(StandardCharsets.UTF_8);
    byte[] cell = SecureCell.sealWithKey(ring.activeKey()).encrypt(data, ctx);

    // Independent reader of the stored document (docs/ENVELOPE-KEYS.md): properties, base64,
    // AES-GCM in the token.
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("interop.properties"))) {
      p.load(in);
    }
    String keyId = p.getProperty("active");
    byte[] wrapped =
        java.util.Base64.getDecoder().decode(p.getProperty("key." + keyId + ".wrapped"));
    assertThat(p.getProperty("key." + keyId + ".kek")).isEqualTo("pkcs11:object=" + kek.label());
    byte[] aad = handBuiltAad("interop", keyId, kek.uri());
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS11", token.provider());
    ks.load(null, SoftHsm.pin());
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
    c.init(
        Cipher.DECRYPT_MODE,
        ks.getKey(kek.label(), null),
        new GCMParameterSpec(128, wrapped, 1, 12));
    c.updateAAD(aad);
    assertThat(wrapped[0]).isEqualTo((byte) 1);
    byte[] dataKey = c.doFinal(wrapped, 13, wrapped.length - 13);
    assertThat(dataKey).hasSize(32);

    WasmThemis wasm = WasmThemis.get();
    assertThat(wasm.call1("cell.seal.decrypt", dataKey, cell, ctx)).isEqualTo(data);
    byte[] theirs = wasm.call1("cell.seal.encrypt", dataKey, data, ctx);
    assertThat(SecureCell.sealWithKey(rings.keyRing("interop").activeKey()).decrypt(theirs, ctx))
        .isEqualTo(data);
  }

  /** The associated data as docs/ENVELOPE-KEYS.md describes it, built by hand. */
  static byte[] handBuiltAad(String ring, String keyId, String kekUri) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes("themis4j-wrapped-data-key/1".getBytes(StandardCharsets.US_ASCII));
    for (String s : new String[] {ring, keyId, kekUri}) {
      out.write(0);
      out.write(s.length());
      out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  static void assertReason(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KeyEncryptionKeyException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}
