package io.github.themis4j.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.themis4j.KeyFormatException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.testing.WasmThemis;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys across the two implementations, live against wasm-themis 0.15.0: keys it generates import
 * here, keys we generate or build pass its themis_is_valid_asym_key ("key.validate"), and both
 * sides agree on malformed containers.
 *
 * <p>themis_is_valid_asym_key only checks the tag, size, CRC and payload length. For the
 * non-default forms, where that says little, the tests also use Themis's signing as an oracle that
 * wasm-themis parses the key bytes as we do: it signs with our private-key container and verifies
 * with our public-key container, and the JDK verifies its signature with the key we imported (and
 * the other way round).
 */
class KeysInteropTest {
  private static final byte[] MESSAGE = "signed by Themis".getBytes(StandardCharsets.US_ASCII);

  private static int validate(WasmThemis wasm, byte[] key) {
    return wasm.call1("key.validate", key)[0];
  }

  @Test
  void wasmGeneratedEcKeysImportAndReexportIdentically() {
    WasmThemis wasm = WasmThemis.get();
    for (int i = 0; i < 5; i++) {
      byte[][] kp = wasm.call("keygen.ec");
      PrivateKey priv = PrivateKey.fromBytes(kp[0]);
      PublicKey pub = PublicKey.fromBytes(kp[1]);
      assertThat(priv.type()).isEqualTo(KeyType.EC);
      assertThat(pub.type()).isEqualTo(KeyType.EC);
      assertThat(priv.toByteArray()).isEqualTo(kp[0]);
      assertThat(pub.toByteArray()).isEqualTo(kp[1]);
      KeyPair.of(priv, pub);
    }
    // wasm-generated RSA pairs (its key generation takes seconds) are in KeyGoldenVectorsTest.
  }

