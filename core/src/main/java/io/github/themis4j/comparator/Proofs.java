package io.github.themis4j.comparator;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.Rng;
import io.github.themis4j.internal.ed25519.EdPoint;
import io.github.themis4j.internal.ed25519.Scalar25519;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The three Schnorr-style zero-knowledge proofs of Themis's Secure Comparator (secure_comparator.c:
 * ed_sign, ed_dbl_base_sign, ed_point_sign and their verifiers). Each proof starts with the challenge
 * c = SHA-512(commitments || pos) mod L, where pos (1..8) names the proof's place in the protocol, and
 * continues with the responses s = c * secret + nonce mod L. All values are 32 bytes, little-endian.
 *
 * <p>Verifiers accept only responses and challenges below L (Themis only checks that the top three
 * bits of a response are clear; an honest Themis peer always sends reduced values).
 */
final class Proofs {
  static final int SCALAR = 32;
  /** Proof of knowledge of x with X = x * B: c || s. */
  static final int DL_SIZE = 2 * SCALAR;
  /** Proof of knowledge of x1, x2 with P = x1 * base2 and Q = x1 * B + x2 * base1: c || s1 || s2. */
  static final int DBL_SIZE = 3 * SCALAR;
  /** Proof that X = x * B and Z = x * Y share the exponent x: c || s. */
  static final int EQ_SIZE = 2 * SCALAR;

  private Proofs() {}

  /** A Themis random scalar: 32 random bytes, clamped (generate_random_32). */
  static byte[] randomScalar() {
    return Scalar25519.clamp(Rng.bytes(SCALAR));
  }

  /**
   * A proof nonce: uniform mod L (64 random bytes reduced). Themis uses clamped scalars here too, which
   * puts every nonce in half of the group and leaks a bit of bias per proof; a verifier cannot tell the
   * difference, so the wire format is unchanged.
   */
  static byte[] proofNonce() {
    byte[] wide = Rng.bytes(2 * SCALAR);
    byte[] r = Scalar25519.reduce(wide);
    Arrays.fill(wide, (byte) 0);
    return r;
  }

  /** H(enc(points[0]) || enc(points[1]) ... || pos) reduced mod L. */
  static byte[] challenge(int pos, EdPoint... points) {
    MessageDigest sha512;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from the JDK", e);
    }
    for (EdPoint p : points) {
      sha512.update(p.encode());
    }
    sha512.update((byte) pos);
    return Scalar25519.reduce(sha512.digest());
  }

  /** ed_sign: writes c || s proving knowledge of {@code x} for X = x * B. */
  static void proveDiscreteLog(int pos, byte[] x, byte[] out, int off) {
    byte[] r = proofNonce();
    byte[] c = challenge(pos, EdPoint.multiplyBase(r));
    System.arraycopy(c, 0, out, off, SCALAR);
    System.arraycopy(Scalar25519.mulAdd(c, x, r), 0, out, off + SCALAR, SCALAR);
    Arrays.fill(r, (byte) 0);
  }

  /** ed_verify: checks c || s at {@code in[off]} for X; R = s * B - c * X must hash to c. */
  static void verifyDiscreteLog(int pos, EdPoint bigX, byte[] in, int off, String what) {
    byte[] c = scalar(in, off, what);
    byte[] s = scalar(in, off + SCALAR, what);
    EdPoint r = EdPoint.multiplyBase(s).subtract(bigX.multiply(c));
    check(challenge(pos, r), c, what);
  }

  /**
   * ed_dbl_base_sign: proves P = x1 * base2 and Q = x1 * B + x2 * base1. Nonces r1, r2 commit to
   * R1 = r1 * base2 and R2 = r2 * base1 + r1 * B; writes c || s1 || s2.
   */
  static void proveDoubleBase(
      int pos, byte[] x1, byte[] x2, EdPoint base1, EdPoint base2, byte[] out, int off) {
    byte[] r1 = proofNonce();
    byte[] r2 = proofNonce();
    EdPoint bigR1 = base2.multiply(r1);
    EdPoint bigR2 = base1.multiply(r2).add(EdPoint.multiplyBase(r1));
    byte[] c = challenge(pos, bigR1, bigR2);
    System.arraycopy(c, 0, out, off, SCALAR);
    System.arraycopy(Scalar25519.mulAdd(c, x1, r1), 0, out, off + SCALAR, SCALAR);
    System.arraycopy(Scalar25519.mulAdd(c, x2, r2), 0, out, off + 2 * SCALAR, SCALAR);
    Arrays.fill(r1, (byte) 0);
    Arrays.fill(r2, (byte) 0);
  }

  /** ed_dbl_base_verify: R1 = s1 * base2 - c * P and R2 = s2 * base1 + s1 * B - c * Q must hash to c. */
  static void verifyDoubleBase(
      int pos, EdPoint base1, EdPoint base2, EdPoint bigP, EdPoint bigQ, byte[] in, int off, String what) {
    byte[] c = scalar(in, off, what);
    byte[] s1 = scalar(in, off + SCALAR, what);
    byte[] s2 = scalar(in, off + 2 * SCALAR, what);
    // s1, s2 and c are public (they are in the message): one multi-scalar sum each.
    EdPoint bigR1 =
        EdPoint.sumOfPublicMultiples(new byte[][] {s1, c}, new EdPoint[] {base2, bigP.negate()});
    EdPoint bigR2 =
        EdPoint.sumOfPublicMultiples(
            new byte[][] {s2, s1, c}, new EdPoint[] {base1, EdPoint.BASE, bigQ.negate()});
    check(challenge(pos, bigR1, bigR2), c, what);
  }

  /** ed_point_sign: proves X = x * B and Z = x * Y with one nonce r: c = H(r * B || r * Y || pos). */
  static void proveEqualLogs(int pos, byte[] x, EdPoint bigY, byte[] out, int off) {
    byte[] r = proofNonce();
    byte[] c = challenge(pos, EdPoint.multiplyBase(r), bigY.multiply(r));
    System.arraycopy(c, 0, out, off, SCALAR);
    System.arraycopy(Scalar25519.mulAdd(c, x, r), 0, out, off + SCALAR, SCALAR);
    Arrays.fill(r, (byte) 0);
  }

  /** ed_point_verify: R1 = s * B - c * X and R2 = s * Y - c * Z must hash to c. */
  static void verifyEqualLogs(
      int pos, EdPoint bigX, EdPoint bigY, EdPoint bigZ, byte[] in, int off, String what) {
    byte[] c = scalar(in, off, what);
    byte[] s = scalar(in, off + SCALAR, what);
    EdPoint bigR1 = EdPoint.multiplyBase(s).subtract(bigX.multiply(c));
    EdPoint bigR2 =
        EdPoint.sumOfPublicMultiples(new byte[][] {s, c}, new EdPoint[] {bigY, bigZ.negate()});
    check(challenge(pos, bigR1, bigR2), c, what);
  }

  private static byte[] scalar(byte[] in, int off, String what) {
    if (!Scalar25519.isCanonical(in, off)) {
      throw new AuthenticationFailedException(
          "Secure Comparator: " + what + " has a scalar out of range (not below the group order)");
    }
    return Arrays.copyOfRange(in, off, off + SCALAR);
  }

  private static void check(byte[] expected, byte[] c, String what) {
    if (!Bytes.constantTimeEquals(expected, c)) {
      throw new AuthenticationFailedException("Secure Comparator: " + what + " does not verify");
    }
  }
}
