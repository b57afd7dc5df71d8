package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.index.BlindIndexPlanner;
import org.junit.jupiter.api.Test;

/** The planner against the examples of CipherSweet's documentation (not computed by this code). */
class BlindIndexPlannerTest {
  @Test
  void fiftyThousandRowsAndNoOtherIndexGiveEightToFifteenBits() {
    BlindIndexPlanner.Range r = BlindIndexPlanner.forPopulation(50_000).recommend();
    assertThat(r.min()).isEqualTo(8);
    assertThat(r.max()).isEqualTo(15);
  }

  @Test
  void anExistingFourBitIndexOverSixteenBitsGivesFourToEleven() {
    BlindIndexPlanner.Range r =
        BlindIndexPlanner.forPopulation(50_000).withExisting(4, 16).recommend();
    assertThat(r.min()).isEqualTo(4);
    assertThat(r.max()).isEqualTo(11);
  }

  @Test
  void coincidencesFollowTheFormula() {
    // 2^20 rows, 10-bit index: 2^10 rows per index value
    assertThat(BlindIndexPlanner.forPopulation(1 << 20).coincidences(10)).isEqualTo(1024.0);
    // the input's entropy caps what the index contributes
    assertThat(BlindIndexPlanner.forPopulation(1 << 20).withInputBits(4).coincidences(10))
        .isEqualTo(65536.0);
  }

  @Test
  void tooSmallPopulationsAndImpossiblePlansAreRefused() {
    assertThatThrownBy(() -> BlindIndexPlanner.forPopulation(15))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("16");
    assertThatThrownBy(
            () -> BlindIndexPlanner.forPopulation(1000).withExisting(64, 64).recommend())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no safe index length");
  }
}
