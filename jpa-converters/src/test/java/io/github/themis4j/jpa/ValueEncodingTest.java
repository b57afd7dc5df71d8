package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The encodings of docs/FORMAT.md section 4, with expected bytes written out by hand from the
 * table.
 */
class ValueEncodingTest {
  private static String hex(Object value) {
    @SuppressWarnings("unchecked")
    ValueEncoding<Object> e = (ValueEncoding<Object>) ValueEncoding.forType(value.getClass());
    return HexFormat.of().formatHex(e.encode(value));
  }

  private static <T> T decode(Class<T> type, String hex) {
    return ValueEncoding.forType(type).decode(HexFormat.of().parseHex(hex));
  }

  @Test
  void knownAnswers() {
    assertThat(hex("Zoë")).isEqualTo("5a6fc3ab");
    assertThat(hex(new byte[] {1, (byte) 0xfe})).isEqualTo("01fe");
    assertThat(hex(true)).isEqualTo("01");
    assertThat(hex(false)).isEqualTo("00");
    assertThat(hex((byte) -2)).isEqualTo("fe");
    assertThat(hex((short) 258)).isEqualTo("0102");
    assertThat(hex(-2)).isEqualTo("fffffffe");
    assertThat(hex(1L << 40)).isEqualTo("0000010000000000");
    assertThat(hex(new BigInteger("-1234"))).isEqualTo("2d31323334"); // "-1234"
    assertThat(hex(new BigDecimal("-12.340"))).isEqualTo("2d31322e333430"); // "-12.340"
    assertThat(hex(new BigDecimal("1E+3"))).isEqualTo("31303030"); // "1000"
    assertThat(hex(1.5f)).isEqualTo("3fc00000");
    assertThat(hex(-2.0)).isEqualTo("c000000000000000");
    assertThat(hex(LocalDate.of(1970, 1, 2))).isEqualTo("0000000000000001");
    assertThat(hex(LocalDate.of(1969, 12, 31))).isEqualTo("ffffffffffffffff");
    assertThat(hex(LocalTime.of(0, 0, 1))).isEqualTo("000000003b9aca00"); // 1e9 ns
    assertThat(hex(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 5))).isEqualTo("000000000000000100000005");
    assertThat(hex(Instant.ofEpochSecond(-1, 999_999_999))).isEqualTo("ffffffffffffffff3b9ac9ff");
    assertThat(hex(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")))
        .isEqualTo("00112233445566778899aabbccddeeff");
    assertThat(hex(Typed.Level.HIGH))
        .isEqualTo("48494748"); // "HIGH", also for a constant with a body
  }

  @Test
  void integersAcceptEveryDocumentedWidthWhenTheValueFits() {
    assertThat(decode(Long.class, "fe")).isEqualTo(-2L);
    assertThat(decode(Long.class, "0102")).isEqualTo(258L);
    assertThat(decode(Long.class, "fffffffe")).isEqualTo(-2L);
    assertThat(decode(Integer.class, "00000000000000ff")).isEqualTo(255);
    assertThat(decode(Short.class, "ff80")).isEqualTo((short) -128);
    assertThatThrownBy(() -> decode(Integer.class, "0000000100000000"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(Byte.class, "0100")).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(Long.class, "000000"))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void malformedEncodingsAreRejected() {
    assertThatThrownBy(() -> decode(String.class, "c3")).isInstanceOf(MalformedDataException.class);
    // overlong NUL, a lone continuation byte, an encoded surrogate, beyond U+10FFFF, after ASCII
    for (String bad : new String[] {"c080", "80", "eda080", "f4908080", "41424380"}) {
      assertThatThrownBy(() -> decode(String.class, bad))
          .as(bad)
          .isInstanceOf(MalformedDataException.class);
    }
    assertThat(decode(String.class, "41c3a9e282acf09f9880")).isEqualTo("A\u00e9\u20ac\ud83d\ude00");
    assertThat(ValueEncoding.forType(String.class).encode("A\u00e9\u20ac\ud83d\ude00"))
        .isEqualTo(HexFormat.of().parseHex("41c3a9e282acf09f9880"));
    assertThatThrownBy(() -> ValueEncoding.forType(String.class).encode("a\ud83d"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> decode(Boolean.class, "02"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(Boolean.class, "0001"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(BigDecimal.class, "31452b33"))
        .isInstanceOf(MalformedDataException.class); // "1E+3"
    assertThatThrownBy(() -> decode(BigDecimal.class, "2e35"))
        .isInstanceOf(MalformedDataException.class); // ".5"
    assertThatThrownBy(() -> decode(BigInteger.class, "2b31"))
        .isInstanceOf(MalformedDataException.class); // "+1"
    assertThatThrownBy(() -> decode(Double.class, "00")).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(UUID.class, "00")).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(Instant.class, "0000000000000000ffffffff"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(LocalTime.class, "7fffffffffffffff"))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> decode(LocalDate.class, "7fffffffffffffff"))
        .isInstanceOf(MalformedDataException.class);
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> decode(Typed.Level.class, "5345435245544e414d45"));
    assertThat(t).isInstanceOf(MalformedDataException.class);
    assertThat(t.getMessage()).doesNotContain("SECRETNAME");
  }

  @Test
  void unsupportedAndInvalidValues() {
    assertThat(ValueEncoding.isSupported(int.class)).isTrue();
    assertThat(ValueEncoding.isSupported(Typed.Level.class)).isTrue();
    assertThat(ValueEncoding.isSupported(char.class)).isFalse();
    assertThat(ValueEncoding.isSupported(java.util.Date.class)).isFalse();
    assertThatThrownBy(() -> ValueEncoding.forType(Object.class))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("supported");
    assertThatThrownBy(() -> ValueEncoding.forType(String.class).encode("\udc00"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ValueEncoding.forType(Integer.class).encodeObject("1"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ValueEncoding.forType(Integer.class).encodeObject(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(ValueEncoding.forType(long.class).javaType()).isEqualTo(Long.class);
  }
}
