package io.github.themis4j.internal;

import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.testing.TestVectors;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PBKDF2-HMAC-SHA-256 against Wycheproof pbkdf2_hmacsha256_test.json, the vectors of
 * tests/soter/soter_kdf_test.c, and the C core's soter_pbkdf2_sha256() in wasm-themis.
 */
class Pbkdf2Test {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void wycheproof() {
    JsonNode root = TestVectors.json("/wycheproof/pbkdf2_hmacsha256_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    int skipped = 0;
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        int iterations = t.get("iterationCount").asInt();
        if (iterations > 10_000) {
          skipped++; // keeps the test fast: one vector has 80,000 iterations and a 64-byte output
          continue;
        }
        byte[] dk =
            Pbkdf2.hmacSha256(
                hex(t.get("password").asText()),
                hex(t.get("salt").asText()),
                iterations,
                t.get("dkLen").asInt());
        if (!hex(dk).equals(t.get("dk").asText()) || !t.get("result").asText().equals("valid")) {
          failures.add(t.get("tcId").asText() + " " + t.get("comment").asText());
        }
        run++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run + skipped).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(skipped).isEqualTo(1);
  }

  @Test
  void soterKdfTestVectors() {
    // tests/soter/soter_kdf_test.c; the 16,777,216-iteration vector is skipped, as Themis itself
    // skips it unless SOTER_KDF_RUN_LONG_TESTS is set.
    assertThat(Pbkdf2.hmacSha256(ascii("password"), ascii("salt"), 1, 32))
        .isEqualTo(hex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"));
    assertThat(Pbkdf2.hmacSha256(ascii("password"), ascii("salt"), 2, 32))
        .isEqualTo(hex("ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"));
    assertThat(Pbkdf2.hmacSha256(ascii("password"), ascii("salt"), 4096, 32))
        .isEqualTo(hex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"));
    assertThat(
            Pbkdf2.hmacSha256(
                ascii("passwordPASSWORDpassword"),
                ascii("saltSALTsaltSALTsaltSALTsaltSALTsalt"),
                4096,
                40))
        .isEqualTo(
            hex(
                "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"));
    assertThat(Pbkdf2.hmacSha256(ascii("pass\0word"), ascii("sa\0lt"), 4096, 16))
        .isEqualTo(hex("89b69d0516f829893c696226650a8687"));
  }

  @Test
  void edgeCases() {
    // Reference values from Python's hashlib.pbkdf2_hmac: an empty password, and a password
    // longer than the SHA-256 block with an empty salt and a multi-block output.
    assertThat(Pbkdf2.hmacSha256(new byte[0], ascii("salt"), 1000, 32))
        .isEqualTo(hex("94fb56af3ea22e5d3ed1b054085b136ca301b75d8b406c802c489479f27387c6"));
    assertThat(Pbkdf2.hmacSha256(ascii("x".repeat(100)), new byte[0], 3, 70))
        .isEqualTo(
            hex(
                "8bbb2417b3b8f12898ae6553195783b360877eef8935294d3f4000dbecfd9b22957ab2fec310757299e106dff15e875664"
                    + "295705d9167e80c6f5ac44027e0e1bba09f1040773"));
    assertThatThrownBy(() -> Pbkdf2.hmacSha256(ascii("p"), ascii("s"), 0, 32))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Pbkdf2.hmacSha256(ascii("p"), ascii("s"), 1, 0))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void agreesWithWasmThemis() {
    WasmThemis wasm = WasmThemis.get();
    Random random = new Random(99);
    for (int i = 0; i < 20; i++) {
      byte[] pass = new byte[1 + random.nextInt(i % 5 == 0 ? 150 : 30)];
      byte[] salt = new byte[random.nextInt(40)];
      random.nextBytes(pass);
      random.nextBytes(salt);
      int iterations = 1 + random.nextInt(3000);
      int len = 1 + random.nextInt(64);
      byte[] theirs =
          wasm.call1("soter.pbkdf2", pass, salt, Bytes.le32(iterations), new byte[] {(byte) len});
      assertThat(Pbkdf2.hmacSha256(pass, salt, iterations, len)).as("case %d", i).isEqualTo(theirs);
    }
  }
}
