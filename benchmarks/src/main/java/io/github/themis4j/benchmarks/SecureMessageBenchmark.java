package io.github.themis4j.benchmarks;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.message.SecureMessage;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
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
 * Secure Message on a 1 KiB message with EC (P-256) and RSA-2048 keys against the public-key
 * operation each one performs, done directly on the JDK provider with an already initialised
 * engine:
 *
 * <ul>
 *   <li>EC encrypt and decrypt: one ECDH. themis4j computes it when a {@code SecureMessage} is
 *       created (and then seals with AES-GCM), so the compared benchmark creates one per message,
 *       as the Themis C API does; {@code ecEncryptReused} shows the cost once the instance is kept.
 *   <li>RSA encrypt and decrypt: one RSA-OAEP (SHA-1) encryption or decryption of a 70-byte key.
 *   <li>sign and verify: ECDSA with SHA-256, or RSA-PSS with SHA-256 and the maximum salt.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureMessageBenchmark {
  private byte[] message;

  private KeyPair ecAlice;
  private KeyPair ecBob;
  private KeyPair rsaAlice;
  private KeyPair rsaBob;
  private SecureMessage ecReused;
  private byte[] ecEncrypted;
  private byte[] ecSigned;
  private byte[] rsaEncrypted;
  private byte[] rsaSigned;

  private SecureRandom random;
  private KeyAgreement ecdh;
  private Signature ecdsaSign;
  private Signature ecdsaVerify;
  private byte[] ecdsaSignature;
  private Cipher oaepEncrypt;
  private Cipher oaepDecrypt;
  private byte[] oaepCiphertext;
  private Signature pssSign;
  private Signature pssVerify;
  private byte[] pssSignature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    message = new byte[1024];
    random.nextBytes(message);

    ecAlice = KeyPair.generate(KeyType.EC);
    ecBob = KeyPair.generate(KeyType.EC);
    rsaAlice = KeyPair.generate(KeyType.RSA);
    rsaBob = KeyPair.generate(KeyType.RSA);
    ecReused = new SecureMessage(ecAlice.privateKey(), ecBob.publicKey());
    ecEncrypted = ecEncrypt();
    ecSigned = ecSign();
    rsaEncrypted = rsaEncrypt();
    rsaSigned = rsaSign();
    Check.equal(ecDecrypt(), message, "EC Secure Message round trip");
    Check.equal(ecVerify(), message, "EC signed Secure Message");
    Check.equal(rsaDecrypt(), message, "RSA Secure Message round trip");
    Check.equal(rsaVerify(), message, "RSA signed Secure Message");

    ecdh = KeyAgreement.getInstance("ECDH");
    ecdsaSign = Signature.getInstance("SHA256withECDSA");
    ecdsaSign.initSign(ecAlice.privateKey().toJcaKey(), random);
    ecdsaVerify = Signature.getInstance("SHA256withECDSA");
    ecdsaVerify.initVerify(ecAlice.publicKey().toJcaKey());
    ecdsaSignature = rawEcdsaSign();

    OAEPParameterSpec oaep =
        new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    oaepEncrypt = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaepEncrypt.init(Cipher.ENCRYPT_MODE, rsaBob.publicKey().toJcaKey(), oaep, random);
    oaepDecrypt = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaepDecrypt.init(Cipher.DECRYPT_MODE, rsaBob.privateKey().toJcaKey(), oaep);
    oaepCiphertext = rawRsaOaepEncrypt();

    PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 256 - 32 - 2, 1);
    pssSign = Signature.getInstance("RSASSA-PSS");
    pssSign.setParameter(pss);
    pssSign.initSign(rsaAlice.privateKey().toJcaKey(), random);
    pssVerify = Signature.getInstance("RSASSA-PSS");
    pssVerify.setParameter(pss);
    pssVerify.initVerify(rsaAlice.publicKey().toJcaKey());
    pssSignature = rawRsaPssSign();

    Check.isTrue(rawEcdh().length == 32, "raw ECDH");
    Check.isTrue(rawEcdsaVerify(), "raw ECDSA verification");
    Check.isTrue(rawRsaOaepDecrypt().length == 70, "raw RSA-OAEP round trip");
    Check.isTrue(rawRsaPssVerify(), "raw RSA-PSS verification");
  }

  // --- EC ----------------------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawEcdh")
  public byte[] ecEncrypt() {
    return new SecureMessage(ecAlice.privateKey(), ecBob.publicKey()).encrypt(message);
  }

  @Benchmark
  @Baseline("rawEcdh")
  public byte[] ecDecrypt() {
    return new SecureMessage(ecBob.privateKey(), ecAlice.publicKey()).decrypt(ecEncrypted);
  }

  /** Encryption with a kept instance: the ECDH secret is reused, only the 1 KiB Seal remains. */
  @Benchmark
  public byte[] ecEncryptReused() {
    return ecReused.encrypt(message);
  }

  @Benchmark
  @Baseline("rawEcdsaSign")
  public byte[] ecSign() {
    return SecureMessage.sign(ecAlice.privateKey(), message);
  }

  @Benchmark
  @Baseline("rawEcdsaVerify")
  public byte[] ecVerify() {
    return SecureMessage.verify(ecAlice.publicKey(), ecSigned);
  }

  @Benchmark
  public byte[] rawEcdh() throws GeneralSecurityException {
    ecdh.init(ecAlice.privateKey().toJcaKey());
    ecdh.doPhase(ecBob.publicKey().toJcaKey(), true);
    return ecdh.generateSecret();
  }

  @Benchmark
  public byte[] rawEcdsaSign() throws GeneralSecurityException {
    ecdsaSign.update(message);
    return ecdsaSign.sign();
  }

  @Benchmark
  public boolean rawEcdsaVerify() throws GeneralSecurityException {
    ecdsaVerify.update(message);
    return ecdsaVerify.verify(ecdsaSignature);
  }

  // --- RSA ---------------------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawRsaOaepEncrypt")
  public byte[] rsaEncrypt() {
    return new SecureMessage(rsaAlice.privateKey(), rsaBob.publicKey()).encrypt(message);
  }

  @Benchmark
  @Baseline("rawRsaOaepDecrypt")
  public byte[] rsaDecrypt() {
    return new SecureMessage(rsaBob.privateKey(), rsaAlice.publicKey()).decrypt(rsaEncrypted);
  }

  @Benchmark
  @Baseline("rawRsaPssSign")
  public byte[] rsaSign() {
    return SecureMessage.sign(rsaAlice.privateKey(), message);
  }

  @Benchmark
  @Baseline("rawRsaPssVerify")
  public byte[] rsaVerify() {
    return SecureMessage.verify(rsaAlice.publicKey(), rsaSigned);
  }

  /** RSA-OAEP (SHA-1, MGF1-SHA-1) of a fresh 70-byte key, as Secure Message wraps. */
  @Benchmark
  public byte[] rawRsaOaepEncrypt() throws GeneralSecurityException {
    byte[] key = new byte[70];
    random.nextBytes(key);
    return oaepEncrypt.doFinal(key);
  }

  @Benchmark
  public byte[] rawRsaOaepDecrypt() throws GeneralSecurityException {
    return oaepDecrypt.doFinal(oaepCiphertext);
  }

  @Benchmark
  public byte[] rawRsaPssSign() throws GeneralSecurityException {
    pssSign.update(message);
    return pssSign.sign();
  }

  @Benchmark
  public boolean rawRsaPssVerify() throws GeneralSecurityException {
    pssVerify.update(message);
    return pssVerify.verify(pssSignature);
  }
}
