package io.github.themis4j.benchmarks;

import io.github.themis4j.internal.SoterKdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pieces of a 1 KiB Secure Cell Seal that the raw AES-GCM baseline does not pay, measured
 * alone, to explain the fixed per-message overhead: the Soter KDF (one HMAC-SHA-256 with the master
 * key) that derives the per-message key, and AES-GCM under a key that changes every message (a new
 * AES key schedule each time, where the baseline's key stays and the JDK skips the schedule).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CellCostBreakdownBenchmark {
  private static final String LABEL = "Themis secure cell message key";

  private SecureRandom random;
  private byte[] masterKey;
  private byte[] length;
  private byte[] context;
  private byte[] data;
  private byte[][] messageKeys;
  private int next;

  @Setup
  public void setUp() {
    random = new SecureRandom();
    masterKey = new byte[32];
    random.nextBytes(masterKey);
    data = new byte[1024];
    random.nextBytes(data);
    length = new byte[] {0, 4, 0, 0};
    context = "users.email#1234567".getBytes(StandardCharsets.UTF_8);
    messageKeys = new byte[64][32];
    for (byte[] k : messageKeys) {
      random.nextBytes(k);
    }
  }

  /** The per-message key derivation of Seal and Token Protect: Soter KDF = one HMAC-SHA-256. */
  @Benchmark
  public byte[] soterKdf() {
    return SoterKdf.derive(masterKey, LABEL, 32, length, context);
  }

  /** 1 KiB AES-256-GCM like the raw baseline, but with a different key every message, as Seal has. */
  @Benchmark
  public byte[] gcmEncryptFreshKey1KiB() throws GeneralSecurityException {
    byte[] key = messageKeys[next++ & 63];
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher gcm = io.github.themis4j.internal.Aes.gcm();
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    gcm.updateAAD(context);
    return gcm.doFinal(data);
  }

  /** The 12 random IV bytes every Seal draws (the raw baseline draws them too). */
  @Benchmark
  public byte[] randomIv() {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    return iv;
  }
}
