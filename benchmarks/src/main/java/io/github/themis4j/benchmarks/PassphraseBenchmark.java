package io.github.themis4j.benchmarks;

import io.github.themis4j.cell.SecureCell;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
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
 * Secure Cell Seal with a passphrase (1 KiB) against the JDK's own PBKDF2-HMAC-SHA256 with the same
 * iteration count, salt length and output length. Both are dominated by the 314,110 PBKDF2
 * iterations (two SHA-256 compressions of the HMAC each, plus the JDK's per-HMAC overhead); the
 * AES-GCM part of Seal is a few microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PassphraseBenchmark {
  /** The iteration count Themis 0.15 (and themis4j) writes into every passphrase cell. */
  static final int THEMIS_ITERATIONS = 314_110;

  private static final String PASSPHRASE = "correct horse battery staple";
  private static final int ITERATIONS_OFFSET = 20 + 12 + 16; // header, IV, tag

  private byte[] data;
  private byte[] context;
  private SecureCell.Seal seal;
  private byte[] sealed;

  private SecureRandom random;
  private SecretKeyFactory pbkdf2;
  private char[] passphraseChars;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    data = new byte[1024];
    random.nextBytes(data);
    context = "users.notes#1234567".getBytes(StandardCharsets.UTF_8);
    seal = SecureCell.sealWithPassphrase(PASSPHRASE);
    sealed = seal.encrypt(data, context);
    Check.equal(seal.decrypt(sealed, context), data, "passphrase Seal round trip");
    int iterations = (sealed[ITERATIONS_OFFSET] & 0xFF)
        | (sealed[ITERATIONS_OFFSET + 1] & 0xFF) << 8
        | (sealed[ITERATIONS_OFFSET + 2] & 0xFF) << 16
        | (sealed[ITERATIONS_OFFSET + 3] & 0xFF) << 24;
    Check.isTrue(iterations == THEMIS_ITERATIONS, "passphrase Seal iteration count " + iterations + " check");
    pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    passphraseChars = PASSPHRASE.toCharArray();
  }

  @Benchmark
  @Baseline("rawPbkdf2")
  public byte[] sealEncrypt() {
    return seal.encrypt(data, context);
  }

  @Benchmark
  @Baseline("rawPbkdf2")
  public byte[] sealDecrypt() {
    return seal.decrypt(sealed, context);
  }

  /** JDK PBKDF2WithHmacSHA256: random 16-byte salt, 314,110 iterations, 32-byte output. */
  @Benchmark
  public byte[] rawPbkdf2() throws GeneralSecurityException {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return pbkdf2.generateSecret(new PBEKeySpec(passphraseChars, salt, THEMIS_ITERATIONS, 256)).getEncoded();
  }
}
