package io.github.themis4j.internal.ed25519;

import static io.github.themis4j.internal.ed25519.Field25519.mul;
import static io.github.themis4j.internal.ed25519.Field25519.sq;
import static io.github.themis4j.internal.ed25519.Field25519.sub;

/**
 * A point of the Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), in extended
 * homogeneous coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z. Not public API.
 *
 * <p>Immutable and therefore thread-safe. Addition uses the unified formulas of Hisil, Wong, Carter
 * and Dawson (2008), which are complete on this curve (a = -1 is a square and d is not), so the same
 * code handles doubling, the identity and points of small order.
 *
 * <p>{@link #multiply} and {@link #multiplyBase} run in time independent of the scalar and the point
 * and are meant for secret scalars. {@link #decode} and the predicates are variable-time but are only
 * applied to public values (points received from a peer).
 */
public final class EdPoint {
  private final long[] x;
  private final long[] y;
  private final long[] z;
  private final long[] t;

  /** The neutral element (0, 1). */
  public static final EdPoint IDENTITY =
      new EdPoint(Field25519.zero(), Field25519.one(), Field25519.one(), Field25519.zero());

  /** The standard base point B (y = 4/5, x even). */
  public static final EdPoint BASE =
      decode(hex("5866666666666666666666666666666666666666666666666666666666666666"));

