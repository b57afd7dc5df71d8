package io.github.themis4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Loading and decoding of the JSON test vectors under src/test/resources. */
public final class TestVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestVectors() {}

  /** Parses a JSON resource, for example {@code "/vectors/cell-vectors.json"}. */
  public static JsonNode json(String resource) {
    try (InputStream in = stream(resource)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a binary resource. */
  public static byte[] bytes(String resource) {
    try (InputStream in = stream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String resource) {
    InputStream in = TestVectors.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("test resource " + resource + " is missing");
    }
    return in;
  }

  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The "sha256-counter" generator of interop/vectors-cell.js: block i = SHA-256(UTF-8(seed) ||
   * BE32(i)), output = the first {@code length} bytes of block 0 || block 1 || ...
   */
  public static byte[] prng(String seed, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] seedBytes = seed.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[length];
      byte[] counter = new byte[4];
      for (int i = 0, off = 0; off < length; i++, off += 32) {
        counter[0] = (byte) (i >>> 24);
        counter[1] = (byte) (i >>> 16);
        counter[2] = (byte) (i >>> 8);
        counter[3] = (byte) i;
        sha.update(seedBytes);
        sha.update(counter);
        byte[] block = sha.digest();
        System.arraycopy(block, 0, out, off, Math.min(32, length - off));
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plaintext entry of the vector files: {"hex": ...} or {"seed": ..., "length": ...}. */
  public static byte[] plaintext(JsonNode entry) {
    if (entry.has("hex")) {
      return hex(entry.get("hex").asText());
    }
    return prng(entry.get("seed").asText(), entry.get("length").asInt());
  }

  /** A context entry: null (no context) or an object with "hex". */
  public static byte[] context(JsonNode entry) {
    return entry == null || entry.isNull() ? null : hex(entry.get("hex").asText());
  }
}
