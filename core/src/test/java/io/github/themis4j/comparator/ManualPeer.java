package io.github.themis4j.comparator;

import io.github.themis4j.internal.ed25519.EdPoint;
import java.util.Arrays;

/**
 * A hand-driven Secure Comparator peer for tests: builds each message from scalars given as they are
 * (no clamping, no checks on what it receives), so tests can play a malicious peer that uses zero or
 * chosen scalars, or recompute the group elements of a recorded transcript. Proofs are made with the
 * production {@link Proofs} and are valid for the scalars given.
 */
final class ManualPeer {
  private static final int E = 32;

  final byte[] x;
  final byte[] s2;
  final byte[] s3;
  final byte[] r;

  EdPoint g2;
  EdPoint g3;
  EdPoint ownP;
  EdPoint ownQ;
  EdPoint peerP;
  EdPoint qaMinusQb;

  /** Scalars: x (the hashed secret), a2/b2, a3/b3, ra/rb. */
  ManualPeer(byte[] x, byte[] s2, byte[] s3, byte[] r) {
    this.x = x;
    this.s2 = s2;
    this.s3 = s3;
    this.r = r;
  }

  static EdPoint at(byte[] m, int index) {
    return EdPoint.decode(Arrays.copyOfRange(m, index * E, index * E + E));
  }

  static void put(byte[] out, int index, EdPoint p) {
    System.arraycopy(p.encode(), 0, out, index * E, E);
  }

  byte[] aliceMessage1() {
    byte[] out = new byte[192];
    put(out, 0, EdPoint.multiplyBase(s2));
    Proofs.proveDiscreteLog(1, s2, out, E);
    put(out, 3, EdPoint.multiplyBase(s3));
    Proofs.proveDiscreteLog(2, s3, out, 4 * E);
    return out;
  }

  byte[] bobMessage2(byte[] m1) {
    g2 = at(m1, 0).multiply(s2);
    g3 = at(m1, 3).multiply(s3);
    ownP = g3.multiply(r);
    ownQ = g2.multiply(x).add(EdPoint.multiplyBase(r));
    byte[] out = new byte[352];
    put(out, 0, EdPoint.multiplyBase(s2));
    Proofs.proveDiscreteLog(3, s2, out, E);
    put(out, 3, EdPoint.multiplyBase(s3));
    Proofs.proveDiscreteLog(4, s3, out, 4 * E);
    put(out, 6, ownP);
    put(out, 7, ownQ);
    Proofs.proveDoubleBase(5, r, x, g2, g3, out, 8 * E);
    return out;
  }

  byte[] aliceMessage3(byte[] m2) {
    g2 = at(m2, 0).multiply(s2);
    g3 = at(m2, 3).multiply(s3);
    peerP = at(m2, 6);
    ownP = g3.multiply(r);
    ownQ = g2.multiply(x).add(EdPoint.multiplyBase(r));
    qaMinusQb = ownQ.subtract(at(m2, 7));
    byte[] out = new byte[256];
    put(out, 0, ownP);
    put(out, 1, ownQ);
    Proofs.proveDoubleBase(6, r, x, g2, g3, out, 2 * E);
    put(out, 5, qaMinusQb.multiply(s3));
    Proofs.proveEqualLogs(7, s3, qaMinusQb, out, 6 * E);
    return out;
  }

  byte[] bobMessage4(byte[] m3) {
    EdPoint qaQb = at(m3, 1).subtract(ownQ);
    byte[] out = new byte[96];
    put(out, 0, qaQb.multiply(s3));
    Proofs.proveEqualLogs(8, s3, qaQb, out, E);
    return out;
  }
}
