package io.github.themis4j.internal;

import io.github.themis4j.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Soter's generic container: a 4-byte ASCII tag, a big-endian 32-bit total size (header
 * included) and a CRC-32C of the whole container computed with the CRC field zeroed, stored
 * little-endian; then the payload. Not public API.
 */
public final class SoterContainer {
  public static final int HEADER_LENGTH = 12;

  private SoterContainer() {}

  /** Builds a container with the given 4-character tag around {@code payload}. */
  public static byte[] wrap(String tag, byte[] payload) {
    byte[] out = new byte[HEADER_LENGTH + payload.length];
    System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
    writeHeader(out, 0, tag, out.length);
    return out;
  }

  /** Writes tag, size and CRC for the container of {@code size} bytes at {@code off} in {@code buf}. */
  public static void writeHeader(byte[] buf, int off, String tag, int size) {
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    if (t.length != 4) {
      throw new IllegalArgumentException("container tag must be 4 ASCII characters");
    }
    System.arraycopy(t, 0, buf, off, 4);
    Bytes.writeBe32(buf, off + 4, size);
    Bytes.writeLe32(buf, off + 8, 0);
    Bytes.writeLe32(buf, off + 8, crc(buf, off, size));
  }

  /** CRC-32C over {@code size} bytes at {@code off}, with the CRC field (bytes 8..11) taken as zero. */
  static int crc(byte[] buf, int off, int size) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, 8);
    crc.update(new byte[4], 0, 4);
    crc.update(buf, off + HEADER_LENGTH, size - HEADER_LENGTH);
    return (int) crc.getValue();
  }

  /** Returns the 4-byte tag at {@code off} as a string (no validation). */
  public static String tag(byte[] buf, int off) {
    return new String(buf, off, 4, StandardCharsets.US_ASCII);
  }

  /**
   * Validates the container at {@code off}: a full header, a size that fits inside {@code buf},
   * and a matching CRC. Returns the container's total size.
   *
   * @param what a description used in error messages, such as "session message"
   */
  public static int checkedSize(byte[] buf, int off, String what) {
    if (buf.length - off < HEADER_LENGTH) {
      throw new MalformedDataException(what + " is truncated: shorter than a container header");
    }
    long size = Bytes.readBe32Unsigned(buf, off + 4);
    if (size < HEADER_LENGTH || size > buf.length - off) {
      throw new MalformedDataException(
          what + " has an invalid container size field (" + size + " bytes, " + (buf.length - off) + " available)");
    }
    int stored = Bytes.readLe32(buf, off + 8);
    if (stored != crc(buf, off, (int) size)) {
      throw new MalformedDataException(what + " is corrupt: container checksum mismatch");
    }
    return (int) size;
  }
}
