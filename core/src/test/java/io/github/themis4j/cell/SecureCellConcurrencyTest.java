package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cell objects are documented as thread-safe: one instance shared by 8 threads. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecureCellConcurrencyTest {
  private static final int THREADS = 8;

  /** Runs {@code perThread} on 8 threads at once and returns the number of operations done. */
  private static long onEightThreads(Callable<Long> perThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(perThread));
      }
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneSealSharedByEightThreads() throws Exception {
    SecureCell.Seal seal = SecureCell.sealWithKey(SymmetricKey.generate());
    int roundTripsPerThread =
        100_000 / THREADS / 2; // 100,000 operations: encryptions + decryptions
    long ops =
        onEightThreads(
            () -> {
              Random random = new Random(Thread.currentThread().getId());
              long done = 0;
              for (int i = 0; i < roundTripsPerThread; i++) {
                byte[] data = new byte[1 + random.nextInt(64)];
                random.nextBytes(data);
                byte[] ctx =
                    ("thread " + Thread.currentThread().getId() + " row " + i)
                        .getBytes(StandardCharsets.UTF_8);
                byte[] sealed = seal.encrypt(data, ctx);
                if (!Arrays.equals(seal.decrypt(sealed, ctx), data)) {
                  throw new AssertionError("round trip failed");
                }
                done += 2;
              }
              return done;
            });
    assertThat(ops).isEqualTo(100_000);
  }

  @Test
  void tokenProtectContextImprintAndPassphraseSharedByEightThreads() throws Exception {
    SymmetricKey key = SymmetricKey.generate();
    SecureCell.TokenProtect token = SecureCell.tokenProtectWithKey(key);
    SecureCell.ContextImprint imprint = SecureCell.contextImprintWithKey(key);
    byte[] pass = "shared".getBytes(StandardCharsets.UTF_8);
    SecureCell.Seal passCell = SecureCell.sealWithPassphrase(pass);
    List<byte[]> passData = new ArrayList<>();
    List<byte[]> passCells = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // crafted with 10 iterations: PBKDF2 shared state would show up
      CellCrafter crafter = new CellCrafter(i);
      passData.add(new byte[] {(byte) i, 1, 2});
      passCells.add(crafter.passphraseSeal(pass, passData.get(i), null));
    }
    long ops =
        onEightThreads(
            () -> {
              Random random = new Random(Thread.currentThread().getId());
              long done = 0;
              for (int i = 0; i < 1_000; i++) {
                byte[] data = new byte[1 + random.nextInt(64)];
                random.nextBytes(data);
                byte[] ctx = {(byte) i, (byte) (i >> 8)};
                TokenProtectedData tp = token.encrypt(data, ctx);
                byte[] imprinted = imprint.encrypt(data, ctx);
                int p = i % 4;
                if (!Arrays.equals(token.decrypt(tp.ciphertext(), tp.token(), ctx), data)
                    || !Arrays.equals(imprint.decrypt(imprinted, ctx), data)
                    || !Arrays.equals(passCell.decrypt(passCells.get(p)), passData.get(p))) {
                  throw new AssertionError("round trip failed");
                }
                done += 5;
              }
              return done;
            });
    assertThat(ops).isEqualTo(THREADS * 1_000 * 5L);
  }
}
