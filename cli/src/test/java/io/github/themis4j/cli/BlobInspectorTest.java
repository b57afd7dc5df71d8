package io.github.themis4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blobs built by hand from the documented layouts (Themis 0.15 and docs/FORMAT.md). */
class BlobInspectorTest {
  /** A Seal header: alg, IV length 12, tag length 16, message length n (LE32), then IV and tag. */
  static byte[] sealHeader(int alg, int n, int total) {
    byte[] b = new byte[total];
    le32(b, 0, alg);
    le32(b, 4, 12);
    le32(b, 8, 16);
    le32(b, 12, n);
    return b;
  }

  static void le32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
    b[off + 2] = (byte) (v >> 16);
    b[off + 3] = (byte) (v >> 24);
  }

  @Test
  void sealTokenAndPassphraseCells() {
    assertThat(BlobInspector.inspect(sealHeader(0x40010100, 10, 54)))
        .contains("type: Secure Cell Seal, master key", "ciphertext length: 10 bytes", "header: 44 bytes");
    assertThat(BlobInspector.inspect(sealHeader(0x40010100, 10, 44)))
        .contains("type: Secure Cell Token Protect token, master key", "ciphertext length it protects: 10 bytes");
    byte[] pw = sealHeader(0x41010100, 3, 73);
    le32(pw, 48, 314110);
    pw[52] = 16;
    assertThat(BlobInspector.inspect(pw))
        .contains("type: Secure Cell Seal, passphrase", "PBKDF2 iterations: 314110", "salt length: 16 bytes");
  }

  @Test
  void themis4jEnvelope() {
    byte[] cell = sealHeader(0x40010100, 1, 45);
    byte[] stored = new byte[3 + 7 + cell.length];
    stored[0] = 1;
    stored[1] = 1; // empty
    stored[2] = 7;
    System.arraycopy("2026-01".getBytes(StandardCharsets.US_ASCII), 0, stored, 3, 7);
    System.arraycopy(cell, 0, stored, 10, cell.length);
    List<String> lines = BlobInspector.inspect(stored);
    assertThat(lines).contains(
        "type: themis4j stored value, Seal (docs/FORMAT.md)", "envelope version: 1", "key id: 2026-01", "envelope: 10 bytes",
        "cell type: Secure Cell Seal, master key");
    assertThat(lines.toString()).contains("kind: empty");
    stored[2] = 65; // key id too long: not an envelope
    assertThat(BlobInspector.inspect(stored).toString()).contains("type: unknown");
  }

  @Test
  void messagesAndKeysHeaders() {
    byte[] signed = new byte[12 + 5 + 70];
    le32(signed, 0, 0x26042620);
    le32(signed, 4, 5);
    le32(signed, 8, 70);
    assertThat(BlobInspector.inspect(signed)).contains("type: Secure Message, signed (EC, ECDSA)", "message length: 5 bytes (readable without a key)");
    byte[] key = new byte[45];
    System.arraycopy("UEC2".getBytes(StandardCharsets.US_ASCII), 0, key, 0, 4);
    key[7] = 45;
    List<String> k = BlobInspector.inspect(key);
    assertThat(k).contains("type: Themis public key (container UEC2)", "algorithm: EC P-256");
    assertThat(k.toString()).contains("valid: no");
    assertThat(BlobInspector.inspect(new byte[0])).contains("type: empty");
  }
}
