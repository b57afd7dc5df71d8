package io.github.themis4j.demo.patient;

import io.github.themis4j.jpa.engine.JobReport;
import io.github.themis4j.jpa.engine.ReencryptionJob;
import io.github.themis4j.jpa.index.BlindIndexPass;
import jakarta.persistence.EntityManagerFactory;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At startup, gives the patients stored before the blind indexes existed (database files of an
 * earlier version of the demo) their index values, and rewrites indexes computed under a retired
 * index key: the engine's {@link BlindIndexPass}. Nothing to do (and quick) on a fresh database.
 */
@Component
@Order(0)
class BlindIndexBackfill implements ApplicationRunner {
  private static final Logger LOG = Logger.getLogger(BlindIndexBackfill.class.getName());

  private final EntityManagerFactory emf;

  BlindIndexBackfill(EntityManagerFactory emf) {
    this.emf = emf;
  }

  @Override
  public void run(ApplicationArguments args) {
    JobReport report =
        ReencryptionJob.builder(emf.unwrap(SessionFactory.class))
            .pass(new BlindIndexPass())
            .createCursorTable(false)
            .build()
            .run();
    if (report.rowsRewritten() > 0) {
      LOG.info("blind indexes filled or rotated in " + report.rowsRewritten() + " rows");
    }
  }
}
