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

  /** LP(s) built independently with a strict JDK encoder, as docs/FORMAT.md defines it. */
  private static void lp(java.io.ByteArrayOutputStream out, String s) throws Exception {
    java.nio.ByteBuffer b =
        java.nio.charset.StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .encode(java.nio.CharBuffer.wrap(s));
    byte[] v = new byte[b.remaining()];
    b.get(v);
    out.write(java.nio.ByteBuffer.allocate(4).putInt(v.length).array());
    out.write(v);
  }

  @Test
  void nonAsciiFieldsAreUtf8AsDocumented() throws Exception {
    // 1-, 2-, 3- and 4-byte UTF-8 sequences in the table, column and string id
    String table = "t\u00e9ble_\u20ac";
    String column = "col\ud83d\ude00";
    String id = "\u00fcber-\u4e2d\ud834\udd1e";
    for (CellMode mode : new CellMode[] {CellMode.SEAL, CellMode.TOKEN_PROTECT}) {
      for (boolean empty : new boolean[] {false, true}) {
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (String f :
            new String[] {
              "themis4j-jpa/1", mode.contextName(), empty ? "empty" : "value", "key-2026.01_a",
              table, column, "string", id
            }) {
          lp(expected, f);
        }
        assertThat(CellContext.of(table, column, id).toBytes(mode, empty, "key-2026.01_a"))
            .isEqualTo(expected.toByteArray());
      }
    }
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (String f :
        new String[] {"themis4j-jpa/1", "context-imprint", "value", "", table, column, "none", ""}) {
      lp(expected, f);
    }
    assertThat(CellContext.unbound(table, column).toBytes(CellMode.CONTEXT_IMPRINT, false, ""))
        .isEqualTo(expected.toByteArray());
  }

  @Test
  void unpairedSurrogatesAndBadKeyIdsAreRejected() {
    assertThatThrownBy(() -> CellContext.unbound("t\ud800", "c"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> CellContext.unbound("t", "\udc00c"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CellContext.of("t", "c", "id\ud83d").toBytes(CellMode.SEAL, false, "k"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
    CellContext c = CellContext.of("t", "c", 1L);
    for (String bad : new String[] {"", "k 1", "k\u00e9", "x".repeat(65), "k/1"}) {
      assertThatThrownBy(() -> c.toBytes(CellMode.SEAL, false, bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("key id");
    }
    assertThatThrownBy(() -> c.toBytes(CellMode.SEAL, false, null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(c.toBytes(CellMode.SEAL, false, "x".repeat(64))).isNotEmpty();
  }
}
