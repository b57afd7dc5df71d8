package io.github.themis4j.benchmarks;

import io.github.themis4j.comparator.SecureComparator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
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
 * A complete Secure Comparator run between two parties holding equal secrets, in memory: both
 * sides, all four messages, every zero-knowledge proof made and checked.
 *
 * <p>There is no JDK primitive for the Socialist Millionaires' Protocol, so the baseline is the
 * public-key work it is made of: Themis's construction ({@code secure_comparator.c}) performs 46
 * scalar multiplications on Curve25519 per run (counting each double-scalar multiplication once):
 * 4 for Alice's first message, 12 for Bob's reply, 15 for Alice's second message, 11 for Bob's last
 * and 4 for Alice's check. The baseline runs 46 X25519 scalar multiplications on the JDK provider
 * (the same curve in Montgomery form; the JDK has no Edwards-form group API).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureComparatorBenchmark {
  /** Scalar multiplications in one Themis 0.15 Secure Comparator run, both sides. */
  static final int SCALAR_MULTIPLICATIONS = 46;

  private byte[] secret;
  private KeyAgreement x25519;
  private PrivateKey privateKey;
  private PublicKey publicKey;

  @Setup
  public void setUp() throws GeneralSecurityException {
    secret = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    Check.isTrue(compare(), "Secure Comparator run on equal secrets");
    KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
    privateKey = g.generateKeyPair().getPrivate();
    publicKey = g.generateKeyPair().getPublic();
    x25519 = KeyAgreement.getInstance("X25519");
    Check.isTrue(rawScalarMultiplications() != 0, "raw X25519");
  }

  /** Alice and Bob run the protocol to the end; true when both found the secrets equal. */
  @Benchmark
  @Baseline("rawScalarMultiplications")
  public boolean compare() {
    SecureComparator alice = new SecureComparator(secret);
    SecureComparator bob = new SecureComparator(secret);
    byte[] m2 = bob.proceedCompare(alice.beginCompare());
    byte[] m4 = bob.proceedCompare(alice.proceedCompare(m2));
    alice.proceedCompare(m4);
    return alice.isEqual() && bob.isEqual();
  }

  /** 46 X25519 scalar multiplications on the JDK provider. */
  @Benchmark
  public int rawScalarMultiplications() throws GeneralSecurityException {
    int n = 0;
    for (int i = 0; i < SCALAR_MULTIPLICATIONS; i++) {
      x25519.init(privateKey);
      x25519.doPhase(publicKey, true);
      n += x25519.generateSecret()[0];
    }
    return n | 1;
  }
}
