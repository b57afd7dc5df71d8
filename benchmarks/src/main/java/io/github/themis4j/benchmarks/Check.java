package io.github.themis4j.benchmarks;

import java.util.Arrays;

/** Sanity checks run in {@code @Setup}: a benchmark of a broken round trip measures nothing. */
final class Check {
  private Check() {}

  static void equal(byte[] actual, byte[] expected, String what) {
    if (!Arrays.equals(actual, expected)) {
      throw new IllegalStateException(what + " does not give back the original data");
    }
  }

  static void isTrue(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException(what + " failed");
    }
  }
}
