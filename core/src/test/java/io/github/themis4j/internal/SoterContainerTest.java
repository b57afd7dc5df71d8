package io.github.themis4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.MalformedDataException;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Soter containers: checksum, layout and validation, against the Go reference and wasm-themis. */
class SoterContainerTest {
  /** The EC public key dissected in the Themis specification (soter-container_test.go). */
  private static final byte[] REFERENCE =
      Base64.getDecoder().decode("VUVDMgAAAC1s1W74A6Sx9yhDygNh4YEb0LShLZrEgTosYF2yRVG4pHGoaa6N");

  @Test
  void crc32cCheckValue() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(crc.getValue()).isEqualTo(0xE3069283L);
  }

  @Test
  void referenceContainerParsesAndRewrapsIdentically() {
    assertThat(SoterContainer.checkedSize(REFERENCE, 0, "key")).isEqualTo(45);
    assertThat(SoterContainer.tag(REFERENCE, 0)).isEqualTo("UEC2");
    byte[] payload = Arrays.copyOfRange(REFERENCE, 12, REFERENCE.length);
    assertThat(SoterContainer.wrap("UEC2", payload)).isEqualTo(REFERENCE);
    // The CRC-32C of the container with a zeroed CRC field, stored little-endian.
    byte[] zeroed = REFERENCE.clone();
    Arrays.fill(zeroed, 8, 12, (byte) 0);
    CRC32C crc = new CRC32C();
    crc.update(zeroed);
    assertThat(Bytes.readLe32Unsigned(REFERENCE, 8)).isEqualTo(crc.getValue());
  }

  @Test
  void checksumAgreesWithWasmThemis() {
    WasmThemis wasm = WasmThemis.get();
    Random random = new Random(77);
    String[] tags = {"UEC2", "REC5", "URA4", "TSPM", "TSID"};
    for (int i = 0; i < 40; i++) {
      byte[] payload = new byte[i < 5 ? i : random.nextInt(1200)];
      random.nextBytes(payload);
      String tag = tags[i % tags.length];
      byte[] theirs =
          wasm.call1("soter.container", tag.getBytes(StandardCharsets.US_ASCII), payload);
      assertThat(SoterContainer.wrap(tag, payload)).as("case %d", i).isEqualTo(theirs);
      assertThat(SoterContainer.checkedSize(theirs, 0, "container")).isEqualTo(theirs.length);
    }
  }

  @Test
  void checkedSizeAcceptsTrailingBytesAndAnOffset() {
    byte[] buf = new byte[7 + REFERENCE.length + 5];
    System.arraycopy(REFERENCE, 0, buf, 7, REFERENCE.length);
    assertThat(SoterContainer.checkedSize(buf, 7, "key")).isEqualTo(45);
  }

  @Test
  void checkedSizeRejectsMalformedContainers() {
    for (int len = 0; len < REFERENCE.length; len++) {
      byte[] truncated = Arrays.copyOf(REFERENCE, len);
      assertThatThrownBy(() -> SoterContainer.checkedSize(truncated, 0, "key"))
          .isInstanceOf(MalformedDataException.class);
    }
    for (long size : new long[] {0, 11, 46, 0x7fffffffL, 0x80000000L, 0xffffffffL}) {
      byte[] b = REFERENCE.clone();
      Bytes.writeBe32(b, 4, (int) size);
      assertThatThrownBy(() -> SoterContainer.checkedSize(b, 0, "key"))
          .as("size %d", size)
          .isInstanceOf(MalformedDataException.class);
    }
    for (int bit = 0; bit < REFERENCE.length * 8; bit++) {
      if (bit / 8 >= 4 && bit / 8 < 8) {
        continue; // size field: covered above
      }
      byte[] b = REFERENCE.clone();
      b[bit / 8] ^= (byte) (1 << (bit % 8));
      if (bit / 8 < 4) {
        // the tag is covered by the CRC too
        assertThatThrownBy(() -> SoterContainer.checkedSize(b, 0, "key"))
            .isInstanceOf(MalformedDataException.class);
      } else {
        assertThatThrownBy(() -> SoterContainer.checkedSize(b, 0, "key"))
            .as("bit %d", bit)
            .isInstanceOf(MalformedDataException.class)
            .hasMessageContaining("checksum");
      }
    }
  }
}
