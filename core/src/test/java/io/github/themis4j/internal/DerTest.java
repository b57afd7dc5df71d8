package io.github.themis4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The DER encoder against hand-written encodings, and the strict reader on what it writes. */
class DerTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encodesMinimalIntegersWithSignBytes() {
    byte[] der = Der.encodeEcdsaSignature(BigInteger.valueOf(0x80), BigInteger.ONE);
    assertThat(HEX.formatHex(der)).isEqualTo("3007" + "02020080" + "020101");
    BigInteger[] rs = Der.parseEcdsaSignature(der, 0, der.length);
    assertThat(rs).containsExactly(BigInteger.valueOf(0x80), BigInteger.ONE);
  }

  @Test
  void usesTheLongFormAbove127Bytes() {
    // the largest P-521 values: 521 bits, 66 bytes each, 136 bytes of content
    BigInteger big = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
    byte[] der = Der.encodeEcdsaSignature(big, big);
    assertThat(der.length).isEqualTo(3 + 2 * (2 + 66));
    assertThat(HEX.formatHex(der, 0, 5)).isEqualTo("308188" + "0242");
    BigInteger[] rs = Der.parseEcdsaSignature(der, 0, der.length);
    assertThat(rs).containsExactly(big, big);
  }
}