  private EdPoint(long[] x, long[] y, long[] z, long[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  /**
   * Decodes a 32-byte encoding as ref10's {@code ge_frombytes_vartime} (and therefore Themis) does:
   * y is read from the low 255 bits and used modulo p without a canonicity check, bit 255 selects the
   * sign of x, and the point is rejected only when no x satisfies the curve equation. x = 0 with the
   * sign bit set is accepted (as x = 0). Small-order and non-subgroup points are accepted.
   *
   * @return the point, or null when the bytes do not encode a curve point
   * @throws IllegalArgumentException if {@code s} is not 32 bytes long
   */
  public static EdPoint decode(byte[] s) {
    if (s.length != 32) {
      throw new IllegalArgumentException("an Ed25519 point encoding is 32 bytes");
    }
    return decode(s, 0);
  }

  /** Like {@link #decode(byte[])} for the 32 bytes of {@code s} starting at {@code off}. */
  public static EdPoint decode(byte[] s, int off) {
    long[] py = Field25519.fromBytes(s, off);
    long[] one = Field25519.one();
    long[] yy = sq(py);
    long[] u = sub(yy, one); // y^2 - 1
    long[] v = fadd(mul(yy, Field25519.D), one); // d y^2 + 1
    // x = u v^3 (u v^7)^((p-5)/8) is a square root of u/v if one exists (possibly up to sqrt(-1)).
    long[] v3 = mul(sq(v), v);
    long[] v7 = mul(sq(v3), v);
    long[] px = mul(mul(u, v3), Field25519.pow22523(mul(u, v7)));
    long[] vxx = mul(v, sq(px));
    if (!Field25519.equal(vxx, u)) {
      if (!Field25519.isZero(fadd(vxx, u))) {
        return null;
      }
      px = mul(px, Field25519.SQRT_M1);
    }
    int sign = (s[off + 31] >>> 7) & 1;
    if ((Field25519.isNegative(px) ? 1 : 0) != sign) {
      px = Field25519.neg(px);
    }
    return new EdPoint(px, py, Field25519.one(), mul(px, py));
  }

  /** The canonical 32-byte encoding: y little-endian (reduced mod p) with the parity of x in bit 255. */
  public byte[] encode() {
    long[] zi = Field25519.invert(z);
    byte[] out = Field25519.toBytes(mul(y, zi));
    out[31] |= (byte) (Field25519.parity(mul(x, zi)) << 7); // no branch on the (possibly secret) point
    return out;
  }

  /** this + q (complete addition, constant time). */
  public EdPoint add(EdPoint q) {
    long[] a = mul(sub(y, x), sub(q.y, q.x));
    long[] b = mul(fadd(y, x), fadd(q.y, q.x));
    long[] c = mul(mul(t, Field25519.D2), q.t);
    long[] zz = mul(z, q.z);
    long[] d = fadd(zz, zz);
    long[] e = sub(b, a);
    long[] f = sub(d, c);
    long[] g = fadd(d, c);
    long[] h = fadd(b, a);
    return new EdPoint(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /** 2 * this (constant time). */
  public EdPoint twice() {
    long[] a = sq(x);
    long[] b = sq(y);
    long[] zz = sq(z);
    long[] c = fadd(zz, zz);
    long[] e = sub(sub(sq(fadd(x, y)), a), b); // 2xy
    long[] g = sub(b, a); // a*A + B with a = -1
    long[] f = sub(g, c);
    long[] h = Field25519.neg(fadd(a, b)); // a*A - B
    return new EdPoint(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /** -this. */
  public EdPoint negate() {
    return new EdPoint(Field25519.neg(x), y, z, Field25519.neg(t));
  }

  /** this - q. */
  public EdPoint subtract(EdPoint q) {
    return add(q.negate());
  }

  /**
   * k * this for a 256-bit little-endian scalar {@code k} taken as an integer (not reduced mod the
   * group order, so torsion components are multiplied by k as well, matching ref10). Constant time:
   * a fixed 4-bit window over all 64 nibbles with a full scan of the 16-entry table for each lookup.
   *
   * @throws IllegalArgumentException if {@code k} is not 32 bytes long
   */
  public EdPoint multiply(byte[] k) {
    if (k.length != 32) {
      throw new IllegalArgumentException("an Ed25519 scalar is 32 bytes");
    }
    EdPoint[] table = new EdPoint[16];
    table[0] = IDENTITY;
    table[1] = this;
    for (int i = 2; i < 16; i++) {
      table[i] = table[i - 1].add(this);
    }
    EdPoint r = IDENTITY;
    for (int i = 63; i >= 0; i--) {
      r = r.twice().twice().twice().twice();
      int nibble = ((k[i >>> 1] & 0xff) >>> ((i & 1) << 2)) & 0xf;
      r = r.add(select(table, nibble));
    }
    return r;
  }

  /**
   * k * B for the base point B, the same group element as {@code BASE.multiply(k)} (k taken as an
   * integer, not reduced). Constant time like {@link #multiply}, but with a table precomputed once
   * for B: {@code BASE_TABLE[i][j] = j * 16^i * B}, so k * B is the sum of one full-scan lookup per
   * nibble, 64 additions and no doublings (about a third of a general multiplication).
   *
   * @throws IllegalArgumentException if {@code k} is not 32 bytes long
   */
  public static EdPoint multiplyBase(byte[] k) {
    if (k.length != 32) {
      throw new IllegalArgumentException("an Ed25519 scalar is 32 bytes");
    }
    EdPoint r = IDENTITY;
    for (int i = 0; i < 64; i++) {
      int nibble = ((k[i >>> 1] & 0xff) >>> ((i & 1) << 2)) & 0xf;
      r = r.add(select(BASE_TABLE[i], nibble));
    }
    return r;
  }

  /**
   * The sum of {@code scalars[i] * points[i]} (scalars as 256-bit little-endian integers), with
   * shared doublings (Straus): 252 doublings for any number of terms instead of 256 per term. For
   * <b>public scalars only</b> (proof verification): zero nibbles are skipped and table entries are
   * read by index, so the running time depends on the scalars' digits. It does not depend on the
   * points' coordinates (the field arithmetic is constant-time), so the points may be secret.
   *
   * @throws IllegalArgumentException if a scalar is not 32 bytes long or the arrays differ in length
   */
  public static EdPoint sumOfPublicMultiples(byte[][] scalars, EdPoint[] points) {
    if (scalars.length != points.length) {
      throw new IllegalArgumentException("one scalar per point");
    }
    EdPoint[][] tables = new EdPoint[points.length][];
    for (int n = 0; n < points.length; n++) {
      if (scalars[n].length != 32) {
        throw new IllegalArgumentException("an Ed25519 scalar is 32 bytes");
      }
      EdPoint[] t = new EdPoint[16];
      t[1] = points[n];
      for (int j = 2; j < 16; j++) {
        t[j] = t[j - 1].add(points[n]);
      }
      tables[n] = t;
    }
    EdPoint r = IDENTITY;
    for (int i = 63; i >= 0; i--) {
      if (i != 63) {
        r = r.twice().twice().twice().twice();
      }
      for (int n = 0; n < points.length; n++) {
        int nibble = ((scalars[n][i >>> 1] & 0xff) >>> ((i & 1) << 2)) & 0xf;
        if (nibble != 0) {
          r = r.add(tables[n][nibble]);
        }
      }
    }
    return r;
  }

  /** {@code BASE_TABLE[i][j] = j * 16^i * B}, i < 64, j < 16 (about 320 KiB, built on first use). */
  private static final EdPoint[][] BASE_TABLE = baseTable();

  private static EdPoint[][] baseTable() {
    EdPoint[][] t = new EdPoint[64][16];
    EdPoint p = BASE;
    for (int i = 0; i < 64; i++) {
      t[i][0] = IDENTITY;
      t[i][1] = p;
      for (int j = 2; j < 16; j++) {
        t[i][j] = t[i][j - 1].add(p);
      }
      p = p.twice().twice().twice().twice();
    }
    return t;
  }

  /** table[index] read without a data-dependent memory access or branch. */
  private static EdPoint select(EdPoint[] table, int index) {
    long[] sx = Field25519.zero();
    long[] sy = Field25519.zero();
    long[] sz = Field25519.zero();
    long[] st = Field25519.zero();
    for (int j = 0; j < table.length; j++) {
      int hit = ((j ^ index) - 1) >>> 31; // 1 when j == index (both in 0..15), else 0
      EdPoint p = table[j];
      Field25519.cmov(sx, p.x, hit);
      Field25519.cmov(sy, p.y, hit);
      Field25519.cmov(sz, p.z, hit);
      Field25519.cmov(st, p.t, hit);
    }
    return new EdPoint(sx, sy, sz, st);
  }

  /** Whether this is the neutral element (X = 0 and Y = Z). */
  public boolean isIdentity() {
    return Field25519.isZero(x) && Field25519.equal(y, z);
  }

  /** Whether 8 * this is the neutral element (the identity and the seven other torsion points). */
  public boolean hasSmallOrder() {
    return twice().twice().twice().isIdentity();
  }

  /** Whether L * this is the neutral element: the point is in the prime-order subgroup (or the identity). */
  public boolean isInPrimeOrderSubgroup() {
    // L is public, so the shared-doubling sum may skip L's many zero nibbles (bits 125-251).
    return sumOfPublicMultiples(new byte[][] {Scalar25519.L_BYTES}, new EdPoint[] {this}).isIdentity();
  }

  /** Projective equality (X1 Z2 = X2 Z1 and Y1 Z2 = Y2 Z1). */
  public boolean isEqualTo(EdPoint q) {
    return Field25519.equal(mul(x, q.z), mul(q.x, z)) && Field25519.equal(mul(y, q.z), mul(q.y, z));
  }

  @Override
  public String toString() {
    return "EdPoint";
  }

  private static long[] fadd(long[] f, long[] g) {
    return Field25519.add(f, g);
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
