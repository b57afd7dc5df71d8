package io.github.themis4j.internal;

import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Soter KDF against tests/soter/soter_kdf_test.c, the Go reference implementation's tests
 * (docs/reference-implementation/soter/soter-kdf_test.go) and the C core's soter_kdf() in
 * wasm-themis.
 */
class SoterKdfTest {
  private static final byte[] ZRTP_KEY = hex("adeadbee01020304");
  private static final String ZRTP_LABEL = "ZRTP KDF test vectors";
  private static final byte[] ZRTP_CONTEXT = hex("4383f3270e11");
  private static final byte[] ZRTP_OUTPUT =
      hex("93f161f7d086ba6d02fb0a24bf5e7c4532277ef91c4fb4f290680e3f4df5e592");

  @Test
  void zrtpVectorsForEveryOutputLength() {
    // soter_kdf_test.c checks lengths 1, 2, 4, 8, 16 and 32; every length is a prefix of one block.
    for (int len = 1; len <= 32; len++) {
      assertThat(SoterKdf.derive(ZRTP_KEY, ZRTP_LABEL, len, ZRTP_CONTEXT))
          .as("length %d", len)
          .isEqualTo(Arrays.copyOf(ZRTP_OUTPUT, len));
    }
  }

  @Test
  void implicitKeyIsLabelXorContexts() {
    // soter_kdf_test.c test_soter_kdf_skip_key: the label XOR the context, zero-padded to 32 bytes.
    byte[] implicit = new byte[32];
    System.arraycopy(
        hex("19d1a7772e5a444620746573742076656374 6f7273".replace(" ", "")), 0, implicit, 0, 21);
    assertThat(SoterKdf.derive(null, ZRTP_LABEL, 32, ZRTP_CONTEXT))
        .isEqualTo(SoterKdf.derive(implicit, ZRTP_LABEL, 32, ZRTP_CONTEXT));
  }

  @Test
  void contextsAreConcatenatedAndNullsSkipped() {
    // soter_kdf_test.c test_soter_kdf_skip_context
    byte[] a = Arrays.copyOf(ZRTP_CONTEXT, 2);
    byte[] b = Arrays.copyOfRange(ZRTP_CONTEXT, 2, 6);
    assertThat(SoterKdf.derive(ZRTP_KEY, ZRTP_LABEL, 32, ZRTP_CONTEXT, null))
        .isEqualTo(ZRTP_OUTPUT);
    assertThat(SoterKdf.derive(ZRTP_KEY, ZRTP_LABEL, 32, a, null, b)).isEqualTo(ZRTP_OUTPUT);
  }

  @Test
  void goReferenceImplementationVectors() {
    byte[] d = "2020-12-20".getBytes(StandardCharsets.US_ASCII);
    byte[] t = "11:18:24".getBytes(StandardCharsets.US_ASCII);
    byte[] key = hex("4e6f68365577616568696564316b696a6f74686168326f506f68306565517565");
    assertThat(SoterKdf.derive(key, "Example key derivation", 32, d, t))
        .isEqualTo(hex("d5f5be45fd6eab6dcbf93c21c3d2d1e3e888fa20ef38f2f4a121c196382342dd"));
    assertThat(SoterKdf.derive(null, "Example key derivation", 32, d, t))
        .isEqualTo(hex("cf9846b8026c5b76a0641aa85f4152ff02c15ad45b726c6e578be52afdfd6930"));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> SoterKdf.derive(ZRTP_KEY, ZRTP_LABEL, 0, ZRTP_CONTEXT))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SoterKdf.derive(ZRTP_KEY, ZRTP_LABEL, 33, ZRTP_CONTEXT))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SoterKdf.derive(new byte[0], ZRTP_LABEL, 32, ZRTP_CONTEXT))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void agreesWithWasmThemis() {
    WasmThemis wasm = WasmThemis.get();
    Random random = new Random(4242);
    String[] labels = {
      "",
      "Themis secure cell message key",
      "Themis secure session unique identifier",
      "a label longer than thirty-two bytes, so the implicit key truncates it"
    };
    for (int i = 0; i < 60; i++) {
      byte[] key = i % 4 == 0 ? null : bytes(random, 1 + random.nextInt(80));
      String label = labels[i % labels.length];
      int len = 1 + random.nextInt(32);
      byte[][] contexts = new byte[random.nextInt(4)][];
      for (int c = 0; c < contexts.length; c++) {
        contexts[c] = bytes(random, 1 + random.nextInt(40));
      }
      byte[][] args = new byte[3 + contexts.length][];
      args[0] = key;
      args[1] = label.getBytes(StandardCharsets.UTF_8);
      args[2] = new byte[] {(byte) len};
      System.arraycopy(contexts, 0, args, 3, contexts.length);
      assertThat(SoterKdf.derive(key, label, len, contexts))
          .as("case %d", i)
          .isEqualTo(wasm.call1("soter.kdf", args));
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
