package io.github.themis4j.spring.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.spring.e2e.KeyRotationSpringBootTest;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * The key rotation as a partitioned Spring Batch job in a whole application, with a JDBC job
 * repository: every partition a step, a failed run restarted from the repository, and a repository
 * that cannot restart refused.
 */
class KeyRotationBatchJobTest {

  /** What an application adds to get the job: Spring Batch with a JDBC job repository. */
  @Configuration(proxyBeanMethods = false)
  @EnableBatchProcessing
  @EnableJdbcJobRepository
  static class BatchConfig {
    @Bean
    DataSourceInitializer batchSchema(DataSource dataSource) {
      DataSourceInitializer init = new DataSourceInitializer();
      init.setDataSource(dataSource);
      init.setDatabasePopulator(
          new ResourceDatabasePopulator(
              new ClassPathResource("org/springframework/batch/core/schema-h2.sql")));
      return init;
    }
  }

  @Test
  void theRotationRunsAsAPartitionedJobAndAFailedRunIsRestartedFromTheRepository()
      throws Exception {
    String db = KeyRotationSpringBootTest.insertPatients(300);
    try (ConfigurableApplicationContext app =
        new org.springframework.boot.builder.SpringApplicationBuilder(
                io.github.themis4j.spring.e2e.E2eApplication.class, BatchConfig.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.hibernate.ddl-auto=update",
                "spring.main.banner-mode=off",
                "themis4j.rotation.workers=3",
                "themis4j.rotation.partitions=6",
                "themis4j.rotation.batch-size=20")
            .properties(KeyRotationSpringBootTest.DEFAULT_RING)
            .properties(KeyRotationSpringBootTest.PII_K1_K2)
            .run()) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      // one value that cannot be decrypted: the verify step fails the first run
      Long bad = jdbc.queryForObject("select min(id) from patient", Long.class);
      jdbc.update("update patient set name = ? where id = ?", new byte[] {1, 2, 3}, bad);

      Job job = app.getBean(ThemisBatchAutoConfiguration.JOB_NAME, Job.class);
      JobOperator operator = app.getBean(JobOperator.class);
      JobExecution first =
          operator.start(job, new JobParametersBuilder().addString("run", "1").toJobParameters());
      assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
      List<StepExecution> partitions =
          first.getStepExecutions().stream()
              .filter(s -> s.getStepName().startsWith("key-rotation-partition"))
              .toList();
      assertThat(partitions).as("a step per key range").hasSize(6);
      assertThat(partitions).allMatch(s -> s.getStatus() == BatchStatus.COMPLETED);
      assertThat(partitions.stream().mapToLong(StepExecution::getReadCount).sum()).isEqualTo(300);
      assertThat(
              first.getStepExecutions().stream()
                  .filter(s -> s.getStepName().endsWith("-verify"))
                  .map(StepExecution::getStatus)
                  .collect(Collectors.toList()))
          .containsExactly(BatchStatus.FAILED);
      List<String> keys =
          jdbc.queryForList("select name from patient where id <> ?", byte[].class, bad).stream()
              .map(io.github.themis4j.jpa.EncryptedValueCodec::storedKeyId)
              .toList();
      assertThat(keys).hasSize(299).containsOnly("k2");

      // the operator removes the bad row and restarts the job: completed steps are not run again
      jdbc.update("delete from patient where id = ?", bad);
      JobExecution second = operator.restart(first);
      assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      assertThat(second.getStepExecutions())
          .extracting(StepExecution::getStepName)
          .containsExactly(ThemisBatchAutoConfiguration.JOB_NAME + "-verify");
    }
  }

  @Test
  void aRepositoryThatCannotRestartIsRefused() {
    assertThatThrownBy(
            () ->
                new ReencryptionBatchJobs(
                    new ResourcelessJobRepository(),
                    new AbstractPlatformTransactionManager() {
                      @Override
                      protected Object doGetTransaction() {
                        return new Object();
                      }

                      @Override
                      protected void doBegin(
                          Object t, org.springframework.transaction.TransactionDefinition d) {}

                      @Override
                      protected void doCommit(
                          org.springframework.transaction.support.DefaultTransactionStatus s) {}

                      @Override
                      protected void doRollback(
                          org.springframework.transaction.support.DefaultTransactionStatus s) {}
                    }))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("ResourcelessJobRepository keeps no state")
        .hasMessageContaining("JDBC job repository");
  }
}
