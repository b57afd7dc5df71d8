package io.github.themis4j.internal;

import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.testing.TestVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HMAC-SHA-256 ({@link Hmac}) against Wycheproof hmac_sha256_test.json (C2SP/wycheproof
 * testvectors_v1, Apache 2.0; a copy is in resources/wycheproof/): full and truncated tags, keys of
 * 16, 32 and 65 bytes, and modified tags that must not verify.
 */
class HmacWycheproofTest {
  @Test
  void wycheproof() {
    JsonNode root = TestVectors.json("/wycheproof/hmac_sha256_test.json");
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    for (JsonNode group : root.get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        byte[] tag =
            Arrays.copyOf(
                Hmac.sha256(hex(t.get("key").asText()), hex(t.get("msg").asText())), tagBytes);
        boolean verifies = Bytes.constantTimeEquals(tag, hex(t.get("tag").asText()));
        boolean expected = t.get("result").asText().equals("valid");
        if (verifies != expected) {
          failures.add(t.get("tcId").asText() + " " + t.get("comment").asText());
        }
        if (expected) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(valid + invalid).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(invalid).isPositive();
  }

  @Test
  void streamingAndOneShotAgree() {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f");
    byte[] a = "Themis ".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "secure cell".getBytes(StandardCharsets.US_ASCII);
    byte[] oneShot = Hmac.sha256(key, a, b);
    byte[] streamed =
        Hmac.sha256(key).update(a).update(Bytes.concat(new byte[3], b), 3, b.length).doFinal();
    assertThat(streamed).isEqualTo(oneShot).isEqualTo(Hmac.sha256(key, Bytes.concat(a, b)));
  }

  @Test
  void emptyKey() {
    // RFC 2104 pads the key with zeros; reference value from Python's hmac module.
    assertThat(Hmac.sha256(new byte[0], "message".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(hex("eb08c1f56d5ddee07f7bdf80468083da06b64cf4fac64fe3a90883df5feacae4"));
  }
}
