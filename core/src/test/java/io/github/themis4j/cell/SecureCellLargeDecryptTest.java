package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decryption of large cells stages ciphertext and tag in a buffer reused by the thread (64 KiB to
 * 4 MiB; internal.CellFormat). One thread decrypts cells of growing and shrinking sizes around both
 * limits, so the buffer is reused with stale bytes beyond the current message, and tampering must
 * still be caught after reuse.
 */
class SecureCellLargeDecryptTest {
  private static final int[] SIZES = {
    70_000, 1 << 20, 100_000, 65_519, 65_520, 65_536, 200, (4 << 20) - 16, (4 << 20) + 1, 80_000
  };

  private final Random random = new Random(20261128);
  private final SymmetricKey key = SymmetricKey.fromBytes(bytes(32));
  private final SecureCell.Seal seal = SecureCell.sealWithKey(key);
  private final SecureCell.TokenProtect tokenProtect = SecureCell.tokenProtectWithKey(key);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void sealRoundTripsAcrossSizesOnOneThread() {
    for (int n : SIZES) {
      byte[] data = bytes(n);
      byte[] context = ("row " + n).getBytes(StandardCharsets.UTF_8);
      assertThat(seal.decrypt(seal.encrypt(data, context), context)).as("%d bytes", n).isEqualTo(data);
    }
  }

  @Test
  void tokenProtectRoundTripsAcrossSizesOnOneThread() {
    for (int n : SIZES) {
      byte[] data = bytes(n);
      TokenProtectedData t = tokenProtect.encrypt(data, null);
      assertThat(tokenProtect.decrypt(t.ciphertext(), t.token(), null)).as("%d bytes", n).isEqualTo(data);
    }
  }

  @Test
  void tamperingIsCaughtAfterTheBufferWasReused() {
    for (int n : SIZES) {
      byte[] data = bytes(n);
      byte[] sealed = seal.encrypt(data);
      assertThat(seal.decrypt(sealed)).isEqualTo(data); // leaves this message in the buffer

      byte[] flippedCiphertext = sealed.clone();
      flippedCiphertext[sealed.length - 1 - random.nextInt(n)] ^= 0x01;
      assertThatThrownBy(() -> seal.decrypt(flippedCiphertext))
          .as("%d bytes, ciphertext bit flipped", n)
          .isInstanceOf(AuthenticationFailedException.class);

      byte[] flippedTag = sealed.clone();
      flippedTag[16 + 12 + random.nextInt(16)] ^= 0x01; // header, IV, then the tag
      assertThatThrownBy(() -> seal.decrypt(flippedTag))
          .as("%d bytes, tag bit flipped", n)
          .isInstanceOf(AuthenticationFailedException.class);

      byte[] shorter = bytes(Math.max(1, n / 3));
      assertThat(seal.decrypt(seal.encrypt(shorter))).isEqualTo(shorter);
    }
  }
}
