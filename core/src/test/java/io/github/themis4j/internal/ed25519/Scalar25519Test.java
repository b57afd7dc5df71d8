package io.github.themis4j.internal.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scalar arithmetic modulo L against BigInteger. */
class Scalar25519Test {
  private static final BigInteger L = RefEdwards.L;
  private static final Random RANDOM = new Random(252);

  @Test
  void orderConstant() {
    assertThat(RefEdwards.fromLe(Scalar25519.L_BYTES)).isEqualTo(L);
  }

  @Test
  void reduceMatchesBigInteger() {
    List<BigInteger> v = new ArrayList<>();
    BigInteger two512 = BigInteger.TWO.pow(512);
    for (BigInteger k : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, L.subtract(BigInteger.ONE), L,
        L.add(BigInteger.ONE), L.shiftLeft(1), L.multiply(L), L.shiftLeft(259), two512.subtract(BigInteger.ONE),
        two512.subtract(L), BigInteger.TWO.pow(252), BigInteger.TWO.pow(253).subtract(BigInteger.ONE)}) {
      v.add(k);
    }
    for (int i = 0; i < 300; i++) {
      v.add(new BigInteger(1 + RANDOM.nextInt(512), RANDOM));
    }
    for (BigInteger a : v) {
      assertThat(RefEdwards.fromLe(Scalar25519.reduce(RefEdwards.le64(a)))).as(a.toString(16)).isEqualTo(a.mod(L));
    }
  }

  @Test
  void mulAddMatchesBigInteger() {
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    List<BigInteger[]> cases = new ArrayList<>();
    cases.add(new BigInteger[] {max, max, max});
    cases.add(new BigInteger[] {BigInteger.ZERO, max, BigInteger.ZERO});
    cases.add(new BigInteger[] {L.subtract(BigInteger.ONE), L.subtract(BigInteger.ONE), L.subtract(BigInteger.ONE)});
    cases.add(new BigInteger[] {L, BigInteger.ONE, L});
    for (int i = 0; i < 300; i++) {
      cases.add(new BigInteger[] {new BigInteger(256, RANDOM), new BigInteger(256, RANDOM), new BigInteger(256, RANDOM)});
    }
    for (BigInteger[] c : cases) {
      byte[] r = Scalar25519.mulAdd(RefEdwards.le(c[0]), RefEdwards.le(c[1]), RefEdwards.le(c[2]));
      assertThat(RefEdwards.fromLe(r)).isEqualTo(c[0].multiply(c[1]).add(c[2]).mod(L));
    }
  }

  @Test
  void canonicalAndClamp() {
    assertThat(Scalar25519.isCanonical(RefEdwards.le(L.subtract(BigInteger.ONE)), 0)).isTrue();
    assertThat(Scalar25519.isCanonical(RefEdwards.le(L), 0)).isFalse();
    assertThat(Scalar25519.isCanonical(RefEdwards.le(L.add(BigInteger.ONE)), 0)).isFalse();
    assertThat(Scalar25519.isCanonical(RefEdwards.le(BigInteger.ZERO), 0)).isTrue();
    byte[] top = new byte[32];
    top[31] = (byte) 0x20; // 2^253: only the top-bits check of Themis would catch it
    assertThat(Scalar25519.isCanonical(top, 0)).isFalse();

    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xff);
    BigInteger clamped = RefEdwards.fromLe(Scalar25519.clamp(ff));
    assertThat(clamped).isEqualTo(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(8)).clearBit(255));
    assertThat(RefEdwards.fromLe(Scalar25519.clamp(new byte[32]))).isEqualTo(BigInteger.TWO.pow(254));
  }
}
