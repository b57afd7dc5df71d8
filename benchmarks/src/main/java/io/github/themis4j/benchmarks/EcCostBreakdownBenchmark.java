package io.github.themis4j.benchmarks;

import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.TimeUnit;
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
 * P-256 work that Secure Session and Secure Message do besides the signatures and agreements they
 * are compared with: decoding a received compressed public key (a square root and validation, in
 * Bouncy Castle), and computing a public key from a private key (a scalar multiplication in Bouncy
 * Castle), which the Secure Session constructor does for its ephemeral key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class EcCostBreakdownBenchmark {
  private ECPrivateKey privateKey;
  private byte[] compressedPoint;

  @Setup
  public void setUp() {
    KeyPair pair = KeyPair.generate(KeyType.EC);
    privateKey = (ECPrivateKey) pair.privateKey().toJcaKey();
    compressedPoint = EcCurve.P256.encodeCompressed((ECPublicKey) pair.publicKey().toJcaKey());
    Check.isTrue(decodeCompressedPoint().getW().equals(((ECPublicKey) pair.publicKey().toJcaKey()).getW()),
        "point decoding");
  }

  /** d·G on Bouncy Castle, as {@code EcCurve.publicKey} computes it. */
  @Benchmark
  public ECPublicKey publicKeyFromPrivate() {
    return EcCurve.P256.publicKey(privateKey);
  }

  /** A 33-byte compressed point to a validated JCA public key. */
  @Benchmark
  public ECPublicKey decodeCompressedPoint() {
    return EcCurve.P256.decodePoint(compressedPoint);
  }
}
