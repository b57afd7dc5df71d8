package io.github.themis4j.benchmarks;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.session.PeerKeyResolver;
import io.github.themis4j.session.SecureSession;
import io.github.themis4j.session.UnwrapResult;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
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
 * Secure Session: a complete negotiation between two fresh endpoints in memory (four messages),
 * and one established session wrapping and unwrapping 1 KiB.
 *
 * <p>The negotiation's baseline is the public-key work the protocol requires, done directly on the
 * JDK provider: two ephemeral P-256 key pairs, three ECDSA-SHA-256 signatures, three verifications
 * and two ECDH agreements (client M1 sign; server verify + sign; client verify + ECDH + sign;
 * server verify + ECDH). The wrap+unwrap baseline is AES-256-GCM encryption with a fresh random
 * IV and decryption of the same 1 KiB under a fixed key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureSessionBenchmark {
  private static final byte[] CLIENT_ID = "client".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SERVER_ID = "server".getBytes(StandardCharsets.UTF_8);

  private KeyPair clientKeys;
  private KeyPair serverKeys;
  private PeerKeyResolver resolver;
  private SecureSession client;
  private SecureSession server;
  private byte[] data;

  private SecureRandom random;
  private KeyPairGenerator ephemeralGenerator;
  private Signature signer;
  private Signature verifier;
  private KeyAgreement ecdh;
  private byte[] signedData;
  private byte[] signature;
  private java.security.KeyPair peerEphemeral;
  private SecretKeySpec gcmKey;
  private Cipher gcm;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    clientKeys = KeyPair.generate(KeyType.EC);
    serverKeys = KeyPair.generate(KeyType.EC);
    PublicKey clientPublic = clientKeys.publicKey();
    PublicKey serverPublic = serverKeys.publicKey();
    resolver = id -> Arrays.equals(id, CLIENT_ID) ? clientPublic : Arrays.equals(id, SERVER_ID) ? serverPublic : null;
    data = new byte[1024];
    random.nextBytes(data);

    SecureSession[] pair = negotiate();
    client = pair[0];
    server = pair[1];
    Check.equal(wrapUnwrap(), data, "Secure Session wrap+unwrap");

    ephemeralGenerator = KeyPairGenerator.getInstance("EC");
    ephemeralGenerator.initialize(new ECGenParameterSpec("secp256r1"), random);
    signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(clientKeys.privateKey().toJcaKey(), random);
    verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(clientKeys.publicKey().toJcaKey());
    ecdh = KeyAgreement.getInstance("ECDH");
    // What Themis signs: ephemeral key containers and ids, about 100 bytes.
    signedData = new byte[45 + 45 + CLIENT_ID.length + SERVER_ID.length];
    random.nextBytes(signedData);
    signer.update(signedData);
    signature = signer.sign();
    peerEphemeral = ephemeralGenerator.generateKeyPair();
    gcmKey = new SecretKeySpec(Arrays.copyOf(signedData, 32), "AES");
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    Check.isTrue(rawNegotiationOps() > 0, "raw negotiation operations");
    Check.equal(rawGcmWrapUnwrap(), data, "raw AES-GCM round trip");
  }

  /** Two fresh endpoints (each generating its ephemeral key) negotiate to established. */
  @Benchmark
  @Baseline("rawNegotiationOps")
  public SecureSession[] negotiate() {
    SecureSession c = new SecureSession(CLIENT_ID, clientKeys.privateKey(), resolver);
    SecureSession s = new SecureSession(SERVER_ID, serverKeys.privateKey(), resolver);
    UnwrapResult m2 = s.unwrap(c.connectRequest());
    UnwrapResult m3 = c.unwrap(m2.data());
    UnwrapResult m4 = s.unwrap(m3.data());
    c.unwrap(m4.data());
    if (!c.isEstablished() || !s.isEstablished()) {
      throw new IllegalStateException("negotiation did not complete");
    }
    return new SecureSession[] {c, s};
  }

  /** The public-key operations of one negotiation: 2 key pairs, 3 signs, 3 verifies, 2 ECDH. */
  @Benchmark
  public int rawNegotiationOps() throws GeneralSecurityException {
    java.security.KeyPair clientEphemeral = ephemeralGenerator.generateKeyPair();
    java.security.KeyPair serverEphemeral = ephemeralGenerator.generateKeyPair();
    int n = clientEphemeral.getPublic().hashCode() ^ serverEphemeral.getPublic().hashCode();
    for (int i = 0; i < 3; i++) {
      signer.update(signedData);
      n += signer.sign().length;
      verifier.update(signedData);
      n += verifier.verify(signature) ? 1 : 0;
    }
    ecdh.init(clientEphemeral.getPrivate());
    ecdh.doPhase(peerEphemeral.getPublic(), true);
    n += ecdh.generateSecret().length;
    ecdh.init(serverEphemeral.getPrivate());
    ecdh.doPhase(peerEphemeral.getPublic(), true);
    n += ecdh.generateSecret().length;
    return n;
  }

  /** One 1 KiB data message from client to server. */
  @Benchmark
  @Baseline("rawGcmWrapUnwrap")
  public byte[] wrapUnwrap() {
    return server.unwrap(client.wrap(data)).data();
  }

  /** AES-256-GCM encryption (fresh random IV) and decryption of 1 KiB. */
  @Benchmark
  public byte[] rawGcmWrapUnwrap() throws GeneralSecurityException {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    gcm.init(Cipher.ENCRYPT_MODE, gcmKey, new GCMParameterSpec(128, iv));
    byte[] ct = gcm.doFinal(data);
    gcm.init(Cipher.DECRYPT_MODE, gcmKey, new GCMParameterSpec(128, iv));
    return gcm.doFinal(ct);
  }
}
