package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.hibernate.ThemisJpaIntegrator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** An unpinned Context Imprint attribute starts with a warning; a pinned one without a word. */
class ImprintPinWarningTest {
  @Entity(name = "UnpinnedImprint")
  static class Unpinned {
    @Id Long id;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT)
    @Column(length = 20)
    String code;
  }

  @Entity(name = "PinnedImprint")
  static class Pinned {
    @Id Long id;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
    @Column(length = 20)
    String code;
  }

  private static List<String> warningsWhileBuilding(Class<?> entity) {
    Logger log = Logger.getLogger(ThemisJpaIntegrator.class.getName());
    List<String> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), entity)) {
      return warnings;
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void unpinnedContextImprintIsWarnedAbout() {
    assertThat(warningsWhileBuilding(Unpinned.class))
        .singleElement()
        .asString()
        .contains("UnpinnedImprint.code")
        .contains("CONTEXT_IMPRINT without a pinned keyId")
        .contains("keyId = \"...\"");
  }

  @Test
  void pinnedContextImprintIsNot() {
    assertThat(warningsWhileBuilding(Pinned.class)).isEmpty();
  }
}
