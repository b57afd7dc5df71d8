package io.github.themis4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time consumed by the benchmark's worker threads per operation ({@code cpu.time.norm}, in the
 * benchmark's time unit), a secondary result next to JMH's wall-clock score.
 *
 * <p>On a shared machine the wall-clock time of an operation includes the time its thread waited
 * for a core; its CPU time does not, so ratios of CPU times stay meaningful when other processes
 * compete for the cores (caches and memory bandwidth are still shared). It leaves out the JIT
 * compiler and the garbage collector threads. Use with {@code -prof
 * io.github.themis4j.benchmarks.CpuTimeProfiler}; {@link Suite} always adds it.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** The label of the result. */
  public static final String LABEL = "cpu.time.norm";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = workerCpuNanos() - before;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0 || cpu < 0) {
      return List.of();
    }
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double perOp = (double) cpu / ops / TimeUnit.NANOSECONDS.convert(1, unit);
    return List.of(new ScalarResult(LABEL, perOp, shortName(unit) + "/op", AggregationPolicy.AVG));
  }

  /**
   * Total CPU time of the live JMH worker threads. A worker started during the iteration counts
   * from zero, which is right: all its CPU time falls inside the iteration.
   */
  private long workerCpuNanos() {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains("jmh-worker")) {
        long ns = threads.getThreadCpuTime(t.getId());
        if (ns > 0) {
          sum += ns;
        }
      }
    }
    return sum;
  }

  private static String shortName(TimeUnit unit) {
    switch (unit) {
      case NANOSECONDS:
        return "ns";
      case MICROSECONDS:
        return "us";
      case MILLISECONDS:
        return "ms";
      case SECONDS:
        return "s";
      default:
        return unit.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
