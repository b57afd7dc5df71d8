package io.github.themis4j.spring.batch;

import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.spring.rotation.ThemisRotationAutoConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * With {@code spring-batch-core} on the class path, a {@link JobRepository} and the key rotation
 * job, offers the key rotation as a partitioned Spring Batch {@link Job} named {@value #JOB_NAME}
 * (worker steps on {@code themis4j.rotation.workers} threads), restartable from the repository.
 * Refuses a repository that cannot restart. Property {@code themis4j.rotation.batch-job.enabled}
 * ({@code true}) turns it off.
 */
@AutoConfiguration(after = ThemisRotationAutoConfiguration.class)
@ConditionalOnClass({Job.class, KeyRotationJob.class})
@ConditionalOnBean({JobRepository.class, KeyRotationJob.class, PlatformTransactionManager.class})
@ConditionalOnBooleanProperty(name = "themis4j.rotation.batch-job.enabled", matchIfMissing = true)
public final class ThemisBatchAutoConfiguration {
  /** The name of the key rotation job. */
  public static final String JOB_NAME = "themis4jKeyRotation";

  @Bean
  @ConditionalOnMissingBean
  ReencryptionBatchJobs themisReencryptionBatchJobs(
      JobRepository repository, PlatformTransactionManager transactionManager) {
    return new ReencryptionBatchJobs(repository, transactionManager);
  }

  @Bean(name = JOB_NAME)
  @ConditionalOnMissingBean(name = JOB_NAME)
  Job themis4jKeyRotation(
      ReencryptionBatchJobs jobs,
      KeyRotationJob rotation,
      @Value("${themis4j.rotation.workers:1}") int workers) {
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("themis4j-batch-");
    executor.setConcurrencyLimit(workers);
    return jobs.keyRotation(JOB_NAME, rotation, executor, workers);
  }
}