  @Test
  void ourGeneratedKeysAreValidForThemis() {
    WasmThemis wasm = WasmThemis.get();
    List<KeyPair> pairs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pairs.add(KeyPair.generate(KeyType.EC));
    }
    pairs.add(KeyPair.generate(KeyType.RSA));
    for (KeyPair kp : pairs) {
      assertThat(validate(wasm, kp.privateKey().toByteArray())).isZero();
      assertThat(validate(wasm, kp.publicKey().toByteArray())).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void everyEcFormIsAcceptedAndParsedAlikeByThemis(EcCurve curve) throws Exception {
    WasmThemis wasm = WasmThemis.get();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve.curveName()));
    java.security.KeyPair jdk = g.generateKeyPair();
    ECPrivateKey jdkPriv = (ECPrivateKey) jdk.getPrivate();
    ECPublicKey jdkPub = (ECPublicKey) jdk.getPublic();
    int n = curve.fieldBytes();
    char digit = curve.tagDigit();
    for (int privLength : new int[] {n, n + 1}) {
      byte[] privBytes = Containers.ecPrivate(digit, jdkPriv.getS(), privLength);
      assertThat(validate(wasm, privBytes)).as("%s private, %d bytes", curve, privLength).isZero();
      PrivateKey priv = PrivateKey.fromBytes(privBytes);
      for (boolean compressed : new boolean[] {true, false}) {
        byte[] pubBytes = Containers.ecPublic(digit, jdkPub.getW(), n, compressed);
        assertThat(validate(wasm, pubBytes))
            .as("%s public, compressed %s", curve, compressed)
            .isZero();
        PublicKey pub = PublicKey.fromBytes(pubBytes);

        // Themis signs with our private container; the JDK verifies with our imported public key.
        byte[] signed = wasm.call1("msg.sign", privBytes, MESSAGE);
        assertThat(wasm.call1("msg.verify", pubBytes, signed)).isEqualTo(MESSAGE);
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(pub.toJcaKey());
        verify.update(MESSAGE);
        assertThat(verify.verify(signature(signed, 0x26042620))).isTrue();

        // The JDK signs with our imported private key; Themis verifies with our public container.
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(priv.toJcaKey());
        sign.update(MESSAGE);
        byte[] ours = signedMessage(0x26042620, MESSAGE, sign.sign());
        assertThat(wasm.call1("msg.verify", pubBytes, ours)).isEqualTo(MESSAGE);
      }
    }
  }

  @Test
  void everyRsaSizeIsAcceptedAndParsedAlikeByThemis() throws Exception {
    WasmThemis wasm = WasmThemis.get();
    for (RsaFixtures.Fixture f : RsaFixtures.all()) {
      byte[] privBytes = Containers.rsaPrivate(f.privateKey());
      byte[] pubBytes = Containers.rsaPublic(f.publicKey());
      assertThat(validate(wasm, privBytes)).as(f.id()).isZero();
      assertThat(validate(wasm, pubBytes)).as(f.id()).isZero();
      PublicKey pub = PublicKey.fromBytes(pubBytes);
      PrivateKey.fromBytes(privBytes);

      byte[] signed = wasm.call1("msg.sign", privBytes, MESSAGE);
      assertThat(wasm.call1("msg.verify", pubBytes, signed)).isEqualTo(MESSAGE);
      // Themis signs RSASSA-PSS, SHA-256, MGF1-SHA-256, with the maximum salt length.
      int emLen = (f.bits() - 1 + 7) / 8;
      Signature verify = Signature.getInstance("RSASSA-PSS");
      verify.setParameter(
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, emLen - 32 - 2, 1));
      verify.initVerify(pub.toJcaKey());
      verify.update(MESSAGE);
      assertThat(verify.verify(signature(signed, 0x26042610))).as(f.id()).isTrue();
    }
  }

  @Test
  void malformedContainersAreRejectedByBoth() {
    WasmThemis wasm = WasmThemis.get();
    KeyPair kp = KeyPair.generate(KeyType.EC);
    byte[] pub = kp.publicKey().toByteArray();
    byte[] priv = kp.privateKey().toByteArray();

    byte[] badCrc = pub.clone();
    badCrc[20] ^= 0x10;
    assertThat(validate(wasm, badCrc)).isEqualTo(15); // THEMIS_DATA_CORRUPT
    assertThatThrownBy(() -> PublicKey.fromBytes(badCrc)).isInstanceOf(KeyFormatException.class);

    byte[] badSize = priv.clone();
    Bytes.writeBe32(badSize, 4, 44);
    assertThat(validate(wasm, badSize)).isEqualTo(12); // THEMIS_INVALID_PARAMETER
    assertThatThrownBy(() -> PrivateKey.fromBytes(badSize)).isInstanceOf(KeyFormatException.class);

    byte[] trailing = Arrays.copyOf(pub, 46);
    assertThat(validate(wasm, trailing)).isEqualTo(12);
    assertThatThrownBy(() -> PublicKey.fromBytes(trailing)).isInstanceOf(KeyFormatException.class);

    // A P-256 payload of a length Themis does not accept (34 bytes), with a correct size and CRC.
    byte[] odd = Containers.container("UEC2", Arrays.copyOfRange(Arrays.copyOf(pub, 46), 12, 46));
    assertThat(validate(wasm, odd)).isEqualTo(12);
    assertThatThrownBy(() -> PublicKey.fromBytes(odd)).isInstanceOf(KeyFormatException.class);

    byte[] unknownCurve = Containers.container("UEC4", Arrays.copyOfRange(pub, 12, 45));
    assertThat(validate(wasm, unknownCurve)).isEqualTo(12);
    assertThatThrownBy(() -> PublicKey.fromBytes(unknownCurve))
        .isInstanceOf(KeyFormatException.class);
  }

  /**
   * Two RSA private-key variants whose lengths pass themis_is_valid_asym_key. (1) Zeroed CRT
   * parameters: Themis's import has a branch for them, but RSA_set0_factors refuses the missing
   * factors, so Themis cannot use the key (signing fails with 12); themis4j refuses it at import (p
   * * q != n). (2) A modulus shorter than the tag's size (leading zero bytes): Themis loads and
   * uses it; themis4j refuses it, a documented deviation (no Themis version writes such keys).
   */
  @Test
  void rsaVariantsThatPassLengthValidation() throws Exception {
    WasmThemis wasm = WasmThemis.get();
    RsaFixtures.Fixture f = RsaFixtures.all().get(0); // 1024-bit
    byte[] zeroCrt = Containers.rsaPrivate(f.privateKey());
    Arrays.fill(zeroCrt, 12 + 128, 12 + 128 + 5 * 64, (byte) 0);
    zeroCrt = Containers.rechecksum(zeroCrt);
    assertThat(validate(wasm, zeroCrt)).isZero();
    byte[] zeroCrtKey = zeroCrt;
    assertThat(
            ((WasmThemis.Failure) catchThrowable(() -> wasm.call1("msg.sign", zeroCrtKey, MESSAGE)))
                .code())
        .isEqualTo(12);
    assertThatThrownBy(() -> PrivateKey.fromBytes(zeroCrtKey))
        .isInstanceOf(KeyFormatException.class);

    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(new RSAKeyGenParameterSpec(1016, RSAKeyGenParameterSpec.F4));
    java.security.KeyPair shortKey = g.generateKeyPair();
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) shortKey.getPrivate();
    byte[] payload = new byte[128 + 5 * 64 + 128 + 4];
    System.arraycopy(Containers.fixed(k.getPrivateExponent(), 128), 0, payload, 0, 128);
    BigInteger[] halves = {
      k.getPrimeP(),
      k.getPrimeQ(),
      k.getPrimeExponentP(),
      k.getPrimeExponentQ(),
      k.getCrtCoefficient()
    };
    for (int i = 0; i < 5; i++) {
      System.arraycopy(Containers.fixed(halves[i], 64), 0, payload, 128 + 64 * i, 64);
    }
    System.arraycopy(Containers.fixed(k.getModulus(), 128), 0, payload, 128 + 320, 128);
    System.arraycopy(Containers.fixed(k.getPublicExponent(), 4), 0, payload, 576, 4);
    byte[] shortModulus = Containers.container("RRA1", payload);
    assertThat(validate(wasm, shortModulus)).isZero();
    assertThat(wasm.call1("msg.sign", shortModulus, MESSAGE)).isNotEmpty(); // Themis uses it
    assertThatThrownBy(() -> PrivateKey.fromBytes(shortModulus))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("size its tag declares");
  }

  /**
   * The signature of a Themis signed message: type, message length, signature length (LE32), data.
   */
  private static byte[] signature(byte[] signed, int type) {
    assertThat(Bytes.readLe32(signed, 0)).isEqualTo(type);
    int msgLen = Bytes.readLe32(signed, 4);
    int sigLen = Bytes.readLe32(signed, 8);
    assertThat(Arrays.copyOfRange(signed, 12, 12 + msgLen)).isEqualTo(MESSAGE);
    return Arrays.copyOfRange(signed, 12 + msgLen, 12 + msgLen + sigLen);
  }

  private static byte[] signedMessage(int type, byte[] message, byte[] signature) {
    byte[] header = new byte[12];
    Bytes.writeLe32(header, 0, type);
    Bytes.writeLe32(header, 4, message.length);
    Bytes.writeLe32(header, 8, signature.length);
    return Bytes.concat(header, message, signature);
  }
}
