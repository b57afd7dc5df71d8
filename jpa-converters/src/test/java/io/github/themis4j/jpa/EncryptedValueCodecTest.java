package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codec on its own: envelopes, every bad input, rotation helpers. */
class EncryptedValueCodecTest {
  private static final EncryptedValueCodec CODEC = new EncryptedValueCodec(TestKeys.standard());
  private static final CellContext CTX = CellContext.of("t", "c", 7L);
  private static final byte[] DATA = "some plaintext".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealLayout() {
    byte[] stored = CODEC.seal("default", null, CTX, DATA);
    assertThat(stored).startsWith(1, 0, 2, 'k', '1').hasSize(5 + 44 + DATA.length);
    assertThat(CODEC.unseal("default", CTX, stored)).isEqualTo(DATA);
    assertThat(EncryptedValueCodec.storedKeyId(stored)).isEqualTo("k1");
    byte[] pinned = CODEC.seal("default", "k2", CTX, DATA);
    assertThat(EncryptedValueCodec.storedKeyId(pinned)).isEqualTo("k2");
    assertThat(CODEC.unseal("default", CTX, pinned)).isEqualTo(DATA);
    byte[] empty = CODEC.seal("default", null, CTX, new byte[0]);
    assertThat(empty).startsWith(1, 1, 2, 'k', '1').hasSize(5 + 44 + 1);
    assertThat(CODEC.unseal("default", CTX, empty)).isEmpty();
  }

