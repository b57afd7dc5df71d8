package io.github.themis4j.jpa.migration;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.Pass;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.engine.ReencryptionListener;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.SessionFactory;

/**
 * Runs the migration of read-legacy attributes on the re-encryption engine: {@link #encrypt()}
 * (column check, {@link EncryptInPlacePass}, then a {@link LegacyCensusPass} for what remains),
 * {@link #rollback(boolean)} ({@link RollbackPass}, then the census) and {@link #census()} alone.
 * Safe to kill and rerun at any point. See {@code docs/ADOPTING.md}.
 *
 * <pre>{@code
 * MigrationReport r = LegacyMigration.builder(sessionFactory).entities("Customer").build().encrypt();
 * if (r.isComplete()) { ... switch the attributes to strict ... }
 * }</pre>
 */
public final class LegacyMigration {
  private final Builder b;

  private LegacyMigration(Builder b) {
    this.b = b;
  }

  public static Builder builder(SessionFactory sessionFactory) {
    if (sessionFactory == null) {
      throw new InvalidArgumentException("session factory must not be null");
    }
    return new Builder(sessionFactory);
  }

  /** Encrypts every legacy value in place, then counts what remains. */
  public MigrationReport encrypt() {
    return run(new EncryptInPlacePass(b.entities, b.checkColumns));
  }

  /** Decrypts every value back (or to foreign cells), then counts. */
  public MigrationReport rollback(boolean toForeignCells) {
    return run(new RollbackPass(b.entities, toForeignCells));
  }

  /** Counts values by shape, writing nothing. */
  public MigrationReport census() {
    return run(null);
  }

  private MigrationReport run(Pass pass) {
    ReencryptionJob.Builder job =
        ReencryptionJob.builder(b.sessionFactory)
            .workers(b.workers)
            .batchSize(b.batchSize)
            .pauseBetweenBatches(b.pause);
    if (b.listener != null) {
      job.listener(b.listener);
    }
    if (pass != null) {
      job.pass(pass);
    }
    job.pass(new LegacyCensusPass(b.entities));
    JobReport report = job.build().run();
    return new MigrationReport(report, pass == null ? null : pass.name());
  }

  /** Builds a {@link LegacyMigration}. Not thread-safe. */
  public static final class Builder {
    private final SessionFactory sessionFactory;
    private final Set<String> entities = new LinkedHashSet<>();
    private int workers = 1;
    private int batchSize = ReencryptionJob.DEFAULT_BATCH_SIZE;
    private Duration pause = Duration.ZERO;
    private boolean checkColumns = true;
    private ReencryptionListener listener;

    private Builder(SessionFactory sessionFactory) {
      this.sessionFactory = sessionFactory;
    }

    /** Only these JPA entities (default: every entity with read-legacy attributes). */
    public Builder entities(String... names) {
      entities.addAll(List.of(names));
      return this;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    public Builder batchSize(int rows) {
      this.batchSize = rows;
      return this;
    }

    public Builder pauseBetweenBatches(Duration pause) {
      this.pause = pause;
      return this;
    }

    /** Whether {@link #encrypt()} checks the columns first (default true). */
    public Builder checkColumns(boolean check) {
      this.checkColumns = check;
      return this;
    }

    public Builder listener(ReencryptionListener listener) {
      this.listener = listener;
      return this;
    }

    public LegacyMigration build() {
      return new LegacyMigration(this);
    }
  }
}
