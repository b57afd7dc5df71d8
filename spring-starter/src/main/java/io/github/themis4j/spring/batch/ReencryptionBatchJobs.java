package io.github.themis4j.spring.batch;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.RotationReport;
import java.util.List;
import java.util.logging.Logger;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds re-encryption passes as partitioned Spring Batch jobs: per pass, a manager step whose
 * {@link ReencryptionPartitioner} hands out the engine's key ranges and a worker step ({@link
 * ReencryptionPartitionTasklet}) per range. Locally the worker steps run on a {@link TaskExecutor};
 * remotely, give the manager step a {@link PartitionHandler} of Spring Batch Integration ({@code
 * MessageChannelPartitionHandler}, RabbitMQ...) and run {@link #workerStep} in the worker
 * processes. Restartable only from a persistent {@link JobRepository}: a repository that cannot
 * restart (Spring Batch 6's {@link ResourcelessJobRepository}) is refused.
 */
public final class ReencryptionBatchJobs {
  private static final Logger LOG = Logger.getLogger(ReencryptionBatchJobs.class.getName());

  private final JobRepository repository;
  private final PlatformTransactionManager transactionManager;

  public ReencryptionBatchJobs(
      JobRepository repository, PlatformTransactionManager transactionManager) {
    requireRestartable(repository);
    this.repository = repository;
    this.transactionManager = transactionManager;
  }

  /**
   * Refuses a job repository that cannot restart a job (one that keeps nothing, like {@link
   * ResourcelessJobRepository}, the default of Spring Batch 6 without a data source).
   */
  public static void requireRestartable(JobRepository repository) {
    if (repository == null) {
      throw new InvalidArgumentException("a job repository is required");
    }
    if (repository instanceof ResourcelessJobRepository
        || repository.getClass().getName().contains("Resourceless")) {
      throw new InvalidArgumentException(
          "the Spring Batch job repository "
              + repository.getClass().getSimpleName()
              + " keeps no state, so a failed or killed re-encryption job could not be restarted:"
              + " use a JDBC job repository (@EnableJdbcJobRepository, or Spring Boot's"
              + " spring-boot-batch-jdbc with a DataSource)");
    }
  }

  /** The worker step of {@code pass} (name {@code <pass>-partition}), local or remote. */
  public Step workerStep(ReencryptionJob engine, String pass) {
    return new StepBuilder(pass + "-partition", repository)
        .tasklet(new ReencryptionPartitionTasklet(engine), transactionManager)
        .build();
  }

  /** The manager step of {@code pass} over a given partition handler (remote partitioning). */
  public Step managerStep(ReencryptionJob engine, String pass, PartitionHandler handler) {
    return new StepBuilder(pass, repository)
        .partitioner(pass + "-partition", new ReencryptionPartitioner(engine, pass))
        .partitionHandler(handler)
        .build();
  }

  /** The manager step of {@code pass} running its worker steps on {@code executor}. */
  public Step localStep(ReencryptionJob engine, String pass, TaskExecutor executor, int gridSize) {
    TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
    handler.setStep(workerStep(engine, pass));
    handler.setTaskExecutor(executor);
    handler.setGridSize(gridSize);
    try {
      handler.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return managerStep(engine, pass, handler);
  }

  /**
   * The key rotation as a Spring Batch job named {@code name}: one partitioned step per pass of
   * {@link KeyRotationJob#reencryptionJob()} on {@code executor}, then a step that counts the
   * stored values per key ({@link KeyRotationJob#inventory()}) and fails if old keys are still
   * needed (restart the job after fixing what the log names).
   */
  public Job keyRotation(
      String name, KeyRotationJob rotation, TaskExecutor executor, int gridSize) {
    ReencryptionJob engine = rotation.reencryptionJob();
    List<String> passes = engine.passNames();
    SimpleJobBuilder job = null;
    for (String pass : passes) {
      Step step = localStep(engine, pass, executor, gridSize);
      job = job == null ? new JobBuilder(name, repository).start(step) : job.next(step);
    }
    Step verify = verifyStep(name, rotation);
    return (job == null ? new JobBuilder(name, repository).start(verify) : job.next(verify))
        .build();
  }

  /** A step that runs {@link KeyRotationJob#inventory()} and fails if an old key is needed. */
  public Step verifyStep(String name, KeyRotationJob rotation) {
    return new StepBuilder(name + "-verify", repository)
        .tasklet(
            (contribution, context) -> {
              RotationReport report = rotation.inventory();
              LOG.info(report::summary);
              context
                  .getStepContext()
                  .getStepExecution()
                  .getExecutionContext()
                  .putString(
                      "themis4j.old.keys.needed", String.valueOf(report.oldKeysStillNeeded()));
              if (!report.isComplete()) {
                throw new io.github.themis4j.jpa.rotation.KeyRotationException(
                    "key rotation incomplete: old keys still needed "
                        + report.oldKeysStillNeeded()
                        + ", "
                        + report.failures()
                        + " unreadable values; see the log, fix and restart the job");
              }
              return RepeatStatus.FINISHED;
            },
            transactionManager)
        .allowStartIfComplete(true)
        .build();
  }
}
