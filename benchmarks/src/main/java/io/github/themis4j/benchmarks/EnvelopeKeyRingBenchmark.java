package io.github.themis4j.benchmarks;

import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.FileWrappedKeyStore;
import io.github.themis4j.keyring.envelope.KeyEncryptionKeyResolver;
import io.github.themis4j.keyring.envelope.Pkcs12KeyEncryptionKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A stored value (the JPA format: envelope, context bound to table/column/id, Seal) encrypted and
 * decrypted with a key ring from an {@link EnvelopeKeyRings} (data key wrapped by a PKCS#12 KEK,
 * unwrapped once at setup) against the same work with a plain {@link KeyRings}. The envelope ring
 * should cost nothing after start-up: the data key is unwrapped once, not per value ({@link
 * #checkUnwrappedOnce} fails the run otherwise). The KEK is not in the hot path, so a PKCS#11 KEK
 * gives the same figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnvelopeKeyRingBenchmark {
  /** Plaintext length in bytes. */
  @Param({"64", "1024"})
  public int size;

  private Path dir;
  private EnvelopeKeyRings envelope;
  private EncryptedValueCodec plainCodec;
  private EncryptedValueCodec envelopeCodec;
  private CellContext context;
  private byte[] data;
  private byte[] plainStored;
  private byte[] envelopeStored;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("themis4j-envelope-bench");
    char[] pw = "benchmark-only".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, pw);
    KeyGenerator g = KeyGenerator.getInstance("AES");
    g.init(256);
    ks.setEntry(
        "kek", new KeyStore.SecretKeyEntry(g.generateKey()), new KeyStore.PasswordProtection(pw));
    Path p12 = dir.resolve("kek.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, pw);
    }
    KeyEncryptionKeyResolver keks = Pkcs12KeyEncryptionKey.resolver(p12, pw);
    EnvelopeKeyRings creator =
        EnvelopeKeyRings.builder(
                new FileWrappedKeyStore(dir.resolve("keys")),
                keks,
                keks.resolve("pkcs12:alias=kek"))
            .build();
    KeyRing created = creator.createRing("pii");
    // a fresh instance, as after a restart: unwraps at startup
    envelope =
        EnvelopeKeyRings.builder(
                new FileWrappedKeyStore(dir.resolve("keys")),
                keks,
                keks.resolve("pkcs12:alias=kek"))
            .build();
    envelope.unwrapAll();
    KeyRing plain = KeyRing.of("pii", created.activeKeyId(), created.activeKey());
    plainCodec = new EncryptedValueCodec(KeyRings.of(plain));
    envelopeCodec = new EncryptedValueCodec(envelope);

    context = CellContext.of("patient", "diagnosis", 123456L);
    data = new byte[size];
    new SecureRandom().nextBytes(data);
    plainStored = plainCodec.seal("pii", null, context, data);
    envelopeStored = envelopeCodec.seal("pii", null, context, data);
    Check.equal(
        envelopeCodec.unseal("pii", context, plainStored),
        data,
        "envelope ring reads plain ring's value");
    Check.equal(
        plainCodec.unseal("pii", context, envelopeStored),
        data,
        "plain ring reads envelope ring's value");
  }

  @TearDown
  public void checkUnwrappedOnce() throws IOException {
    if (envelope.unwrapCount() != 1) {
      throw new IllegalStateException(
          "the data key was unwrapped " + envelope.unwrapCount() + " times, expected once");
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public byte[] plainRingSeal() {
    return plainCodec.seal("pii", null, context, data);
  }

  @Benchmark
  @Baseline("plainRingSeal")
  public byte[] envelopeRingSeal() {
    return envelopeCodec.seal("pii", null, context, data);
  }

  @Benchmark
  public byte[] plainRingUnseal() {
    return plainCodec.unseal("pii", context, plainStored);
  }

  @Benchmark
  @Baseline("plainRingUnseal")
  public byte[] envelopeRingUnseal() {
    return envelopeCodec.unseal("pii", context, envelopeStored);
  }
}
