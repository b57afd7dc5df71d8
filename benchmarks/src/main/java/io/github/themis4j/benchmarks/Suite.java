package io.github.themis4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite (or the benchmarks matching the given regular expressions) with the JMH GC
 * profiler, then writes JMH's JSON and a Markdown report in which every themis4j figure marked with
 * {@link Baseline} is shown as a ratio to its raw primitive, measured in the same run.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.themis4j.benchmarks.Suite \
 *     [--short | --full | --smoke] [--out DIR] [REGEX...]
 * </pre>
 *
 * <ul>
 *   <li>{@code --short} (default): 1 fork, 3 warm-up and 3 measured iterations of 0.5 s each; the
 *       whole suite takes under 10 minutes on 2 cores.
 *   <li>{@code --full}: 2 forks, 5 warm-up and 5 measured iterations of 2 s each (about an hour).
 *   <li>{@code --smoke}: 1 fork, one 100 ms iteration each: only checks that every benchmark runs.
 * </ul>
 */
public final class Suite {
  private Suite() {}

  /**
   * Benchmarks timed as single shots (each operation takes a substantial fraction of a second):
   * they run separately, with a count of warm-up and measured shots instead of timed iterations.
   */
  static final String SINGLE_SHOT = "io\\.github\\.themis4j\\.benchmarks\\.jpa\\.JpaBenchmark\\.";

  private static final List<String> SINGLE_SHOT_BENCHMARKS = List.of(
      "io.github.themis4j.benchmarks.jpa.JpaBenchmark.persistAndLoadEncrypted",
      "io.github.themis4j.benchmarks.jpa.JpaBenchmark.persistAndLoadPlain");

  private enum Mode {
    SHORT(1, 3, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(500), 6, 6),
    FULL(2, 5, TimeValue.seconds(2), 5, TimeValue.seconds(2), 10, 10),
    SMOKE(1, 1, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100), 1, 1);

    final int forks;
    final int warmups;
    final TimeValue warmupTime;
    final int iterations;
    final TimeValue iterationTime;
    final int singleShotWarmups;
    final int singleShots;

