package io.github.themis4j.spring.batch;

import io.github.themis4j.jpa.engine.PartitionRef;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A Spring Batch {@link Partitioner} over the engine's key ranges of one pass: one worker step per
 * partition, each execution context naming the pass and the partition's cursor row (never values).
 * The ranges are the engine's own (key quantiles, recorded in the cursor table), so a Spring Batch
 * run and a {@link ReencryptionJob#run()} share their progress. {@code gridSize} is ignored: the
 * number of ranges was fixed when the walk was planned ({@code partitions} of the engine job).
 */
public final class ReencryptionPartitioner implements Partitioner {
  /** Execution-context key of the pass name. */
  public static final String PASS = "themis4j.pass";

  /** Execution-context key of the partition's cursor key. */
  public static final String CURSOR = "themis4j.cursor";

  private final ReencryptionJob engine;
  private final String pass;

  public ReencryptionPartitioner(ReencryptionJob engine, String pass) {
    this.engine = engine;
    this.pass = pass;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> out = new LinkedHashMap<>();
    for (PartitionRef p : engine.plan(pass)) {
      ExecutionContext c = new ExecutionContext();
      c.putString(PASS, pass);
      c.putString(CURSOR, p.cursorKey());
      c.putString("themis4j.table", p.table());
      c.putString("themis4j.label", p.label());
      c.putInt("themis4j.partition", p.partition());
      c.putString("themis4j.range", "(" + p.lo() + ", " + p.hi() + "]");
      out.put(pass + ":" + p.table() + ":" + p.label() + ":" + p.partition(), c);
    }
    return out;
  }
}
