package io.github.themis4j.spring.rotation;

import io.github.themis4j.jpa.rotation.KeyRotationJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the key rotation job ({@code themis4j.rotation.*}). The job re-encrypts stored
 * {@code @Encrypted} values not under their key ring's active key; see {@code
 * docs/KEY-ROTATION.md}.
 *
 * <pre>
 * # run it once at startup (for example as a one-off command: java -jar app.jar --themis4j.rotation.run=true
 * #   --spring.main.web-application-type=none), then the application exits when nothing else keeps it alive
 * themis4j.rotation.run=true
 * themis4j.rotation.batch-size=500
 * themis4j.rotation.pause=20ms
 * # Context Imprint attributes record no key id: name the old and the new key per ring
 * themis4j.rotation.context-imprint.pii.from=2026-01
 * themis4j.rotation.context-imprint.pii.to=2026-11
 * </pre>
 */
@ConfigurationProperties("themis4j.rotation")
public class ThemisRotationProperties {
  /** Whether to provide the key rotation job bean (and its endpoint and metrics). */
  private boolean enabled = true;

  /** Whether to run the rotation once when the application has started (an ApplicationRunner). */
  private boolean run = false;

  /** Whether a rotation run at startup that leaves values under old keys fails the startup. */
  private boolean failOnIncomplete = false;

  /** Rows per batch, each batch in its own transaction. */
  private int batchSize = KeyRotationJob.DEFAULT_BATCH_SIZE;

  /** Pause after every batch, to spare a busy database. */
  private Duration pause = Duration.ZERO;

  /** How often a failing batch is tried before the run stops. */
  private int maxAttempts = 5;

  /** Whether to count the stored values per key id after a run, for the report. */
  private boolean verify = true;

  /** JPA entity names to rotate; empty means every entity with encrypted attributes. */
  private List<String> entities = new ArrayList<>();

  /** Table keeping the job's durable cursors (one row per key range of each table). */
  private String progressTable = KeyRotationJob.DEFAULT_PROGRESS_TABLE;

  /** Whether to create the progress table when it is missing. */
  private boolean createProgressTable = true;

  /** Old and new key of the Context Imprint attributes, by key ring name. */
  private Map<String, ContextImprintKeys> contextImprint = new LinkedHashMap<>();

  /** Worker threads; each table is split into key ranges walked in parallel. */
  private int workers = 1;

  /** Key ranges per table (0: 1 for one worker, else 4 per worker). */
  private int partitions = 0;

  /** The most rows per second over all workers (0: no limit). */
  private double rowsPerSecond = 0;

  /** Whether a failed key range stops the run (else the report names it and the others go on). */
  private boolean failFast = true;

  public int getWorkers() {
    return workers;
  }

  public void setWorkers(int workers) {
    this.workers = workers;
  }

  public int getPartitions() {
    return partitions;
  }

  public void setPartitions(int partitions) {
    this.partitions = partitions;
  }

  public double getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public boolean isFailFast() {
    return failFast;
  }

  public void setFailFast(boolean failFast) {
    this.failFast = failFast;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isRun() {
    return run;
  }

  public void setRun(boolean run) {
    this.run = run;
  }

  public boolean isFailOnIncomplete() {
    return failOnIncomplete;
  }

  public void setFailOnIncomplete(boolean failOnIncomplete) {
    this.failOnIncomplete = failOnIncomplete;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getPause() {
    return pause;
  }

  public void setPause(Duration pause) {
    this.pause = pause;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public boolean isVerify() {
    return verify;
  }

  public void setVerify(boolean verify) {
    this.verify = verify;
  }

  public List<String> getEntities() {
    return entities;
  }

  public void setEntities(List<String> entities) {
    this.entities = entities;
  }

  public String getProgressTable() {
    return progressTable;
  }

  public void setProgressTable(String progressTable) {
    this.progressTable = progressTable;
  }

  public boolean isCreateProgressTable() {
    return createProgressTable;
  }

  public void setCreateProgressTable(boolean createProgressTable) {
    this.createProgressTable = createProgressTable;
  }

  public Map<String, ContextImprintKeys> getContextImprint() {
    return contextImprint;
  }

  public void setContextImprint(Map<String, ContextImprintKeys> contextImprint) {
    this.contextImprint = contextImprint;
  }

  /** The old and the new key id of one ring's Context Imprint attributes. */
  public static class ContextImprintKeys {
    /** The key id the values are encrypted with now. */
    private @Nullable String from;

    /** The key id to re-encrypt them with. */
    private @Nullable String to;

    public @Nullable String getFrom() {
      return from;
    }

    public void setFrom(@Nullable String from) {
      this.from = from;
    }

    public @Nullable String getTo() {
      return to;
    }

    public void setTo(@Nullable String to) {
      this.to = to;
    }
  }
}
