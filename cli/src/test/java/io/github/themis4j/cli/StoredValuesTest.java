package io.github.themis4j.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing values as database clients print them, and attribute values given as text. */
class StoredValuesTest {
  @Test
  void psqlMysqlAndBase64() {
    byte[] expected = {1, 0, 2, (byte) 0xab, (byte) 0xff};
    assertThat(StoredValues.parse("\\x010002abff", "v")).isEqualTo(expected);
    assertThat(StoredValues.parse("0x010002ABFF\n", "v")).isEqualTo(expected);
    assertThat(StoredValues.parse("AQACq/8=", "v")).isEqualTo(expected);
    assertThat(StoredValues.parse("AQAC\nq/8=\n", "v")).isEqualTo(expected);
    assertThat(StoredValues.parse("AQACq_8=", "v")).isEqualTo(expected); // URL-safe alphabet
    assertThat(StoredValues.psqlHex(expected)).isEqualTo("\\x010002abff");
    assertThat(StoredValues.isHexText("  \\x00".getBytes(US_ASCII))).isTrue();
    assertThat(StoredValues.isHexText("AQAC".getBytes(US_ASCII))).isFalse();
    // base64 text may start with "0x": only all-hex text is taken as hex
    assertThat(StoredValues.parse("0xAQ", "v")).isEqualTo(new byte[] {(byte) 0xd3, 0x10, 0x10});
    assertThat(StoredValues.parseBase64("0x01", "v")).isEqualTo(new byte[] {(byte) 0xd3, 0x1d, 0x35});
  }

  @Test
  void badTextIsACliException() {
    assertThatThrownBy(() -> StoredValues.parse("\\x0g", "the value")).isInstanceOf(CliException.class).hasMessage("the value is not valid hexadecimal");
    assertThatThrownBy(() -> StoredValues.parse("\\x012", "the value")).isInstanceOf(CliException.class).hasMessageContaining("odd number");
    assertThatThrownBy(() -> StoredValues.parse("a*b", "the value")).isInstanceOf(CliException.class).hasMessage("the value is not valid base64");
  }

  @Test
  void typedValues() {
    assertThat(StoredValues.parseValue(LocalDate.class, "2020-02-29")).isEqualTo(LocalDate.of(2020, 2, 29));
    assertThat(StoredValues.parseValue(Boolean.class, "true")).isEqualTo(true);
    assertThatThrownBy(() -> StoredValues.parseValue(Boolean.class, "yes")).isInstanceOf(CliException.class);
    assertThatThrownBy(() -> StoredValues.parseValue(Integer.class, "12345678901")).isInstanceOf(CliException.class)
        .hasMessage("the value is not a valid Integer");
    assertThat(StoredValues.javaType("int64")).isEqualTo(Long.class);
    assertThatThrownBy(() -> StoredValues.javaType("money")).isInstanceOf(CliException.class).hasMessageContaining("unknown --type 'money'");
    // UUID.fromString accepts "1-2-3-4-5"; a context must use the canonical 8-4-4-4-12 form
    assertThatThrownBy(() -> StoredValues.uuid("1-2-3-4-5", "--id")).isInstanceOf(CliException.class);
    assertThat(StoredValues.uuid("123E4567-E89B-12D3-A456-426614174000", "--id"))
        .isEqualTo(new UUID(0x123e4567e89b12d3L, 0xa456426614174000L));
  }

  @Test
  void toolNamesMayBePaths() {
    assertThat(ThemisTools.toolName("./tools/java/scell_seal_string_echo.java")).isEqualTo("scell_seal_string_echo");
    assertThat(ThemisTools.toolName("keygen")).isEqualTo("keygen");
    assertThat(ThemisTools.toolName("/x/y/smessage_encryption.sh")).isEqualTo("smessage_encryption");
  }
}
