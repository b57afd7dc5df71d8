package io.github.themis4j.jpa;

import io.github.themis4j.jpa.engine.ReencryptionListener;
import io.github.themis4j.jpa.engine.TableProgress;
import io.github.themis4j.jpa.migration.LegacyMigration;
import io.github.themis4j.jpa.migration.MigrationReport;
import java.time.Duration;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The JVM that {@link LegacyMigrationTest} starts and kills with SIGKILL: runs the migration of
 * {@link LegacyPerson} on the database given by URL, user and password, in small paced batches,
 * printing {@code BATCH <rows done>} after every committed batch and {@code DONE} at the end.
 */
public final class MigrationChild {
  private MigrationChild() {}

  static SessionFactory sessionFactory(String url, String user, String password) {
    Configuration cfg = new Configuration().addAnnotatedClass(LegacyPerson.class);
    cfg.setProperty("hibernate.connection.url", url);
    cfg.setProperty("hibernate.connection.username", user);
    cfg.setProperty("hibernate.connection.password", password);
    cfg.setProperty("hibernate.hbm2ddl.auto", "none");
    cfg.getProperties().put(ThemisJpaSettings.KEY_RING_PROVIDER, TestKeys.standard());
    return cfg.buildSessionFactory();
  }

  public static void main(String[] args) {
    java.util.logging.Logger.getLogger("org.hibernate").setLevel(java.util.logging.Level.WARNING);
    try (SessionFactory sf = sessionFactory(args[0], args[1], args[2])) {
      MigrationReport r =
          LegacyMigration.builder(sf)
              .batchSize(100)
              .pauseBetweenBatches(Duration.ofMillis(20))
              .listener(
                  new ReencryptionListener() {
                    @Override
                    public void onBatch(TableProgress p) {
                      System.out.println("BATCH " + p.pass() + " " + p.rowsDone());
                      System.out.flush();
                    }
                  })
              .build()
              .encrypt();
      System.out.println("DONE " + r.isComplete());
      System.out.flush();
    }
  }
}
