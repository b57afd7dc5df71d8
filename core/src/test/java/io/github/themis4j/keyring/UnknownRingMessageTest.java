package io.github.themis4j.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.keys.SymmetricKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A missing key ring is reported with the configured rings and the closest one. */
class UnknownRingMessageTest {
  private final KeyRings rings =
      KeyRings.of(
          KeyRing.of("default", "k1", SymmetricKey.generate()),
          KeyRing.of("pii", "p1", SymmetricKey.generate()));

  @Test
  void aMistypedRingGetsADidYouMean() {
    assertThatThrownBy(() -> rings.keyRing("pi"))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessage(
            "no key ring named 'pi' is configured; configured: 'default', 'pii'; did you mean 'pii'?");
    assertThatThrownBy(() -> rings.keyRing("Defualt"))
        .hasMessageEndingWith("did you mean 'default'?");
  }

  @Test
  void aRingFarFromEveryConfiguredOneGetsTheListOnly() {
    assertThatThrownBy(() -> rings.keyRing("payments"))
        .hasMessage("no key ring named 'payments' is configured; configured: 'default', 'pii'")
        .satisfies(e -> assertThat(((UnknownKeyException) e).keyRing()).isEqualTo("payments"));
  }

  @Test
  void aMalformedNameIsNotEchoed() {
    assertThatThrownBy(() -> rings.keyRing("pii\nFORGED LOG LINE"))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageNotContaining("FORGED")
        .hasMessageContaining("not a valid ring name");
    assertThatThrownBy(() -> rings.keyRing(null)).isInstanceOf(UnknownKeyException.class);
  }

  @Test
  void closestPrefersTheNearest() {
    assertThat(UnknownKeyException.closest("pi", List.of("pii", "pin2"))).isEqualTo("pii");
    assertThat(UnknownKeyException.closest("x", List.of("pii"))).isNull();
    assertThat(UnknownKeyException.noSuchRing("a", List.of()).getMessage())
        .isEqualTo("no key ring named 'a' is configured; no key ring is configured at all");
  }
}
