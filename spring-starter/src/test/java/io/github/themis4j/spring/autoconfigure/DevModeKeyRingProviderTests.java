package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keys.SymmetricKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevModeKeyRingProviderTests {
  @Test
  void concurrentFirstUseGeneratesOneRingPerName() throws Exception {
    KeyRing configured = KeyRing.of("pii", "a", SymmetricKey.generate());
    DevModeKeyRingProvider provider = new DevModeKeyRingProvider(List.of(configured));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Set<KeyRing> seen = ConcurrentHashMap.newKeySet();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 200; i++) {
            seen.add(provider.keyRing("ring" + (i % 5)));
            assertThat(provider.keyRing("pii")).isSameAs(configured);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(5); // one instance per generated name, whichever thread came first
    assertThat(provider.all()).extracting(KeyRing::name)
        .containsExactlyInAnyOrder("pii", "ring0", "ring1", "ring2", "ring3", "ring4")
        .startsWith("pii");
  }

  @Test
  void invalidNamesAreNotGenerated() {
    DevModeKeyRingProvider provider = new DevModeKeyRingProvider(List.of());
    assertThatThrownBy(() -> provider.keyRing("no spaces")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> provider.keyRing(null)).isInstanceOf(InvalidArgumentException.class);
    assertThat(provider.all()).isEmpty();
  }
}
