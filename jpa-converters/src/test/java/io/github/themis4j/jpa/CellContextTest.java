package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CellContextTest {
  /** The worked example of docs/FORMAT.md section 3 (computed there with Python from the rules). */
  private static final String DOC_EXAMPLE =
      "0000000e7468656d6973346a2d6a70612f31"
          + "000000047365616c"
          + "0000000576616c7565"
          + "000000026b31"
          + "0000000c6a70615f637573746f6d6572"
          + "00000005656d61696c"
          + "00000007696e7465676572"
          + "000000023432";

  @Test
  void matchesTheWorkedExampleOfTheFormatDocument() {
    byte[] ctx = CellContext.of("jpa_customer", "email", 42L).toBytes(CellMode.SEAL, false, "k1");
    assertThat(HexFormat.of().formatHex(ctx)).isEqualTo(DOC_EXAMPLE);
    assertThat(ctx).hasSize(83);
  }

  @Test
  void unboundConverterExampleOfTheFormatDocument() {
    byte[] ctx = CellContext.unbound("customer", "email").toBytes(CellMode.SEAL, false, "2026-01");
    assertThat(HexFormat.of().formatHex(ctx))
        .isEqualTo(
            "0000000e7468656d6973346a2d6a70612f31000000047365616c0000000576616c756500000007323032362d3031"
                + "00000008637573746f6d657200000005656d61696c000000046e6f6e6500000000");
  }

  @Test
  void identifierTypesAndTexts() {
    assertThat(CellContext.of("t", "c", 42).idText()).isEqualTo("42");
    assertThat(CellContext.of("t", "c", 42).idType()).isEqualTo("integer");
    assertThat(CellContext.of("t", "c", (short) -7).idText()).isEqualTo("-7");
    assertThat(CellContext.of("t", "c", new BigInteger("123456789012345678901234567890")).idText())
        .isEqualTo("123456789012345678901234567890");
    assertThat(CellContext.of("t", "c", "Ab-ç").idType()).isEqualTo("string");
    UUID u = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
    assertThat(CellContext.of("t", "c", u).idText())
        .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(CellContext.of("t", "c", u).idType()).isEqualTo("uuid");
    assertThat(CellContext.unbound("t", "c").idType()).isEqualTo("none");
    // Integer and Long ids give the same context: changing the Java id type keeps values readable
    assertThat(CellContext.of("t", "c", 5).toBytes(CellMode.SEAL, false, "k"))
        .isEqualTo(CellContext.of("t", "c", 5L).toBytes(CellMode.SEAL, false, "k"));
    assertThatThrownBy(() -> CellContext.of("t", "c", 1.5))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CellContext.of("t", "c", null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CellContext.of("", "c", 1))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void everyFieldChangesTheContext() {
    CellContext base = CellContext.of("t", "c", 1L);
    byte[] b = base.toBytes(CellMode.SEAL, false, "k1");
    assertThat(base.toBytes(CellMode.TOKEN_PROTECT, false, "k1")).isNotEqualTo(b);
    assertThat(base.toBytes(CellMode.SEAL, true, "k1")).isNotEqualTo(b);
    assertThat(base.toBytes(CellMode.SEAL, false, "k2")).isNotEqualTo(b);
    assertThat(CellContext.of("t2", "c", 1L).toBytes(CellMode.SEAL, false, "k1")).isNotEqualTo(b);
    assertThat(CellContext.of("t", "c2", 1L).toBytes(CellMode.SEAL, false, "k1")).isNotEqualTo(b);
    assertThat(CellContext.of("t", "c", 2L).toBytes(CellMode.SEAL, false, "k1")).isNotEqualTo(b);
    assertThat(CellContext.of("t", "c", "1").toBytes(CellMode.SEAL, false, "k1")).isNotEqualTo(b);
    // length prefixes keep field boundaries unambiguous
    assertThat(CellContext.of("ab", "c", 1L).toBytes(CellMode.SEAL, false, "k1"))
        .isNotEqualTo(CellContext.of("a", "bc", 1L).toBytes(CellMode.SEAL, false, "k1"));
  }

  @Test
  void canonicalNames() {
    assertThat(CellContext.canonicalName("Customer_Account")).isEqualTo("customer_account");
    assertThat(CellContext.canonicalName("\"MixedCase\"")).isEqualTo("mixedcase");
    assertThat(CellContext.canonicalName("`Tbl`")).isEqualTo("tbl");
    assertThat(CellContext.canonicalName("[Tbl]")).isEqualTo("tbl");
    assertThat(CellContext.canonicalName("ÄÖÜ_X")).isEqualTo("ÄÖÜ_x"); // ASCII letters only
  }

  @Test
  void contextImprintHasNoKeyIdAndNoEmptyKind() {
    CellContext c = CellContext.of("t", "c", 1L);
    assertThatThrownBy(() -> c.toBytes(CellMode.CONTEXT_IMPRINT, false, "k1"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.toBytes(CellMode.CONTEXT_IMPRINT, true, ""))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.toBytes(CellMode.SEAL, false, ""))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> c.toBytes(CellMode.SEAL, false, "bad id!"))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
