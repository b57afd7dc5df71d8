package io.github.themis4j.jpa.rotation;

import java.time.Duration;
import org.hibernate.SessionFactory;

/**
 * The main class of the JVM that {@link KeyRotationKillTest} starts and kills: runs the rotation of
 * the account table on the database given by URL, user and password, in small batches with a pause,
 * (optionally with workers, batch size and pause in ms as arguments 4 to 6), printing {@code BATCH
 * <kind> <rows done>} after every committed batch and {@code DONE <complete>} at the end.
 */
public final class RotationChild {
  private RotationChild() {}

  public static void main(String[] args) {
    try (SessionFactory sf =
        RotationDb.sessionFactory(
            args[0], args[1], args[2], RotationData.during(), false, null, Account.class)) {
      KeyRotationJob job =
          KeyRotationJob.builder(sf)
              .workers(args.length > 3 ? Integer.parseInt(args[3]) : 1)
              .batchSize(args.length > 4 ? Integer.parseInt(args[4]) : 100)
              .pauseBetweenBatches(
                  Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 30))
              .contextImprintKeys("default", "k1", "k2")
              .listener(
                  new KeyRotationListener() {
                    @Override
                    public void onBatch(RotationProgress p) {
                      System.out.println("BATCH " + p.kind() + " " + p.rowsDone());
                      System.out.flush();
                    }
                  })
              .build();
      RotationReport report = job.run();
      System.out.println("DONE " + report.isComplete());
      System.out.flush();
    }
  }
}
