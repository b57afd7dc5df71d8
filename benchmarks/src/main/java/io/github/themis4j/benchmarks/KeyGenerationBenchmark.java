package io.github.themis4j.benchmarks;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.SymmetricKey;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
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
 * Key generation in Themis's format against the JDK {@link KeyPairGenerator} it uses, already
 * initialised (so the baseline is the bare generation). themis4j adds the encoding into Themis key
 * containers (compressed point, big-endian fields, CRC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class KeyGenerationBenchmark {
  private KeyPairGenerator ec;
  private KeyPairGenerator rsa;
  private SecureRandom random;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), random);
    rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
  }

  @Benchmark
  @Baseline("rawEcP256")
  public KeyPair ecKeyPair() {
    return KeyPair.generate(KeyType.EC);
  }

  @Benchmark
  public java.security.KeyPair rawEcP256() {
    return ec.generateKeyPair();
  }

  @Benchmark
  @Baseline("rawRsa2048")
  public KeyPair rsaKeyPair() {
    return KeyPair.generate(KeyType.RSA);
  }

  @Benchmark
  public java.security.KeyPair rawRsa2048() {
    return rsa.generateKeyPair();
  }

  @Benchmark
  @Baseline("rawRandom32")
  public SymmetricKey symmetricKey() {
    return SymmetricKey.generate();
  }

  @Benchmark
  public byte[] rawRandom32() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }
}
