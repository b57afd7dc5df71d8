package io.github.themis4j.keys;

import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymmetricKeyTest {
  @Test
  void generatesDistinct32ByteKeys() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      byte[] k = SymmetricKey.generate().toByteArray();
      assertThat(k).hasSize(SymmetricKey.DEFAULT_LENGTH).hasSize(32);
      assertThat(seen.add(hex(k))).isTrue();
    }
  }

  @Test
  void importsAnyNonEmptyLengthAndCopies() {
    for (int len : new int[] {1, 7, 16, 32, 33, 100, 1168}) {
      byte[] bytes = new byte[len];
      bytes[0] = 42;
      SymmetricKey key = SymmetricKey.fromBytes(bytes);
      assertThat(key.length()).isEqualTo(len);
      bytes[0] = 0;
      assertThat(key.toByteArray()[0]).isEqualTo((byte) 42);
      key.toByteArray()[0] = 1;
      assertThat(key.toByteArray()[0]).isEqualTo((byte) 42);
    }
  }

  @Test
  void rejectsNullAndEmpty() {
    assertThatThrownBy(() -> SymmetricKey.fromBytes(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> SymmetricKey.fromBytes(new byte[0]))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void equalityByContentAndNoKeyInToString() {
    byte[] bytes = hex("00112233445566778899aabbccddeeff");
    SymmetricKey a = SymmetricKey.fromBytes(bytes);
    assertThat(a)
        .isEqualTo(SymmetricKey.fromBytes(bytes))
        .isNotEqualTo(SymmetricKey.fromBytes(new byte[16]));
    assertThat(a.hashCode()).isEqualTo(SymmetricKey.fromBytes(new byte[16]).hashCode());
    assertThat(a.toString()).doesNotContain("0011", "ccdd").contains("16 bytes", "redacted");
  }
}