  @Test
  void everySingleBitFlipAndTruncationFailsWithAThemisException() {
    byte[] stored = CODEC.seal("default", null, CTX, DATA);
    for (int i = 0; i < stored.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = stored.clone();
        t[i] ^= (byte) (1 << bit);
        Throwable e = catchThrowable(() -> CODEC.unseal("default", CTX, t));
        assertThat(e).as("byte %d bit %d", i, bit).isInstanceOf(ThemisException.class);
      }
    }
    for (int n = 0; n < stored.length; n++) {
      byte[] t = Arrays.copyOf(stored, n);
      assertThat(catchThrowable(() -> CODEC.unseal("default", CTX, t)))
          .as("length %d", n)
          .isInstanceOf(ThemisException.class);
    }
    byte[] longer = Arrays.copyOf(stored, stored.length + 1);
    assertThat(catchThrowable(() -> CODEC.unseal("default", CTX, longer)))
        .isInstanceOf(ThemisException.class);
  }

  @Test
  void envelopeErrorsAreSpecific() {
    byte[] stored = CODEC.seal("default", null, CTX, DATA);
    byte[] v2 = stored.clone();
    v2[0] = 2;
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, v2))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("format version 2");
    byte[] kind = stored.clone();
    kind[1] = 9;
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, kind))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("kind");
    byte[] idLength = stored.clone();
    idLength[2] = (byte) 255; // claims more key id than the value holds
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, idLength))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("key id length");
    byte[] badChar = stored.clone();
    badChar[3] = '/';
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, badChar))
        .isInstanceOf(MalformedDataException.class);
    byte[] emptyWithData = stored.clone();
    emptyWithData[1] = 1; // "empty" kind: the context changes, so authentication fails
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, emptyWithData))
        .isInstanceOf(AuthenticationFailedException.class);
    // an oversized length inside the Seal header must not allocate or hang
    byte[] huge = stored.clone();
    huge[5 + 12] = (byte) 0xff;
    huge[5 + 13] = (byte) 0xff;
    huge[5 + 14] = (byte) 0xff;
    huge[5 + 15] = (byte) 0xff;
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, huge))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void randomGarbageNeverEscapesAsAnotherExceptionType() {
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] g = new byte[r.nextInt(120)];
      r.nextBytes(g);
      if (g.length > 0 && r.nextBoolean()) {
        g[0] = 1;
      }
      if (g.length > 2 && r.nextBoolean()) {
        g[1] = 0;
        g[2] = 2;
      }
      Throwable e = catchThrowable(() -> CODEC.unseal("default", CTX, g));
      assertThat(e).isInstanceOf(ThemisException.class);
      Throwable t = catchThrowable(() -> CODEC.untokenProtect("default", CTX, DATA, g));
      assertThat(t).isInstanceOf(ThemisException.class);
    }
  }

  @Test
  void keysAndRings() {
    byte[] stored = CODEC.seal("default", null, CTX, DATA);
    assertThatThrownBy(() -> CODEC.seal("nope", null, CTX, DATA))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> CODEC.seal("default", "k9", CTX, DATA))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("'k9'");
    EncryptedValueCodec onlyK2 =
        new EncryptedValueCodec(
            KeyRings.of(KeyRing.of("default", "k2", SymmetricKey.fromBytes(TestKeys.K2))));
    UnknownKeyException e =
        (UnknownKeyException) catchThrowable(() -> onlyK2.unseal("default", CTX, stored));
    assertThat(e.keyId()).isEqualTo("k1");
    // a ring with another key under the same id: authentication fails, no garbage
    EncryptedValueCodec wrongKey =
        new EncryptedValueCodec(
            KeyRings.of(KeyRing.of("default", "k1", SymmetricKey.fromBytes(TestKeys.K2))));
    assertThatThrownBy(() -> wrongKey.unseal("default", CTX, stored))
        .isInstanceOf(AuthenticationFailedException.class);
    EncryptedValueCodec nullRing = new EncryptedValueCodec(name -> null);
    assertThatThrownBy(() -> nullRing.seal("default", null, CTX, DATA))
        .isInstanceOf(UnknownKeyException.class);
  }

  @Test
  void resealMovesAValueToTheActiveKey() {
    byte[] underK1 = CODEC.seal("default", null, CTX, DATA);
    EncryptedValueCodec rotated =
        new EncryptedValueCodec(
            KeyRings.of(
                KeyRing.builder("default")
                    .add("k1", SymmetricKey.fromBytes(TestKeys.K1))
                    .add("k2", SymmetricKey.fromBytes(TestKeys.K2))
                    .active("k2")
                    .build()));
    byte[] underK2 = rotated.reseal("default", CTX, underK1);
    assertThat(EncryptedValueCodec.storedKeyId(underK2)).isEqualTo("k2");
    assertThat(rotated.unseal("default", CTX, underK2)).isEqualTo(DATA);
    assertThatThrownBy(() -> rotated.reseal("default", CellContext.of("t", "c", 8L), underK1))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void tokenProtect() {
    TokenProtectedValue v = CODEC.tokenProtect("default", null, CTX, DATA);
    assertThat(v.data()).hasSize(DATA.length);
    assertThat(v.token()).startsWith(1, 0, 2, 'k', '1').hasSize(5 + 44);
    assertThat(CODEC.untokenProtect("default", CTX, v.data(), v.token())).isEqualTo(DATA);
    assertThatThrownBy(() -> CODEC.untokenProtect("default", CTX, v.data(), null))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(
            () ->
                CODEC.untokenProtect("default", CellContext.of("t", "c", 8L), v.data(), v.token()))
        .isInstanceOf(AuthenticationFailedException.class);
    byte[] shorter = Arrays.copyOf(v.data(), DATA.length - 1);
    assertThatThrownBy(() -> CODEC.untokenProtect("default", CTX, shorter, v.token()))
        .isInstanceOf(ThemisException.class);
    TokenProtectedValue empty = CODEC.tokenProtect("default", null, CTX, new byte[0]);
    assertThat(empty.data()).hasSize(1);
    assertThat(CODEC.untokenProtect("default", CTX, empty.data(), empty.token())).isEmpty();
    assertThat(v.toString()).doesNotContain("plaintext");
  }

  @Test
  void contextImprintIsDeterministicAndUsesThePinnedOrActiveKey() {
    byte[] a = CODEC.imprint("default", "k2", CTX, DATA);
    assertThat(a).hasSize(DATA.length).isEqualTo(CODEC.imprint("default", "k2", CTX, DATA));
    assertThat(CODEC.unimprint("default", "k2", CTX, a)).isEqualTo(DATA);
    assertThat(CODEC.unimprint("default", null, CTX, CODEC.imprint("default", null, CTX, DATA)))
        .isEqualTo(DATA);
    // unauthenticated: the wrong key gives other bytes, no error
    assertThat(CODEC.unimprint("default", "k1", CTX, a)).isNotEqualTo(DATA).hasSize(DATA.length);
    assertThat(CODEC.imprint("default", "k2", CTX, new byte[0])).isEmpty();
    assertThat(CODEC.unimprint("default", "k2", CTX, new byte[0])).isEmpty();
  }

  @Test
  void nullArguments() {
    assertThatThrownBy(() -> new EncryptedValueCodec(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CODEC.seal("default", null, null, DATA))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CODEC.seal("default", null, CTX, null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CODEC.seal(null, null, CTX, DATA))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CODEC.unseal("default", CTX, null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> EncryptedValueCodec.storedKeyId(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CODEC.imprint("default", null, CTX, null))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
