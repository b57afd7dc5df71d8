package io.github.themis4j.jpa.index;

import io.github.themis4j.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recommends the length of a truncated blind index (the sizing rule of CipherSweet's planner, see
 * {@code docs/FORMAT.md} section 10): with R rows and indexes of Lᵢ bits over inputs of Kᵢ bits of
 * entropy, C = R / 2^(Σ min(Lᵢ, Kᵢ)) rows share one combination of index values on average. The
 * recommended lengths keep C between 2 (every index value hides at least two rows) and √R (a lookup
 * reads few candidates).
 *
 * <pre>{@code
 * BlindIndexPlanner.Range r = BlindIndexPlanner.forPopulation(50_000).recommend();   // 8..15 bits
 * BlindIndexPlanner.forPopulation(50_000).withExisting(4, 16).recommend();            // 4..11 bits
 * }</pre>
 *
 * <p>Immutable; {@code with...} methods return new planners.
 */
public final class BlindIndexPlanner {
  private final long population;
  private final List<int[]> existing;
  private final int inputBits;

  private BlindIndexPlanner(long population, List<int[]> existing, int inputBits) {
    this.population = population;
    this.existing = List.copyOf(existing);
    this.inputBits = inputBits;
  }

  /**
   * A planner for a table expected to hold {@code rows} rows (at least 16).
   *
   * @throws InvalidArgumentException for fewer than 16 rows: too few for a truncated index to hide
   *     anything
   */
  public static BlindIndexPlanner forPopulation(long rows) {
    if (rows < 16) {
      throw new InvalidArgumentException(
          "a population of " + rows + " rows is too small to plan a truncated index (16 or more)");
    }
    return new BlindIndexPlanner(rows, List.of(), 256);
  }

  /** Declares another index on the same rows: {@code bits} long over {@code inputBits} of input. */
  public BlindIndexPlanner withExisting(int bits, int inputBits) {
    check(bits, "bits");
    check(inputBits, "input bits");
    List<int[]> e = new ArrayList<>(existing);
    e.add(new int[] {bits, inputBits});
    return new BlindIndexPlanner(population, e, this.inputBits);
  }

  /** Declares the entropy of the new index's input (for example 14 bits for 4-digit codes). */
  public BlindIndexPlanner withInputBits(int bits) {
    check(bits, "input bits");
    return new BlindIndexPlanner(population, existing, bits);
  }

  private static void check(int v, String what) {
    if (v < 1 || v > 256) {
      throw new InvalidArgumentException(what + " must be from 1 to 256, not " + v);
    }
  }

  /** The expected number of rows sharing index values when the new index has {@code bits}. */
  public double coincidences(int bits) {
    int sum = Math.min(bits, inputBits);
    for (int[] e : existing) {
      sum += Math.min(e[0], e[1]);
    }
    return population / Math.pow(2, sum);
  }

  /**
   * The recommended range of index lengths.
   *
   * @throws InvalidArgumentException when no length is safe (the other indexes already narrow the
   *     rows down to fewer than 2 per combination)
   */
  public Range recommend() {
    double root = Math.sqrt(population);
    int max = -1;
    for (int l = 256; l >= 1; l--) {
      if (coincidences(l) >= 2) {
        max = Math.min(256, l + 1);
        break;
      }
    }
    if (max < 0) {
      throw new InvalidArgumentException(
          "no safe index length: the other indexes already leave fewer than 2 rows per"
              + " combination of values; use a compound index or fewer bits elsewhere");
    }
    int min = max;
    for (int l = 1; l <= max; l++) {
      double c = coincidences(l);
      if (c >= 2 && c <= root) {
        min = l;
        break;
      }
    }
    return new Range(min, max);
  }

  /** A range of index lengths in bits. */
  public static final class Range {
    private final int min;
    private final int max;

    Range(int min, int max) {
      this.min = min;
      this.max = max;
    }

    public int min() {
      return min;
    }

    public int max() {
      return max;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Range && ((Range) o).min == min && ((Range) o).max == max;
    }

    @Override
    public int hashCode() {
      return min * 257 + max;
    }

    @Override
    public String toString() {
      return min + ".." + max + " bits";
    }
  }
}
