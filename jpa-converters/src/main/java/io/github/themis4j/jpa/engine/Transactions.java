package io.github.themis4j.jpa.engine;

import jakarta.persistence.PersistenceException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * Runs work in a transaction of its own on a {@link StatelessSession}, again after a database
 * failure (deadlock, lock timeout, lost connection, serialization failure) or a {@link Retry}, up
 * to {@code maxAttempts} times with a growing delay.
 */
final class Transactions {
  private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

  /** Thrown inside a transaction to roll it back and try again. */
  static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry(String message) {
      super(message, null, false, false);
    }
  }

  /** A batch that kept failing in the database: fails its partition, not the run. */
  static final class BatchFailedException extends ReencryptionException {
    private static final long serialVersionUID = 1L;

    BatchFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final SessionFactory factory;
  private final int maxAttempts;

  Transactions(SessionFactory factory, int maxAttempts) {
    this.factory = factory;
    this.maxAttempts = maxAttempts;
  }

  <T> T once(Function<StatelessSession, T> work) {
    try (StatelessSession s = factory.openStatelessSession()) {
      Transaction tx = s.beginTransaction();
      try {
        T result = work.apply(s);
        tx.commit();
        return result;
      } catch (RuntimeException | Error e) {
        try {
          if (tx.isActive()) {
            tx.rollback();
          }
        } catch (RuntimeException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  <T> T withRetries(String what, Function<StatelessSession, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (PersistenceException | Retry e) {
        if (attempt >= maxAttempts) {
          throw new BatchFailedException(
              what
                  + " failed "
                  + attempt
                  + " times, last: "
                  + e.getMessage()
                  + "; everything committed before is kept, run the job again to resume",
              e);
        }
        int n = attempt;
        LOG.log(Level.FINE, e, () -> what + " failed (attempt " + n + "), retrying");
        try {
          Thread.sleep(Math.min(5_000L, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new ReencryptionException("interrupted while retrying " + what, e);
        }
      }
    }
  }
}
