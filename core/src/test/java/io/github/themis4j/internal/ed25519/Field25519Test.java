package io.github.themis4j.internal.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GF(2^255 - 19) arithmetic against BigInteger, including values around p and 2^255. */
class Field25519Test {
  private static final BigInteger P = RefEdwards.P;
  private static final Random RANDOM = new Random(255_19);

  /** Interesting encodings (all 255-bit, bit 255 clear) plus random ones. */
  private static List<BigInteger> samples() {
    List<BigInteger> v = new ArrayList<>();
    BigInteger two255 = BigInteger.TWO.pow(255);
    for (long k : new long[] {0, 1, 2, 18, 19, 20, 37, 38}) {
      v.add(BigInteger.valueOf(k));
      v.add(P.subtract(BigInteger.valueOf(k)).mod(two255));
      v.add(P.add(BigInteger.valueOf(k)).mod(two255)); // non-canonical encodings (>= p)
    }
    v.add(two255.subtract(BigInteger.ONE));
    v.add(BigInteger.TWO.pow(254));
    v.add(BigInteger.TWO.pow(26).subtract(BigInteger.ONE));
    for (int i = 0; i < 200; i++) {
      v.add(new BigInteger(255, RANDOM));
    }
    return v;
  }

  private static long[] fe(BigInteger v) {
    return Field25519.fromBytes(RefEdwards.le(v), 0);
  }

  private static BigInteger val(long[] f) {
    return Field25519.toBigInteger(f);
  }

  @Test
  void bytesRoundTripReducesModP() {
    for (BigInteger a : samples()) {
      byte[] enc = Field25519.toBytes(fe(a));
      assertThat(RefEdwards.fromLe(enc)).isEqualTo(a.mod(P));
      assertThat(enc[31] & 0x80).isZero();
    }
  }

  @Test
  void fromBytesIgnoresBit255() {
    for (BigInteger a : samples()) {
      byte[] enc = RefEdwards.le(a);
      enc[31] |= (byte) 0x80;
      assertThat(val(Field25519.fromBytes(enc, 0))).isEqualTo(a.mod(P));
    }
  }

  @Test
  void addSubMulNegMatchBigInteger() {
    List<BigInteger> s = samples();
    for (int i = 0; i < s.size(); i++) {
      BigInteger a = s.get(i);
      BigInteger b = s.get((i * 7 + 3) % s.size());
      long[] fa = fe(a);
      long[] fb = fe(b);
      assertThat(val(Field25519.add(fa, fb))).isEqualTo(a.add(b).mod(P));
      assertThat(val(Field25519.sub(fa, fb))).isEqualTo(a.subtract(b).mod(P));
      assertThat(val(Field25519.mul(fa, fb))).isEqualTo(a.multiply(b).mod(P));
      assertThat(val(Field25519.sq(fa))).isEqualTo(a.multiply(a).mod(P));
      assertThat(val(Field25519.neg(fa))).isEqualTo(a.negate().mod(P));
    }
  }

  @Test
  void longChainsStayWithinLimbBounds() {
    // Repeated operations on outputs (never re-normalized through bytes) must stay exact.
    long[] f = fe(P.subtract(BigInteger.ONE));
    long[] g = fe(BigInteger.TWO.pow(255).subtract(BigInteger.ONE));
    BigInteger a = P.subtract(BigInteger.ONE);
    BigInteger b = BigInteger.TWO.pow(255).subtract(BigInteger.ONE).mod(P);
    for (int i = 0; i < 2000; i++) {
      switch (i % 4) {
        case 0:
          f = Field25519.sub(f, g);
          a = a.subtract(b).mod(P);
          break;
        case 1:
          g = Field25519.mul(f, g);
          b = a.multiply(b).mod(P);
          break;
        case 2:
          f = Field25519.add(f, Field25519.add(g, g));
          a = a.add(b.shiftLeft(1)).mod(P);
          break;
        default:
          g = Field25519.neg(Field25519.sq(g));
          b = b.multiply(b).negate().mod(P);
      }
    }
    assertThat(val(f)).isEqualTo(a);
    assertThat(val(g)).isEqualTo(b);
  }

  @Test
  void invertAndPredicates() {
    for (BigInteger a : samples()) {
      long[] fa = fe(a);
      BigInteger r = a.mod(P);
      assertThat(val(Field25519.invert(fa))).isEqualTo(r.signum() == 0 ? BigInteger.ZERO : r.modInverse(P));
      assertThat(Field25519.isZero(fa)).isEqualTo(r.signum() == 0);
      assertThat(Field25519.isNegative(fa)).isEqualTo(r.testBit(0));
    }
  }

  @Test
  void constants() {
    assertThat(val(Field25519.D)).isEqualTo(RefEdwards.D);
    assertThat(val(Field25519.sq(Field25519.SQRT_M1))).isEqualTo(P.subtract(BigInteger.ONE));
    assertThat(val(Field25519.pow22523(fe(BigInteger.valueOf(3)))))
        .isEqualTo(BigInteger.valueOf(3).modPow(P.subtract(BigInteger.valueOf(5)).shiftRight(3), P));
  }

  @Test
  void cmovSelectsWithoutBranching() {
    long[] a = fe(BigInteger.valueOf(5));
    long[] b = fe(BigInteger.valueOf(7));
    long[] t = a.clone();
    Field25519.cmov(t, b, 0);
    assertThat(val(t)).isEqualTo(BigInteger.valueOf(5));
    Field25519.cmov(t, b, 1);
    assertThat(val(t)).isEqualTo(BigInteger.valueOf(7));
  }
}
