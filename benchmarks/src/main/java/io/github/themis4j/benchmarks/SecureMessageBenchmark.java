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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureMessageBenchmark {
  static byte[] message() {
    byte[] message = new byte[1024];
    new SecureRandom().nextBytes(message);
    return message;
  }

  /** EC P-256 keys and engines (a separate state, so that RSA benchmarks do not pay for it). */
  @State(Scope.Thread)
  public static class Ec {
    byte[] message;
    KeyPair alice;
    KeyPair bob;
    SecureMessage reused;
    byte[] encrypted;
    byte[] signed;
    KeyAgreement ecdh;
    Signature ecdsaSign;
    Signature ecdsaVerify;
    byte[] ecdsaSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
      message = message();
      alice = KeyPair.generate(KeyType.EC);
      bob = KeyPair.generate(KeyType.EC);
      reused = new SecureMessage(alice.privateKey(), bob.publicKey());
      encrypted = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(message);
      signed = SecureMessage.sign(alice.privateKey(), message);
      Check.equal(new SecureMessage(bob.privateKey(), alice.publicKey()).decrypt(encrypted), message,
          "EC Secure Message round trip");
      Check.equal(SecureMessage.verify(alice.publicKey(), signed), message, "EC signed Secure Message");

      SecureRandom random = new SecureRandom();
      ecdh = KeyAgreement.getInstance("ECDH");
      ecdsaSign = Signature.getInstance("SHA256withECDSA");
      ecdsaSign.initSign(alice.privateKey().toJcaKey(), random);
      ecdsaVerify = Signature.getInstance("SHA256withECDSA");
      ecdsaVerify.initVerify(alice.publicKey().toJcaKey());
      ecdsaSign.update(message);
      ecdsaSignature = ecdsaSign.sign();
      ecdsaVerify.update(message);
      Check.isTrue(ecdsaVerify.verify(ecdsaSignature), "raw ECDSA verification");
    }
  }

  /** RSA-2048 keys and engines. */
  @State(Scope.Thread)
  public static class Rsa {
    byte[] message;
    KeyPair alice;
    KeyPair bob;
    byte[] encrypted;
    byte[] signed;
    SecureRandom random;
    Cipher oaepEncrypt;
    Cipher oaepDecrypt;
    byte[] oaepCiphertext;
    Signature pssSign;
    Signature pssVerify;
    byte[] pssSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
      message = message();
      alice = KeyPair.generate(KeyType.RSA);
      bob = KeyPair.generate(KeyType.RSA);
      encrypted = new SecureMessage(alice.privateKey(), bob.publicKey()).encrypt(message);
      signed = SecureMessage.sign(alice.privateKey(), message);
      Check.equal(new SecureMessage(bob.privateKey(), alice.publicKey()).decrypt(encrypted), message,
          "RSA Secure Message round trip");
      Check.equal(SecureMessage.verify(alice.publicKey(), signed), message, "RSA signed Secure Message");

      random = new SecureRandom();
      OAEPParameterSpec oaep =
          new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
      oaepEncrypt = Cipher.getInstance("RSA/ECB/OAEPPadding");
      oaepEncrypt.init(Cipher.ENCRYPT_MODE, bob.publicKey().toJcaKey(), oaep, random);
      oaepDecrypt = Cipher.getInstance("RSA/ECB/OAEPPadding");
      oaepDecrypt.init(Cipher.DECRYPT_MODE, bob.privateKey().toJcaKey(), oaep);
      oaepCiphertext = oaepEncrypt.doFinal(new byte[70]);
      Check.isTrue(oaepDecrypt.doFinal(oaepCiphertext).length == 70, "raw RSA-OAEP round trip");

      PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 256 - 32 - 2, 1);
      pssSign = Signature.getInstance("RSASSA-PSS");
      pssSign.setParameter(pss);
      pssSign.initSign(alice.privateKey().toJcaKey(), random);
      pssVerify = Signature.getInstance("RSASSA-PSS");
      pssVerify.setParameter(pss);
      pssVerify.initVerify(alice.publicKey().toJcaKey());
      pssSign.update(message);
      pssSignature = pssSign.sign();
      pssVerify.update(message);
      Check.isTrue(pssVerify.verify(pssSignature), "raw RSA-PSS verification");
    }
  }

  // --- EC ----------------------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawEcdh")
  public byte[] ecEncrypt(Ec s) {
    return new SecureMessage(s.alice.privateKey(), s.bob.publicKey()).encrypt(s.message);
  }

  @Benchmark
  @Baseline("rawEcdh")
  public byte[] ecDecrypt(Ec s) {
    return new SecureMessage(s.bob.privateKey(), s.alice.publicKey()).decrypt(s.encrypted);
  }

  /** Encryption with a kept instance: the ECDH secret is reused, only the 1 KiB Seal remains. */
  @Benchmark
  public byte[] ecEncryptReused(Ec s) {
    return s.reused.encrypt(s.message);
  }

  @Benchmark
  @Baseline("rawEcdsaSign")
  public byte[] ecSign(Ec s) {
    return SecureMessage.sign(s.alice.privateKey(), s.message);
  }

  @Benchmark
  @Baseline("rawEcdsaVerify")
  public byte[] ecVerify(Ec s) {
    return SecureMessage.verify(s.alice.publicKey(), s.signed);
  }

  /** One ECDH agreement with already parsed keys. */
  @Benchmark
  public byte[] rawEcdh(Ec s) throws GeneralSecurityException {
    s.ecdh.init(s.alice.privateKey().toJcaKey());
    s.ecdh.doPhase(s.bob.publicKey().toJcaKey(), true);
    return s.ecdh.generateSecret();
  }

  @Benchmark
  public byte[] rawEcdsaSign(Ec s) throws GeneralSecurityException {
    s.ecdsaSign.update(s.message);
    return s.ecdsaSign.sign();
  }

  @Benchmark
  public boolean rawEcdsaVerify(Ec s) throws GeneralSecurityException {
    s.ecdsaVerify.update(s.message);
    return s.ecdsaVerify.verify(s.ecdsaSignature);
  }

  // --- RSA ---------------------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawRsaOaepEncrypt")
  public byte[] rsaEncrypt(Rsa s) {
    return new SecureMessage(s.alice.privateKey(), s.bob.publicKey()).encrypt(s.message);
  }

  @Benchmark
  @Baseline("rawRsaOaepDecrypt")
  public byte[] rsaDecrypt(Rsa s) {
    return new SecureMessage(s.bob.privateKey(), s.alice.publicKey()).decrypt(s.encrypted);
  }

  @Benchmark
  @Baseline("rawRsaPssSign")
  public byte[] rsaSign(Rsa s) {
    return SecureMessage.sign(s.alice.privateKey(), s.message);
  }

  @Benchmark
  @Baseline("rawRsaPssVerify")
  public byte[] rsaVerify(Rsa s) {
    return SecureMessage.verify(s.alice.publicKey(), s.signed);
  }

  /** RSA-OAEP (SHA-1, MGF1-SHA-1) of a fresh 70-byte key, as Secure Message wraps. */
  @Benchmark
  public byte[] rawRsaOaepEncrypt(Rsa s) throws GeneralSecurityException {
    byte[] key = new byte[70];
    s.random.nextBytes(key);
    return s.oaepEncrypt.doFinal(key);
  }

  @Benchmark
  public byte[] rawRsaOaepDecrypt(Rsa s) throws GeneralSecurityException {
    return s.oaepDecrypt.doFinal(s.oaepCiphertext);
  }

  @Benchmark
  public byte[] rawRsaPssSign(Rsa s) throws GeneralSecurityException {
    s.pssSign.update(s.message);
    return s.pssSign.sign();
  }

  @Benchmark
  public boolean rawRsaPssVerify(Rsa s) throws GeneralSecurityException {
    s.pssVerify.update(s.message);
    return s.pssVerify.verify(s.pssSignature);
  }
}
