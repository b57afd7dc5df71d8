package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.internal.Aes;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.message.SecureMessage;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * Applications often register Bouncy Castle as the first JCA provider. Its AES-GCM streams plaintext
 * out of {@code Cipher.update}, where SunJCE holds it back until {@code doFinal}: decryption must be
 * correct with either (a regression test for silently truncated plaintext).
 */
class ForeignProviderTest {
  // themis-spec.md Appendix A.1: Seal by wasm-themis 0.15.0, key 00..1f, context "KAT context".
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final byte[] CONTEXT = "KAT context".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEAL = HexFormat.of().parseHex(
      "000101400c0000001000000017000000aa3f07f72a4c9a3ead3a52707aabe16efc9cada416172290ab931fc7d74d"
          + "76e17f6b117252955887ffb6fb9e00b10bf36be39e");

  @Test
  void everyGcmPathIsCorrectWithBouncyCastleFirst() throws Exception {
    Security.insertProviderAt(new BouncyCastleProvider(), 1);
    try {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          // a fresh thread gets fresh thread-local ciphers, from the provider now first in line
          assertThat(Aes.gcm().getProvider().getName()).isEqualTo("BC");
          SecureCell.Seal seal = SecureCell.sealWithKey(SymmetricKey.fromBytes(KEY));
          assertThat(new String(seal.decrypt(SEAL, CONTEXT), StandardCharsets.UTF_8))
              .isEqualTo("Themis 0.15 KAT message");

          byte[] big = new byte[100_000];
          new java.util.Random(1).nextBytes(big);
          assertThat(seal.decrypt(seal.encrypt(big, CONTEXT), CONTEXT)).isEqualTo(big);

          SecureCell.TokenProtect tp = SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(KEY));
          TokenProtectedData d = tp.encrypt(big, CONTEXT);
          assertThat(tp.decrypt(d.ciphertext(), d.token(), CONTEXT)).isEqualTo(big);

          KeyPair a = KeyPair.generate(KeyType.EC);
          KeyPair b = KeyPair.generate(KeyType.EC);
          byte[] m = new SecureMessage(a.privateKey(), b.publicKey()).encrypt(big);
          assertThat(new SecureMessage(b.privateKey(), a.publicKey()).decrypt(m)).isEqualTo(big);

          byte[] tampered = seal.encrypt(big, CONTEXT);
          tampered[tampered.length - 1] ^= 1;
          assertThatThrownBy(() -> seal.decrypt(tampered, CONTEXT))
              .isInstanceOf(AuthenticationFailedException.class);
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      t.start();
      t.join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
    } finally {
      Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
    }
  }
}
