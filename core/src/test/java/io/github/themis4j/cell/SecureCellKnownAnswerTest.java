package io.github.themis4j.cell;

import io.github.themis4j.internal.CellFormat;
import static io.github.themis4j.testing.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.internal.Aes;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Pbkdf2;
import io.github.themis4j.internal.SoterKdf;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors from outside this project: the format digest's Appendix A.1 (wasm-themis
 * 0.15.0 output with its intermediate values), the Themis documentation examples, the Themis 0.13
 * passphrase stability vectors and the 0.9.6 compatibility vectors from
 * tests/themis/themis_secure_cell.c, and passphrase cells made by PyThemis (from GoThemis's and the
 * Android wrapper's tests).
 */
class SecureCellKnownAnswerTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] b64(String s) {
    return Base64.getMimeDecoder().decode(s);
  }

  /**
   * Digest Appendix A.1: master key 00..1f, plaintext "Themis 0.15 KAT message", context "KAT
   * context".
   */
  private static final byte[] A1_MASTER =
      hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private static final byte[] A1_MESSAGE = utf8("Themis 0.15 KAT message");
  private static final byte[] A1_CONTEXT = hex("4b415420636f6e74657874");
  private static final SymmetricKey A1_KEY = SymmetricKey.fromBytes(A1_MASTER);

  @Test
  void a1SealDerivedKey() {
    assertThat(A1_MESSAGE).hasSize(23);
    assertThat(A1_CONTEXT).isEqualTo(utf8("KAT context"));
    assertThat(CellFormat.messageKey(A1_MASTER, 32, 23, A1_CONTEXT))
        .isEqualTo(hex("23fece95b12315b09a1f837048eacec382b53f582e9146278452163ac6c39f2a"));
  }

  @Test
  void a1Seal() {
    byte[] sealed =
        hex(
            "000101400c0000001000000017000000aa3f07f72a4c9a3ead3a52707aabe16efc9cada416172290ab931f"
                + "c7d74d76e17f6b117252955887ffb6fb9e00b10bf36be39e");
    assertThat(SecureCell.sealWithKey(A1_KEY).decrypt(sealed, A1_CONTEXT)).isEqualTo(A1_MESSAGE);
  }

  @Test
  void a1TokenProtect() {
    byte[] data = hex("b26acbf72c22bd2d3692fdb46154874aab25e60873bd3c");
    byte[] token =
        hex(
            "000101400c00000010000000170000005364a8d2d6a82468b3ea2ee2db5437726a81b2a71d80fb18bc1f6046");
    assertThat(SecureCell.tokenProtectWithKey(A1_KEY).decrypt(data, token, A1_CONTEXT))
        .isEqualTo(A1_MESSAGE);
  }

  @Test
  void a1ContextImprintWithIntermediateValues() {
    byte[] k = SoterKdf.derive(A1_MASTER, CellFormat.MESSAGE_KEY_LABEL, 32, Bytes.le32(23));
    assertThat(k)
        .isEqualTo(hex("3f41860b69250629efc6b7edb197a115f94effeb39c0a1f4bc89d74b7c34a361"));
    assertThat(SoterKdf.derive(k, CellFormat.IMPRINT_IV_LABEL, 16, A1_CONTEXT))
        .isEqualTo(hex("04c32d6ea7c4d6e43480cab54028aa41"));
    byte[] expected = hex("01165c8dbad3b15a11b2d1d0f396d9de31460100d056ff");
    SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(A1_KEY);
    assertThat(cell.encrypt(A1_MESSAGE, A1_CONTEXT)).isEqualTo(expected);
    assertThat(cell.decrypt(expected, A1_CONTEXT)).isEqualTo(A1_MESSAGE);
  }

  @Test
  void a1SealWithPassphraseWithIntermediateValues() {
    byte[] sealed =
        hex(
            "000101410c0000001000000017000000160000000b2d35c165cd288ee4f631bdfe5400bc7613b181d637ac17d490"
                + "070bfeca0400100083871dfefcaea7150a328cfb4f037858c64cc70473fc1f010c6db3cca658e830eba38eb6c0"
                + "3272");
    assertThat(Bytes.readLe32(sealed, 48)).isEqualTo(314_110);
    byte[] salt = Arrays.copyOfRange(sealed, 54, 70);
    byte[] prekey = Pbkdf2.hmacSha256(utf8("passphrase"), salt, 314_110, 32);
    assertThat(prekey)
        .isEqualTo(hex("8ff58e39c845b92a4c4cd7d99011914cce1c9b804da17ce0c61a6a9ee12b7277"));
    assertThat(CellFormat.messageKey(prekey, 32, 23, A1_CONTEXT))
        .isEqualTo(hex("684eb2bd7350a20f7e01de27a88bfe83d6f184dbf0003f8f797bb8a5c5dc485a"));
    assertThat(SecureCell.sealWithPassphrase("passphrase").decrypt(sealed, A1_CONTEXT))
        .isEqualTo(A1_MESSAGE);
  }

  /** docs/examples/{js,python,wasm}/...secure_cell...: a Seal without context. */
  @Test
  void documentationExample() {
    SymmetricKey key =
        SymmetricKey.fromBytes(b64("bm8sIHRoaXMgaXMgbm90IGEgdmFsaWQgbWFzdGVyIGtleQ=="));
    byte[] sealed =
        b64("AAEBQAwAAAAQAAAAEQAAAC0fCd2mOIxlDUORXz8+qCKuHCXcDii4bMF8OjOCOqsKEdV4+Ga2xTHPMupFvg==");
    assertThat(key.toByteArray()).isEqualTo(utf8("no, this is not a valid master key"));
    assertThat(SecureCell.sealWithKey(key).decrypt(sealed)).isEqualTo(utf8("encrypted message"));
  }

  /** The docs.cossacklabs.com Secure Cell specification example: a Seal with context. */
  @Test
  void specificationExample() {
    SymmetricKey key = SymmetricKey.fromBytes(utf8("au6aimoa8Pee8wahxi4Aique6eaxai2a"));
    byte[] sealed =
        b64("AAEBQAwAAAAQAAAAEQAAAM5da3KkReYC7++OPbrI13UycoVi3s01Ji64WQ/KIe+3oF8cgLle19WC+tnaCg==");
    assertThat(SecureCell.sealWithKey(key).decrypt(sealed, utf8("additional context")))
        .isEqualTo(utf8("encrypted message"));
  }

  /**
   * tests/themis/themis_secure_cell.c scell_seal_passphrase_stability: Themis 0.13 passphrase cells
   * with AES-256, AES-192 and AES-128 and 200,000 iterations. Passphrase, context and message all
   * include the C string's trailing NUL ({@code sizeof}).
   */
  @Test
  void themis013PassphraseStability() {
    byte[] pass = utf8("never gonna give you up\0");
    byte[] context = utf8("never gonna run around and desert you\0");
    byte[] message = utf8("never gonna let you down\0");
    String[] cells = {
      "000101410c000000100000001900000016000000beea51b041297afa8c2c3e2117af9e2f384b9c1a688f7d836c"
          + "bef769400d030010001e7abf26e1566bf206fe4e963d1e56a1b41304b25211f441b03516218aeb1cce86ec15c7"
          + "79b2c82d35",
      "c00001410c000000100000001900000016000000e8c6a6f9cd06823561f6cd6aee5d1ca98a50a81316946c2b80"
          + "22fd68400d0300100012018d2a8dcf6c17c4c107cac275a1449e8c77265cb87a681bbf645f55566c0d52c1cffb"
          + "72547c6059",
      "800001410c00000010000000190000001600000046afd7fe56ee07d7a64048a800a9d60c80675765ffb659d8c8"
          + "77d817400d03001000c3a1859a13827aee1fdb9cb3314ef9273fac611ca57daa5443f37819397c5a9d7142a46f"
          + "87961abddb",
    };
    int[] keyBits = {256, 192, 128};
    SecureCell.Seal cell = SecureCell.sealWithPassphrase(pass);
    for (int i = 0; i < cells.length; i++) {
      byte[] sealed = hex(cells[i]);
      assertThat(sealed).hasSize(95);
      assertThat(Bytes.readLe32(sealed, 0) & 0xfff).isEqualTo(keyBits[i]);
      assertThat(Bytes.readLe32(sealed, 48)).isEqualTo(200_000);
      assertThat(cell.decrypt(sealed, context)).as("AES-%d", keyBits[i]).isEqualTo(message);
    }
  }

  /** gothemis/cell/seal_pw_test.go TestSealPWDefaultEncoding: PyThemis, UTF-8 passphrase. */
  @Test
  void pyThemisUtf8Passphrase() {
    byte[] sealed =
        b64(
            "AAEBQQwAAAAQAAAAHwAAABYAAABnwwTrIwAUgrvzeuBmgIXw8GaiYqD1yshnGbolQA0DABAA/5SaUH\n"
                + "31a/xYUXiDzRj3W2Lv4hwcbSymrFpbVuIoG7+DDNbo1yh2p2slIwZnMPU=");
    assertThat(SecureCell.sealWithPassphrase("дружбомагия").decrypt(sealed))
        .isEqualTo(utf8("Would you show me your... seal?"));
  }

  /**
   * The Android wrapper's SecureCellSealWithPassphraseTest.specificEncoding: PyThemis, UTF-16BE.
   */
  @Test
  void pyThemisUtf16bePassphrase() {
    byte[] sealed =
        b64(
            "AAEBQQwAAAAQAAAAHwAAABYAAAAZzELB2A0q/vzRB0FVP664QBPjKA/AER9v5oxAQA0DABAAuidXTI+22ukcDOfifuHCtP7P"
                + "Gu73GI7Ga7hlZfUrczMYrg9/LdV22vdRwfYbdIU=");
    SecureCell.Seal cell =
        SecureCell.sealWithPassphrase("secret".getBytes(StandardCharsets.UTF_16BE));
    assertThat(cell.decrypt(sealed)).isEqualTo(utf8("All your base are belong to us!"));
  }

  /**
   * tests/themis/themis_secure_cell.c secure_cell_0_9_6_compatibility. Themis 0.9.6 fed the message
   * length to the KDF as 8 bytes (LE64). Themis 0.15 only retries that when built with
   * WITH_SCELL_COMPAT, which is off by default and in wasm-themis; themis4j does not retry either.
   * The test shows both: the cells fail as they do in a default Themis build, and decrypt with the
   * LE64 derivation, which pins down what the old format was.
   */
  private static final byte[] V096_MASTER =
      hex("08bcfbf38db4d3d90b2173885cc2d9a39da9464e03e07849569415b8d5c0ca8c");

  private static final byte[] V096_CONTEXT = hex("aa5f1462495c59eb");
  private static final byte[] V096_MESSAGE = utf8("message encrypted with Themis 0.9.6");
  private static final SymmetricKey V096_KEY = SymmetricKey.fromBytes(V096_MASTER);
  private static final byte[] V096_SEAL =
      hex(
          "000101400c0000001000000023000000f63bab8db897fa1eb12c5a898c1a8662abddee56e8bfaecdcebfc012537a"
              + "0eb71a509a8a81e9d696ea5ca7f935005f2d7846f9d086b742f076cec75651c0e9");
  private static final byte[] V096_TOKEN_DATA =
      hex("0d8c96ff8a67f54bbfdd2016d88c0749d94a06a07edd90eb1a3940f792141f4591136f");
  private static final byte[] V096_TOKEN =
      hex(
          "000101400c0000001000000023000000db291f5f25f0f2105c0c27b4989c5f0bcc3f9b2971d0bab06faf7547");
  private static final byte[] V096_IMPRINT =
      hex("51f9a35e9aa2af6958b1ca3e772b5212500940070f9984e830713eb1a4c82a710bbe26");

  @Test
  void themis096SealAndTokenFailLikeDefaultThemis() {
    assertThat(V096_MESSAGE).hasSize(35);
    assertThatThrownBy(() -> SecureCell.sealWithKey(V096_KEY).decrypt(V096_SEAL, V096_CONTEXT))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(
            () ->
                SecureCell.tokenProtectWithKey(V096_KEY)
                    .decrypt(V096_TOKEN_DATA, V096_TOKEN, V096_CONTEXT))
        .isInstanceOf(AuthenticationFailedException.class);
    // Context Imprint cannot detect it: it returns other bytes.
    assertThat(SecureCell.contextImprintWithKey(V096_KEY).decrypt(V096_IMPRINT, V096_CONTEXT))
        .isNotEqualTo(V096_MESSAGE);
  }

  @Test
  void themis096DecryptsWithTheLe64LengthDerivation() throws Exception {
    byte[] le64 = Arrays.copyOf(Bytes.le32(35), 8);
    byte[] k = SoterKdf.derive(V096_MASTER, CellFormat.MESSAGE_KEY_LABEL, 32, le64, V096_CONTEXT);
    assertThat(
            CellFormat.gcmDecrypt(k, V096_SEAL, 16, V096_CONTEXT, V096_SEAL, 44, 35, V096_SEAL, 28))
        .isEqualTo(V096_MESSAGE);
    assertThat(
            CellFormat.gcmDecrypt(
                k, V096_TOKEN, 16, V096_CONTEXT, V096_TOKEN_DATA, 0, 35, V096_TOKEN, 28))
        .isEqualTo(V096_MESSAGE);

    byte[] ki = SoterKdf.derive(V096_MASTER, CellFormat.MESSAGE_KEY_LABEL, 32, le64);
    byte[] iv = SoterKdf.derive(ki, CellFormat.IMPRINT_IV_LABEL, 16, V096_CONTEXT);
    Cipher ctr = Aes.ctr();
    ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(ki, "AES"), new IvParameterSpec(iv));
    assertThat(ctr.doFinal(V096_IMPRINT)).isEqualTo(V096_MESSAGE);
  }
}
