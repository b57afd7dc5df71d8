package io.github.themis4j.jpa.engine;

/**
 * A rows-per-second limit shared by every worker of a run: after each batch a worker waits until
 * the rows done so far fit the rate. Thread-safe.
 */
final class Pacer {
  private final double rowsPerSecond;
  private long nextFree = System.nanoTime();

  Pacer(double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  /** Accounts for {@code rows} just done and sleeps as long as the rate requires. */
  void acquire(int rows) throws InterruptedException {
    if (rowsPerSecond <= 0 || rows <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = Math.max(now, nextFree);
      nextFree = start + (long) (rows * 1e9 / rowsPerSecond);
      wait = nextFree - now;
    }
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
