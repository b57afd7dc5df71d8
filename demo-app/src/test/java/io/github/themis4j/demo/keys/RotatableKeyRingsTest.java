package io.github.themis4j.demo.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatableKeyRingsTest {
  private static final SymmetricKey CONFIGURED = SymmetricKey.generate();
  private static final KeyRings BASE = KeyRings.of(KeyRing.of("pii", "k1", CONFIGURED));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void withoutChangesTheConfiguredRingIsUsedAndNothingIsWritten() {
    RotatableKeyRings rings = new RotatableKeyRings(BASE, dir.resolve("keys"), CLOCK);
    assertThat(rings.keyRing("pii")).isEqualTo(BASE.keyRing("pii"));
    assertThatThrownBy(() -> rings.keyRing("other")).isInstanceOf(UnknownKeyException.class);
    assertThat(dir.resolve("keys")).doesNotExist();
  }

  @Test
  void aRotationAddsAnActiveKeyThatSurvivesAReopen() throws Exception {
    RotatableKeyRings rings = new RotatableKeyRings(BASE, dir, CLOCK);
    KeyRing rotated = rings.rotate("pii");
    assertThat(rotated.activeKeyId()).isEqualTo("pii-20261128-101530");
    assertThat(rotated.keyIds()).containsExactly("k1", "pii-20261128-101530");
    assertThat(rotated.key("k1")).isEqualTo(CONFIGURED);
    assertThat(rotated.activeKey()).isNotEqualTo(CONFIGURED);
    // Same second: a distinct id.
    assertThat(rings.rotate("pii").activeKeyId()).isEqualTo("pii-20261128-101530-2");

    Path file = dir.resolve("pii.keys");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file))
        .contains("DEMO KEYS")
        .doesNotContain(Base64.getEncoder().encodeToString(CONFIGURED.toByteArray()));

    // A new instance (the application restarted) reads the same ring; data sealed before decrypts.
    byte[] context = "ctx".getBytes(StandardCharsets.UTF_8);
    byte[] sealed =
        SecureCell.sealWithKey(rings.keyRing("pii").activeKey())
            .encrypt(new byte[] {1, 2, 3}, context);
    RotatableKeyRings reopened = new RotatableKeyRings(BASE, dir, CLOCK);
    assertThat(reopened.keyRing("pii")).isEqualTo(rings.keyRing("pii"));
    assertThat(
            SecureCell.sealWithKey(reopened.keyRing("pii").key("pii-20261128-101530-2"))
                .decrypt(sealed, context))
        .containsExactly(1, 2, 3);
  }

  @Test
  void retiringRemovesConfiguredAndRotatedKeysButNeverTheActiveOne() {
    RotatableKeyRings rings = new RotatableKeyRings(BASE, dir, CLOCK);
    assertThatThrownBy(() -> rings.retire("pii", "k1"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("active key");
    String second = rings.rotate("pii").activeKeyId();
    String third = rings.rotate("pii").activeKeyId();
    assertThat(rings.retire("pii", second).keyIds()).containsExactly("k1", third);
    assertThat(rings.retire("pii", "k1").keyIds()).containsExactly(third);
    assertThatThrownBy(() -> rings.retire("pii", "k1"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("has no key 'k1'");
    assertThatThrownBy(() -> rings.retire("pii", third))
        .isInstanceOf(InvalidArgumentException.class);

    RotatableKeyRings reopened = new RotatableKeyRings(BASE, dir, CLOCK);
    assertThat(reopened.keyRing("pii").keyIds()).containsExactly(third);
    assertThat(reopened.keyRing("pii").activeKeyId()).isEqualTo(third);
  }

  @Test
  void readersAlwaysSeeAWholeRingWhileRotationsHappen() throws Exception {
    RotatableKeyRings rings = new RotatableKeyRings(BASE, dir);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(
            pool.submit(
                () -> {
                  int reads = 0;
                  while (!stop.get()) {
                    KeyRing r = rings.keyRing("pii");
                    assertThat(r.contains(r.activeKeyId())).isTrue();
                    assertThat(r.key("k1")).isEqualTo(CONFIGURED);
                    reads++;
                  }
                  return reads;
                }));
      }
      List<String> active = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        active.add(rings.rotate("pii").activeKeyId());
      }
      stop.set(true);
      for (Future<Integer> f : readers) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
      }
      assertThat(active).doesNotHaveDuplicates();
      assertThat(rings.keyRing("pii").keyIds()).hasSize(21);
      assertThat(new RotatableKeyRings(BASE, dir).keyRing("pii")).isEqualTo(rings.keyRing("pii"));
    } finally {
      pool.shutdownNow();
    }
  }
}
