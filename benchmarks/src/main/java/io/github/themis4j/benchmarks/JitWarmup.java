package io.github.themis4j.benchmarks;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.cell.TokenProtectedData;
import io.github.themis4j.keys.SymmetricKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Brings the JIT to steady state before large-buffer benchmarks.
 *
 * <p>The JDK's AES-GCM and AES-CTR reach their AES-NI/CLMUL intrinsics only once their Java
 * callers are compiled, which takes thousands of calls. At 1 MiB per call (about 50 calls a
 * second while interpreted) that is minutes, far beyond any warm-up iteration, so a 1 MiB
 * benchmark would measure the interpreter. A long-running application gets there through its many
 * small messages; this does the same here: every Secure Cell mode and every raw baseline runs a few
 * thousand times on small buffers, so themis4j and the raw primitives start equally warm.
 */
final class JitWarmup {
  private static final int ROUNDS = 12_000;

  private JitWarmup() {}

  static void secureCell(SymmetricKey key, byte[] context) {
    try {
      SecureRandom random = new SecureRandom();
      SecureCell.Seal seal = SecureCell.sealWithKey(key);
      SecureCell.TokenProtect tokenProtect = SecureCell.tokenProtectWithKey(key);
      SecureCell.ContextImprint imprint = SecureCell.contextImprintWithKey(key);
      SecretKeySpec rawKey = new SecretKeySpec(key.toByteArray(), "AES");
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      long sink = 0;
      for (int i = 0; i < ROUNDS; i++) {
        byte[] data = new byte[64 + (i % 8) * 512];
        random.nextBytes(data);
        byte[] sealed = seal.encrypt(data, context);
        sink += seal.decrypt(sealed, context).length;
        TokenProtectedData tp = tokenProtect.encrypt(data, context);
        sink += tokenProtect.decrypt(tp.ciphertext(), tp.token(), context).length;
        sink += imprint.decrypt(imprint.encrypt(data, context), context).length;

        byte[] iv = new byte[12];
        random.nextBytes(iv);
        gcm.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
        gcm.updateAAD(context);
        byte[] ct = gcm.doFinal(data);
        gcm.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
        gcm.updateAAD(context);
        sink += gcm.doFinal(ct).length;

        byte[] ctrIv = new byte[16];
        random.nextBytes(ctrIv);
        ctr.init(Cipher.ENCRYPT_MODE, rawKey, new IvParameterSpec(ctrIv));
        ct = ctr.doFinal(data);
        ctr.init(Cipher.DECRYPT_MODE, rawKey, new IvParameterSpec(ctrIv));
        sink += ctr.doFinal(ct).length;
      }
      Check.isTrue(sink > 0, "JIT warm-up");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
