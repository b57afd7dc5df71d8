package io.github.themis4j.spring.batch;

import io.github.themis4j.jpa.engine.PartitionFailure;
import io.github.themis4j.jpa.engine.ReencryptionException;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.engine.TableReport;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The worker step of a partitioned re-encryption: walks the partition named by its step execution
 * context from the engine's durable cursor to the end. The engine commits each batch with its
 * cursor in its own transaction, so a worker killed at any point loses only its open batch, and the
 * restarted step resumes after the last committed one. A failed partition fails the step (its
 * message names the table, key range and row ids, never values); stopping the step cancels the walk
 * after its batch.
 */
public final class ReencryptionPartitionTasklet implements StoppableTasklet {
  private final ReencryptionJob engine;

  public ReencryptionPartitionTasklet(ReencryptionJob engine) {
    this.engine = engine;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    ExecutionContext c = chunkContext.getStepContext().getStepExecution().getExecutionContext();
    String pass = c.getString(ReencryptionPartitioner.PASS);
    String cursor = c.getString(ReencryptionPartitioner.CURSOR);
    TableReport r = engine.runPartition(pass, cursor);
    for (long i = 0; i < r.rowsScanned(); i++) {
      contribution.incrementReadCount();
    }
    contribution.incrementWriteCount(r.rowsRewritten());
    c.putLong("themis4j.rows.scanned", r.rowsScanned());
    c.putLong("themis4j.rows.rewritten", r.rowsRewritten());
    if (!r.failedPartitions().isEmpty()) {
      PartitionFailure f = r.failedPartitions().get(0);
      throw new ReencryptionException("partition failed: " + f);
    }
    if (!r.finished()) {
      throw new ReencryptionException(
          "partition "
              + c.getString("themis4j.range")
              + " of "
              + c.getString("themis4j.table")
              + " was stopped before its end; restart the job to resume it");
    }
    return RepeatStatus.FINISHED;
  }

  @Override
  public void stop() {
    engine.cancel();
  }
}
