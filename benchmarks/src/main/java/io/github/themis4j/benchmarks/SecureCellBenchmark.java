package io.github.themis4j.benchmarks;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.cell.TokenProtectedData;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Secure Cell in every key mode against the raw AES mode underneath it, on the same data, key and
 * context.
 *
 * <p>The raw baselines do what any careful direct use of the JCA does: a precomputed {@link
 * SecretKeySpec} of the same 32-byte key, one {@link Cipher} per thread, and a fresh 12-byte IV from
 * a {@link SecureRandom} for every encryption (for CTR, 12 random bytes followed by a zero 32-bit
 * counter). The GCM baseline writes IV, ciphertext and tag into one array, as Seal does, and uses
 * the context as associated data. What themis4j adds on top is its wire format: a per-message key
 * derived with Soter KDF (HMAC-SHA-256) from the master key, the message length and the context,
 * and (Context Imprint) a derived IV.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureCellBenchmark {
  private static final int GCM_IV = 12;
  private static final int GCM_TAG = 16;

  /** Plaintext length in bytes: 64 B, 1 KiB, 64 KiB, 1 MiB. */
  @Param({"64", "1024", "65536", "1048576"})
  public int size;

  private byte[] data;
  private byte[] context;

  private SecureCell.Seal seal;
  private SecureCell.TokenProtect tokenProtect;
  private SecureCell.ContextImprint contextImprint;
  private byte[] sealed;
  private byte[] tokenCiphertext;
  private byte[] token;
  private byte[] imprinted;

  private SecureRandom random;
  private SecretKeySpec rawKey;
  private Cipher gcm;
  private Cipher ctr;
  private byte[] rawGcmMessage;
  private byte[] rawCtrIv;
  private byte[] rawCtrCiphertext;

  @Setup
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    data = new byte[size];
    random.nextBytes(data);
    // A typical context: what the data is bound to, e.g. table, column and row id.
    context = "users.email#1234567".getBytes(StandardCharsets.UTF_8);

    SymmetricKey key = SymmetricKey.generate();
    seal = SecureCell.sealWithKey(key);
    tokenProtect = SecureCell.tokenProtectWithKey(key);
    contextImprint = SecureCell.contextImprintWithKey(key);
    sealed = seal.encrypt(data, context);
    TokenProtectedData tp = tokenProtect.encrypt(data, context);
    tokenCiphertext = tp.ciphertext();
    token = tp.token();
    imprinted = contextImprint.encrypt(data, context);

    rawKey = new SecretKeySpec(key.toByteArray(), "AES");
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    rawGcmMessage = rawGcmEncrypt();
    rawCtrIv = new byte[16];
    random.nextBytes(rawCtrIv);
    rawCtrIv[12] = rawCtrIv[13] = rawCtrIv[14] = rawCtrIv[15] = 0;
    ctr.init(Cipher.ENCRYPT_MODE, rawKey, new IvParameterSpec(rawCtrIv));
    rawCtrCiphertext = ctr.doFinal(data);

    Check.equal(seal.decrypt(sealed, context), data, "Seal round trip");
    Check.equal(tokenProtect.decrypt(tokenCiphertext, token, context), data, "Token Protect round trip");
    Check.equal(contextImprint.decrypt(imprinted, context), data, "Context Imprint round trip");
    Check.equal(rawGcmDecrypt(), data, "raw AES-GCM round trip");
    Check.equal(rawCtrDecrypt(), data, "raw AES-CTR round trip");
    if (size >= 65536) {
      JitWarmup.secureCell(key, context);
    }
  }

  // --- Seal --------------------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawGcmEncrypt")
  public byte[] sealEncrypt() {
    return seal.encrypt(data, context);
  }

  @Benchmark
  @Baseline("rawGcmDecrypt")
  public byte[] sealDecrypt() {
    return seal.decrypt(sealed, context);
  }

  // --- Token Protect -----------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawGcmEncrypt")
  public TokenProtectedData tokenProtectEncrypt() {
    return tokenProtect.encrypt(data, context);
  }

  @Benchmark
  @Baseline("rawGcmDecrypt")
  public byte[] tokenProtectDecrypt() {
    return tokenProtect.decrypt(tokenCiphertext, token, context);
  }

  // --- Context Imprint ---------------------------------------------------------------------------

  @Benchmark
  @Baseline("rawCtrEncrypt")
  public byte[] contextImprintEncrypt() {
    return contextImprint.encrypt(data, context);
  }

  @Benchmark
  @Baseline("rawCtrDecrypt")
  public byte[] contextImprintDecrypt() {
    return contextImprint.decrypt(imprinted, context);
  }

  // --- Raw JCA baselines -------------------------------------------------------------------------

  /** AES-256-GCM: fresh random IV, context as AAD, output IV | ciphertext | tag in one array. */
  @Benchmark
  public byte[] rawGcmEncrypt() throws GeneralSecurityException {
    byte[] out = new byte[GCM_IV + size + GCM_TAG];
    byte[] iv = new byte[GCM_IV];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, out, 0, GCM_IV);
    gcm.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(GCM_TAG * 8, iv));
    gcm.updateAAD(context);
    gcm.doFinal(data, 0, size, out, GCM_IV);
    return out;
  }

  /** AES-256-GCM decryption of IV | ciphertext | tag with the context as AAD. */
  @Benchmark
  public byte[] rawGcmDecrypt() throws GeneralSecurityException {
    gcm.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(GCM_TAG * 8, rawGcmMessage, 0, GCM_IV));
    gcm.updateAAD(context);
    return gcm.doFinal(rawGcmMessage, GCM_IV, rawGcmMessage.length - GCM_IV);
  }

  /** AES-256-CTR with a fresh random 12-byte nonce and a zero 32-bit counter. */
  @Benchmark
  public byte[] rawCtrEncrypt() throws GeneralSecurityException {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    iv[12] = iv[13] = iv[14] = iv[15] = 0;
    ctr.init(Cipher.ENCRYPT_MODE, rawKey, new IvParameterSpec(iv));
    return ctr.doFinal(data);
  }

  /** AES-256-CTR decryption with a known IV. */
  @Benchmark
  public byte[] rawCtrDecrypt() throws GeneralSecurityException {
    ctr.init(Cipher.DECRYPT_MODE, rawKey, new IvParameterSpec(rawCtrIv));
    return ctr.doFinal(rawCtrCiphertext);
  }
}
