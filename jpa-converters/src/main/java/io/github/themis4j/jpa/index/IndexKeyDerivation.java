package io.github.themis4j.jpa.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The blind-index primitives of {@code docs/FORMAT.md}: per-index key derivation (HKDF-SHA-256 with
 * domain separation by label, table, column and index name) and the keyed hash (HMAC-SHA-256).
 * Stateless and thread-safe.
 */
final class IndexKeyDerivation {
  /** The first field of the HKDF info: the label and version of this construction. */
  static final String LABEL = "themis4j/bidx/v1";

  private IndexKeyDerivation() {}

  /** HKDF-SHA-256(ikm = ring key, salt = none, info = label ‖ lp(table) ‖ lp(column) ‖ lp(name)). */
  static byte[] deriveKey(byte[] ringKey, String table, String column, String name) {
    byte[] info = info(table, column, name);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ringKey, null, info));
    byte[] out = new byte[32];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  static byte[] info(String table, String column, String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(LABEL.getBytes(StandardCharsets.UTF_8));
    lengthPrefixed(b, table.getBytes(StandardCharsets.UTF_8));
    lengthPrefixed(b, column.getBytes(StandardCharsets.UTF_8));
    lengthPrefixed(b, name.getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  /** Appends a 4-byte big-endian length, then the bytes. */
  static void lengthPrefixed(ByteArrayOutputStream b, byte[] bytes) {
    int n = bytes.length;
    b.write(n >>> 24);
    b.write(n >>> 16);
    b.write(n >>> 8);
    b.write(n);
    b.writeBytes(bytes);
  }

  /** HMAC-SHA-256(key, data), truncated to {@code bits} (the unused low bits of the last byte 0). */
  static byte[] hash(byte[] key, byte[] data, int bits) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] full = new byte[32];
    mac.doFinal(full, 0);
    int n = (bits + 7) / 8;
    byte[] out = java.util.Arrays.copyOf(full, n);
    int spare = n * 8 - bits;
    if (spare > 0) {
      out[n - 1] &= (byte) (0xFF << spare);
    }
    java.util.Arrays.fill(full, (byte) 0);
    return out;
  }
}
