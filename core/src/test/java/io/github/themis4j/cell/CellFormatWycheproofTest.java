package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;
import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.testing.TestVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AES-256-GCM with a 12-byte IV and 16-byte tag, the parameters every Secure Cell uses, through
 * CellFormat's own encrypt and decrypt (the thread-local JDK cipher), against Wycheproof
 * aes_gcm_test.json (C2SP/wycheproof testvectors_v1, Apache 2.0). Invalid vectors with these
 * parameters are modified tags: each must fail as an {@link AuthenticationFailedException}.
 */
class CellFormatWycheproofTest {
  @Test
  void aes256Gcm96BitIv128BitTag() {
    JsonNode root = TestVectors.json("/wycheproof/aes_gcm_test.json");
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    int encrypted = 0;
    byte[] lastKeyIv = null;
    for (JsonNode group : root.get("testGroups")) {
      if (group.get("keySize").asInt() != 256
          || group.get("ivSize").asInt() != 96
          || group.get("tagSize").asInt() != 128) {
        continue;
      }
      for (JsonNode t : group.get("tests")) {
        String id = t.get("tcId").asText() + " " + t.get("comment").asText();
        byte[] key = hex(t.get("key").asText());
        byte[] iv = hex(t.get("iv").asText());
        byte[] aad = hex(t.get("aad").asText());
        byte[] aadOrNull = aad.length == 0 ? null : aad; // CellFormat's convention for "no context"
        byte[] msg = hex(t.get("msg").asText());
        byte[] ct = hex(t.get("ct").asText());
        byte[] tag = hex(t.get("tag").asText());
        boolean expectValid = t.get("result").asText().equals("valid");
        try {
          byte[] pt = CellFormat.gcmDecrypt(key, iv, 0, aadOrNull, ct, 0, ct.length, tag, 0);
          if (!expectValid || !Arrays.equals(pt, msg)) {
            failures.add("decrypt " + id);
          }
        } catch (AuthenticationFailedException e) {
          if (expectValid) {
            failures.add("decrypt rejected " + id);
          }
        }
        if (expectValid) {
          valid++;
          // The JDK refuses to encrypt twice in a row under one key and IV on the same Cipher
          // (some consecutive Wycheproof vectors share both); those are checked by decryption only.
          byte[] keyIv = io.github.themis4j.internal.Bytes.concat(key, iv);
          if (!Arrays.equals(keyIv, lastKeyIv)) {
            byte[] out = new byte[msg.length];
            byte[] outTag = new byte[16];
            CellFormat.gcmEncrypt(key, iv, 0, aadOrNull, msg, out, 0, outTag, 0);
            if (!Arrays.equals(out, ct) || !Arrays.equals(outTag, tag)) {
              failures.add("encrypt " + id);
            }
            encrypted++;
            lastKeyIv = keyIv;
          }
        } else {
          invalid++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(valid).isEqualTo(39); // the file's 66 vectors with these parameters
    assertThat(invalid).isEqualTo(27);
    assertThat(encrypted).isGreaterThan(valid - 5);
  }
}