    Mode(int forks, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime,
        int singleShotWarmups, int singleShots) {
      this.forks = forks;
      this.warmups = warmups;
      this.warmupTime = warmupTime;
      this.iterations = iterations;
      this.iterationTime = iterationTime;
      this.singleShotWarmups = singleShotWarmups;
      this.singleShots = singleShots;
    }
  }

  public static void main(String[] args) throws RunnerException {
    Mode mode = Mode.SHORT;
    Path out = Paths.get("benchmarks", "results");
    List<String> includes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--short":
          mode = Mode.SHORT;
          break;
        case "--full":
          mode = Mode.FULL;
          break;
        case "--smoke":
          mode = Mode.SMOKE;
          break;
        case "--out":
          if (i + 1 >= args.length) {
            usage("--out needs a directory");
          }
          out = Paths.get(args[++i]);
          break;
        case "-h":
        case "--help":
          usage(null);
          break;
        default:
          if (args[i].startsWith("-")) {
            usage("unknown option " + args[i]);
          }
          includes.add(args[i]);
      }
    }
    if (includes.isEmpty()) {
      includes.add(Suite.class.getPackageName() + "\\..*Benchmark\\..*");
    }

    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    String base = stamp + "-" + mode.name().toLowerCase(Locale.ROOT);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path json = out.resolve(base + ".json");

    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(mode.forks)
        .warmupIterations(mode.warmups)
        .warmupTime(mode.warmupTime)
        .measurementIterations(mode.iterations)
        .measurementTime(mode.iterationTime)
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuTimeProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .exclude(SINGLE_SHOT)
        // needs the PostgreSQL server and minutes per trial: run it on its own (BENCHMARKS.md)
        .exclude("RotationPostgresBenchmark");
    for (String include : includes) {
      options.include(include);
    }
    boolean singleShots = includes.stream()
        .anyMatch(i -> SINGLE_SHOT_BENCHMARKS.stream().anyMatch(b -> Pattern.compile(i).matcher(b).find()));

    Environment before = Environment.capture();
    Instant start = Instant.now();
    List<RunResult> results = new ArrayList<>();
    try {
      results.addAll(new Runner(options.build()).run());
    } catch (NoBenchmarksException e) {
      // Only single-shot benchmarks were selected.
    }
    if (singleShots) {
      Path singleShotJson = out.resolve(base + "-single-shot.json");
      ChainedOptionsBuilder single = new OptionsBuilder()
          .forks(mode.forks)
          .warmupIterations(mode.singleShotWarmups)
          .measurementIterations(mode.singleShots)
          .addProfiler(GCProfiler.class)
          .addProfiler(CpuTimeProfiler.class)
          .resultFormat(ResultFormatType.JSON)
          .result(singleShotJson.toString())
          .include(SINGLE_SHOT);
      results.addAll(new Runner(single.build()).run());
    }
    Duration elapsed = Duration.between(start, Instant.now());
    Environment after = Environment.capture();

    String command = System.getProperty("themis4j.bench.command", "Suite " + String.join(" ", args));
    String report = report(results, mode, command, before, after, elapsed, json);
    Path md = out.resolve(base + ".md");
    try {
      Files.writeString(md, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println();
    System.out.println(report);
    System.out.println("JMH results: " + json);
    System.out.println("Report:      " + md);
  }

  private static void usage(String error) {
    PrintStream s = error == null ? System.out : System.err;
    if (error != null) {
      s.println("error: " + error);
    }
    s.println("usage: Suite [--short | --full | --smoke] [--out DIR] [REGEX...]");
    s.println("  --short  1 fork, 3x0.5s warm-up, 3x0.5s measurement (default; under 10 minutes on 2 cores)");
    s.println("  --full   2 forks, 5x2s warm-up, 5x2s measurement");
    s.println("  --smoke  1 fork, 1x100ms each: checks that the benchmarks run, measures nothing");
    s.println("  REGEX    only the benchmarks whose name matches (e.g. SecureCell.*seal)");
    System.exit(error == null ? 0 : 2);
  }

  // --- Report ------------------------------------------------------------------------------------

  /** One row: a benchmark with one set of parameters. */
  private static final class Row {
    final String className;
    final String method;
    final String params;
    final double score;
    final double error;
    final String unit;
    final double allocBytes;
    final double cpu;

    Row(RunResult r) {
      BenchmarkParams p = r.getParams();
      String name = p.getBenchmark();
      int dot = name.lastIndexOf('.');
      this.className = name.substring(0, dot);
      this.method = name.substring(dot + 1);
      this.params =
          p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).collect(Collectors.joining(" "));
      Result<?> primary = r.getPrimaryResult();
      this.score = primary.getScore();
      this.error = primary.getScoreError();
      this.unit = primary.getScoreUnit();
      double alloc = Double.NaN;
      double cpuTime = Double.NaN;
      for (String label : r.getSecondaryResults().keySet()) {
        if (label.endsWith("gc.alloc.rate.norm")) {
          alloc = r.getSecondaryResults().get(label).getScore();
        } else if (label.equals(CpuTimeProfiler.LABEL)) {
          cpuTime = r.getSecondaryResults().get(label).getScore();
        }
      }
      this.allocBytes = alloc;
      this.cpu = cpuTime;
    }

    String key() {
      return className + "." + method + "|" + params;
    }

    String simpleClass() {
      return className.substring(className.lastIndexOf('.') + 1).replace("Benchmark", "");
    }
  }

  static String report(
      Collection<RunResult> results, Mode mode, String command, Environment before, Environment after,
      Duration elapsed, Path json) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult r : results) {
      Row row = new Row(r);
      rows.put(row.key(), row);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("## Run of ").append(DateTimeFormatter.ISO_INSTANT.format(before.time)).append('\n').append('\n');
    sb.append("| | |\n|---|---|\n");
    sb.append("| command | `").append(command).append("` |\n");
    sb.append("| mode | ").append(mode.name().toLowerCase(Locale.ROOT)).append(": ").append(mode.forks)
        .append(" fork(s), ").append(mode.warmups).append(" x ").append(mode.warmupTime).append(" warm-up, ")
        .append(mode.iterations).append(" x ").append(mode.iterationTime)
        .append(" measurement; single-shot benchmarks ")
        .append(mode.singleShotWarmups).append(" + ").append(mode.singleShots)
        .append(" shots; GC and CPU-time profilers |\n");
    sb.append("| JVM | ").append(before.jvm).append(" |\n");
    sb.append("| machine | ").append(before.cpu).append(", ").append(before.cores).append(" cores, ")
        .append(before.os).append(" |\n");
    sb.append("| load average (1/5/15 min) | before ").append(before.load).append("; after ").append(after.load)
        .append(" |\n");
    sb.append("| duration | ").append(elapsed.toMinutes()).append(" min ").append(elapsed.toSecondsPart())
        .append(" s |\n");
    sb.append("| raw results | `").append(json).append("` (and `-single-shot.json` beside it) |\n\n");

    sb.append("### themis4j against its raw primitive\n\n");
    sb.append("Cost ratio = themis4j time / raw time (1.00 = as fast as the raw primitive); ")
        .append("throughput = raw time / themis4j time; CPU ratio = the same ratio of the CPU time the ")
        .append("benchmark thread used per operation (robust when other processes share the cores).\n\n");
    sb.append("| benchmark | params | themis4j | raw primitive | raw | cost ratio | throughput | CPU ratio | ")
        .append("alloc themis4j | alloc raw |\n");
    sb.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows.values()) {
      String baseline = baselineOf(row);
      if (baseline == null) {
        continue;
      }
      Row raw = rows.get(row.className + "." + baseline + "|" + row.params);
      sb.append("| ").append(row.simpleClass()).append('.').append(row.method)
          .append(" | ").append(row.params)
          .append(" | ").append(score(row))
          .append(" | ").append(baseline)
          .append(" | ").append(raw == null ? "not run" : score(raw))
          .append(" | ").append(raw == null ? "" : String.format(Locale.ROOT, "%.2f", row.score / raw.score))
          .append(" | ")
          .append(raw == null ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * raw.score / row.score))
          .append(" | ").append(raw == null || Double.isNaN(row.cpu) || Double.isNaN(raw.cpu)
              ? "" : String.format(Locale.ROOT, "%.2f", row.cpu / raw.cpu))
          .append(" | ").append(bytes(row.allocBytes))
          .append(" | ").append(raw == null ? "" : bytes(raw.allocBytes))
          .append(" |\n");
    }

    sb.append("\n### All results\n\n");
    sb.append("| benchmark | params | score | error (99.9 %) | unit | CPU time/op | alloc/op |\n");
    sb.append("|---|---|---:|---:|---|---:|---:|\n");
    for (Row row : rows.values()) {
      sb.append("| ").append(row.simpleClass()).append('.').append(row.method)
          .append(" | ").append(row.params)
          .append(" | ").append(number(row.score))
          .append(" | ").append(Double.isNaN(row.error) ? "" : number(row.error))
          .append(" | ").append(row.unit)
          .append(" | ").append(number(row.cpu))
          .append(" | ").append(bytes(row.allocBytes))
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String baselineOf(Row row) {
    try {
      Class<?> c = Class.forName(row.className);
      for (Method m : c.getMethods()) {
        if (m.getName().equals(row.method) && m.isAnnotationPresent(Baseline.class)) {
          return m.getAnnotation(Baseline.class).value();
        }
      }
    } catch (ClassNotFoundException e) {
      // Not one of ours: no baseline.
    }
    return null;
  }

  private static String score(Row row) {
    return number(row.score) + " " + row.unit;
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "";
    }
    if (b >= 10 * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
    }
    if (b >= 10 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B", b);
  }

  /** What the report says about the machine, captured before and after the run. */
  static final class Environment {
    final Instant time;
    final String jvm;
    final String os;
    final String cpu;
    final int cores;
    final String load;

    private Environment(Instant time, String jvm, String os, String cpu, int cores, String load) {
      this.time = time;
      this.jvm = jvm;
      this.os = os;
      this.cpu = cpu;
      this.cores = cores;
      this.load = load;
    }

    static Environment capture() {
      String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
          + " (" + System.getProperty("java.vm.vendor") + ")";
      String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch");
      String cpu = "unknown CPU";
      String load = "unknown";
      try {
        for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
          if (line.startsWith("model name")) {
            cpu = line.substring(line.indexOf(':') + 1).trim();
            break;
          }
        }
        String[] l = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
        load = l[0] + " / " + l[1] + " / " + l[2];
      } catch (IOException | RuntimeException e) {
        // Not Linux: leave the fields unknown.
      }
      return new Environment(Instant.now(), jvm, os, cpu, Runtime.getRuntime().availableProcessors(), load);
    }
  }
}
