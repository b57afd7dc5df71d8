package io.github.themis4j.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented contract of {@link KeyRing}, its builder and {@link KeyRings}. */
class KeyRingTest {
  private static final SymmetricKey OLD = SymmetricKey.generate();
  private static final SymmetricKey NEW = SymmetricKey.generate();

  @Test
  void builderAddsKeysInOrderAndNamesTheActiveOne() {
    KeyRing ring = KeyRing.builder("pii").active("2026-11").add("2026-01", OLD).add("2026-11", NEW).build();
    assertThat(ring.name()).isEqualTo("pii");
    assertThat(ring.activeKeyId()).isEqualTo("2026-11");
    assertThat(ring.activeKey()).isSameAs(NEW);
    assertThat(ring.key("2026-01")).isSameAs(OLD);
    assertThat(ring.keyIds()).containsExactly("2026-01", "2026-11");
    assertThat(ring.contains("2026-01")).isTrue();
    assertThat(ring.contains("2027-01")).isFalse();
    assertThat(ring.contains(null)).isFalse();
    assertThatThrownBy(() -> ring.keyIds().add("x")).isInstanceOf(UnsupportedOperationException.class);

    KeyRing rolledBack = ring.withActive("2026-01");
    assertThat(rolledBack.activeKey()).isSameAs(OLD);
    assertThat(ring.activeKey()).isSameAs(NEW);
    assertThatThrownBy(() -> ring.withActive("2027-01")).isInstanceOf(UnknownKeyException.class);

    KeyRing single = KeyRing.of("tokens", "k1", OLD);
    assertThat(single.activeKeyId()).isEqualTo("k1");
    assertThat(single.keyIds()).containsExactly("k1");
  }

  @Test
  void builderRejectsBadNamesDuplicatesAndAMissingActiveKey() {
    assertThatThrownBy(() -> KeyRing.builder(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyRing.builder("has space")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyRing.builder("x".repeat(65))).isInstanceOf(InvalidArgumentException.class);
    assertThat(KeyRing.builder("x".repeat(64))).isNotNull();
    KeyRing.Builder b = KeyRing.builder("r");
    assertThatThrownBy(() -> b.add("k", null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> b.add("", OLD)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> b.active(null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(b::build).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no keys");
    b.add("k", OLD);
    assertThatThrownBy(() -> b.add("k", NEW)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("two keys");
    assertThatThrownBy(b::build).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no active key");
    b.active("other");
    assertThatThrownBy(b::build).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("does not hold");
  }

  @Test
  void checkIdValidatesWithoutEchoingTheValue() {
    assertThat(KeyRing.checkId("a.B_9-z", "key id")).isEqualTo("a.B_9-z");
    assertThatThrownBy(() -> KeyRing.checkId("bad\nid", "key id"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("key id ")
        .hasMessageNotContaining("bad");
    assertThatThrownBy(() -> KeyRing.checkId(null, "key ring name")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void unknownKeysFailClosedAndMalformedIdsAreNotEchoed() {
    KeyRing ring = KeyRing.of("pii", "k1", OLD);
    assertThatThrownBy(() -> ring.key("k2"))
        .isInstanceOfSatisfying(UnknownKeyException.class, e -> {
          assertThat(e.keyRing()).isEqualTo("pii");
          assertThat(e.keyId()).isEqualTo("k2");
        })
        .hasMessageContaining("'k2'");
    assertThatThrownBy(() -> ring.key("evil\r\nLOG LINE"))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("malformed key id")
        .hasMessageNotContaining("LOG LINE");
    assertThatThrownBy(() -> ring.key(null)).isInstanceOf(UnknownKeyException.class);
  }

  @Test
  void keyRingsFindsRingsByName() {
    KeyRing a = KeyRing.of("a", "k", OLD);
    KeyRing b = KeyRing.of("b", "k", NEW);
    KeyRings rings = KeyRings.of(a, b);
    assertThat(rings.keyRing("b")).isSameAs(b);
    assertThat(rings.all()).containsExactly(a, b);
    assertThat(KeyRings.of(List.of(b, a)).all()).containsExactly(b, a);
    assertThat(KeyRings.of().all()).isEmpty();
    assertThatThrownBy(() -> rings.keyRing("c"))
        .isInstanceOfSatisfying(UnknownKeyException.class, e -> {
          assertThat(e.keyRing()).isEqualTo("c");
          assertThat(e.keyId()).isNull();
        });
    assertThatThrownBy(() -> KeyRings.of((KeyRing[]) null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyRings.of((List<KeyRing>) null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyRings.of(a, null)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KeyRings.of(a, KeyRing.of("a", "k2", NEW)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("two key rings");
  }
}
