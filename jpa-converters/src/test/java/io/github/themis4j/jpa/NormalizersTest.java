package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.index.Normalizers;
import org.junit.jupiter.api.Test;

/** The normalizers as docs/FORMAT.md section 10 defines them. */
class NormalizersTest {
  @Test
  void eachNormalizer() {
    assertThat(Normalizers.of("trim").apply("\t a b \n")).isEqualTo("a b");
    assertThat(Normalizers.of("trim").apply("\u00a0x\u00a0")).isEqualTo("\u00a0x\u00a0"); // not <= U+0020
    assertThat(Normalizers.of("lowercase").apply("ÀÉÎ İSTANBUL")).isEqualTo("àéî i̇stanbul");
    assertThat(Normalizers.of("nfkc").apply("ｆｕｌｌ①")).isEqualTo("full1");
    assertThat(Normalizers.of("digits").apply("756.1234-56 ٣")).isEqualTo("756123456");
    assertThat(Normalizers.of("last-4").apply("123456789")).isEqualTo("6789");
    assertThat(Normalizers.of("last-2").apply("a😀b")).isEqualTo("😀b"); // code points, not chars
    assertThat(Normalizers.of("last-9").apply("abc")).isEqualTo("abc");
  }

  @Test
  void appliedInOrder() {
    assertThat(Normalizers.of("digits", "last-4").apply("CH 12-34-56")).isEqualTo("3456");
    assertThat(Normalizers.of(Normalizers.NFKC, Normalizers.LOWER_CASE, Normalizers.TRIM).apply(" Ｍａｉｌ "))
        .isEqualTo("mail");
  }

  @Test
  void unknownNormalizersAreRefusedByName() {
    assertThatThrownBy(() -> Normalizers.of("upper"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'upper'");
    assertThatThrownBy(() -> Normalizers.of("last-0")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Normalizers.of("last-x")).isInstanceOf(InvalidArgumentException.class);
  }
}
