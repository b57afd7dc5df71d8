package io.github.themis4j.comparator;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ProtocolStateException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.ed25519.EdPoint;
import io.github.themis4j.internal.ed25519.Scalar25519;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Secure Comparator: two parties learn whether they hold the same secret, and nothing else, without
 * revealing it to each other or to anyone watching the messages. Wire-compatible with Themis 0.15
 * ({@code secure_comparator_*}, JavaThemis {@code SecureCompare}, wasm-themis {@code SecureComparator}).
 *
 * <p>The protocol is the Socialist Millionaires' Protocol over the Ed25519 prime-order group with
 * zero-knowledge proofs on every message (Themis's construction). Four messages are exchanged:
 *
 * <pre>{@code
 * // Alice                                        // Bob
 * SecureComparator alice = new SecureComparator(secret);
 *                                                 SecureComparator bob = new SecureComparator(secret);
 * byte[] m1 = alice.beginCompare();    // 192 bytes
 *                                                 byte[] m2 = bob.proceedCompare(m1);    // 352 bytes
 * byte[] m3 = alice.proceedCompare(m2); // 256 bytes
 *                                                 byte[] m4 = bob.proceedCompare(m3);    // 96 bytes
 *                                                 boolean bobResult = bob.isEqual();
 * alice.proceedCompare(m4);            // returns null: nothing more to send
 * boolean aliceResult = alice.isEqual();
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>A passive observer learns nothing about the secrets, not even whether they matched.
 *   <li>An active peer learns only whether its guess equals our secret, one guess per comparison;
 *       low-entropy secrets therefore stay exposed to online guessing, so rate-limit comparisons.
 *   <li>Every message carries zero-knowledge proofs binding it to the previous ones. Received points
 *       must lie in the prime-order subgroup and must not be the identity.
 *   <li>Fail-fast: a message that is malformed, out of order or whose proof does not verify ends the
 *       comparison with an exception (Themis instead carries on and reports "no match"). No further
 *       message is produced, so the peer cannot complete a match through us. {@link #isEqual()} is
 *       never true after an error.
 *   <li>The result a side reports depends only on messages it verified, so "equal" is always true.
 *       The two sides can still end differently: the last message (Bob's 96 bytes) is not answered,
 *       and a Themis peer that receives a damaged message says "no match" while we may have verified
 *       everything it sent. If both sides must act on the same outcome, confirm it in the application
 *       protocol. See docs/SECURE-COMPARATOR.md.
 * </ul>
 *
 * <p><b>Secret encoding.</b> The comparator hashes the exact bytes given (x = clamp(SHA-256(secret))).
 * Both sides must encode the secret identically; JavaThemis's {@code SecureCompare(String)} uses
 * {@code password.getBytes(StandardCharsets.UTF_16)} (UTF-16 big-endian with byte-order mark), so use
 * that encoding to compare strings with JavaThemis peers.
 *
 * <p><b>Single use, not thread-safe.</b> An instance runs exactly one comparison in one role; create
 * a new one for every comparison. It keeps mutable protocol state and must be confined to one thread
 * at a time (or guarded by the caller). Secret scalars are overwritten when the comparison ends
 * (best effort: the JVM may have copied them).
 */
public final class SecureComparator {
  /** Size of message 1 (Alice to Bob). */
  static final int MESSAGE1_SIZE = 192;
  /** Size of message 2 (Bob to Alice). */
  static final int MESSAGE2_SIZE = 352;
  /** Size of message 3 (Alice to Bob). */
  static final int MESSAGE3_SIZE = 256;
  /** Size of message 4 (Bob to Alice). */
  static final int MESSAGE4_SIZE = 96;

  private static final int E = 32; // one encoded group element or scalar

  private enum State {
    NEW,
    AWAITING_MESSAGE2,
    AWAITING_MESSAGE3,
    AWAITING_MESSAGE4,
    DONE,
    FAILED
  }

  private final Supplier<byte[]> ephemeralScalars;
  private State state = State.NEW;
  private boolean match;

  // Secrets: x = clamp(SHA-256(secret)); s2, s3 = a2, a3 (Alice) or b2, b3 (Bob); r = ra or rb.
  private byte[] x;
  private byte[] s2;
  private byte[] s3;
  private byte[] r;

  private EdPoint g2;
  private EdPoint g3;
  private EdPoint peerG3; // G3b for Alice, G3a for Bob
  private EdPoint ownP;
  private EdPoint ownQ;
  private EdPoint peerP; // Alice: Pb
  private EdPoint qaMinusQb; // Alice

  /**
   * Creates a comparator for {@code secret}. The bytes are hashed immediately and not retained; the
   * caller may wipe its array afterwards.
   *
   * @param secret the value to compare, at least one byte (for strings see the class description)
   * @throws InvalidArgumentException if {@code secret} is null or empty
   */
  public SecureComparator(byte[] secret) {
    this(secret, Proofs::randomScalar);
  }

  /** For tests: {@code ephemeralScalars} supplies a2, a3, ra (Alice) or b2, b3, rb (Bob), in that order. */
  SecureComparator(byte[] secret, Supplier<byte[]> ephemeralScalars) {
    Bytes.requireNonEmpty(secret, "secret");
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
    this.x = Scalar25519.clamp(sha256.digest(secret));
    this.ephemeralScalars = ephemeralScalars;
  }

  /**
   * Starts the comparison as the initiating side ("Alice") and returns the first message (192 bytes)
   * to send to the peer. Call it at most once, on a fresh instance; the peer must call
   * {@link #proceedCompare} with the message instead.
   *
   * @throws ProtocolStateException if the comparison has already started (in either role)
   */
  public byte[] beginCompare() {
    if (state != State.NEW) {
      throw new ProtocolStateException(
          "Secure Comparator: beginCompare() is only allowed on a fresh comparator (state: " + state + ")");
    }
    return run(this::aliceStep1);
  }

  /**
   * Processes the peer's message and returns the next message to send, or null when there is nothing
   * more to send (Alice after Bob's final message). On a fresh instance this makes it the responding
   * side ("Bob"). After Bob's second call and Alice's third call {@link #isCompared()} is true.
   *
   * <p>Any error caused by the message (wrong size, invalid point, failed proof, unexpected step)
   * ends the comparison: the instance stays unusable and {@link #isEqual()} stays false.
   *
   * @param message the peer's last message, as received
   * @return the reply to send to the peer, or null when the comparison is complete on this side
   * @throws InvalidArgumentException if {@code message} is null or empty (the comparator is unchanged)
   * @throws ProtocolStateException if the comparison is already complete or failed, or the message is
   *     one of the protocol's messages but not the one expected next
   * @throws MalformedDataException if the message has no valid size or contains a value that is not
   *     an acceptable group element (not a curve point, the identity, small order, outside the
   *     prime-order subgroup)
   * @throws AuthenticationFailedException if a zero-knowledge proof in the message does not verify
   */
  public byte[] proceedCompare(byte[] message) {
    Bytes.requireNonEmpty(message, "message");
    switch (state) {
      case NEW:
        return run(() -> bobStep2(message));
      case AWAITING_MESSAGE2:
        return run(() -> aliceStep3(message));
      case AWAITING_MESSAGE3:
        return run(() -> bobStep4(message));
      case AWAITING_MESSAGE4:
        return run(() -> aliceStep5(message));
      case DONE:
        throw new ProtocolStateException("Secure Comparator: the comparison is already complete");
      default:
        throw new ProtocolStateException(
            "Secure Comparator: the comparison failed earlier; start over with a new SecureComparator");
    }
  }

  /** Whether the comparison has completed on this side (a result is available). False after an error. */
  public boolean isCompared() {
    return state == State.DONE;
  }

  /** True only when the comparison completed on this side and both secrets are equal. */
  public boolean isEqual() {
    return state == State.DONE && match;
  }

  @Override
  public String toString() {
    return "SecureComparator[" + state + "]";
  }

  private byte[] run(Supplier<byte[]> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      state = State.FAILED;
      wipe();
      throw e;
    }
  }

  // --- Alice ---------------------------------------------------------------------------------------

  private byte[] aliceStep1() {
    s2 = nextScalar();
    s3 = nextScalar();
    byte[] out = new byte[MESSAGE1_SIZE];
    put(out, 0, EdPoint.multiplyBase(s2)); // G2a
    Proofs.proveDiscreteLog(1, s2, out, E);
    put(out, 3 * E, EdPoint.multiplyBase(s3)); // G3a
    Proofs.proveDiscreteLog(2, s3, out, 4 * E);
    state = State.AWAITING_MESSAGE2;
    return out;
  }

  private byte[] aliceStep3(byte[] m2) {
    expectSize(m2, MESSAGE2_SIZE, 2);
    EdPoint g2b = element(m2, 0, "G2b");
    EdPoint g3b = element(m2, 3 * E, "G3b");
    EdPoint pb = element(m2, 6 * E, "Pb");
    EdPoint qb = element(m2, 7 * E, "Qb");
    Proofs.verifyDiscreteLog(3, g2b, m2, E, "the proof for G2b (message 2)");
    Proofs.verifyDiscreteLog(4, g3b, m2, 4 * E, "the proof for G3b (message 2)");
    g2 = nonIdentity(g2b.multiply(s2), "g2");
    g3 = nonIdentity(g3b.multiply(s3), "g3");
    Proofs.verifyDoubleBase(5, g2, g3, pb, qb, m2, 8 * E, "the proof for Pb and Qb (message 2)");

    r = nextScalar(); // ra
    ownP = g3.multiply(r); // Pa = ra * g3
    ownQ = g2.multiply(x).add(EdPoint.multiplyBase(r)); // Qa = x * g2 + ra * B
    qaMinusQb = ownQ.subtract(qb);
    peerG3 = g3b;
    peerP = pb;

    byte[] out = new byte[MESSAGE3_SIZE];
    put(out, 0, ownP);
    put(out, E, ownQ);
    Proofs.proveDoubleBase(6, r, x, g2, g3, out, 2 * E);
    put(out, 5 * E, qaMinusQb.multiply(s3)); // Ra = a3 * (Qa - Qb)
    Proofs.proveEqualLogs(7, s3, qaMinusQb, out, 6 * E);
    wipe(x, s2, r); // only a3 is needed from here on
    state = State.AWAITING_MESSAGE4;
    return out;
  }

  private byte[] aliceStep5(byte[] m4) {
    expectSize(m4, MESSAGE4_SIZE, 4);
    EdPoint rb = element(m4, 0, "Rb");
    Proofs.verifyEqualLogs(8, peerG3, qaMinusQb, rb, m4, E, "the proof for Rb (message 4)");
    EdPoint rab = nonIdentity(rb.multiply(s3), "Rab");
    finish(rab, ownP.subtract(peerP)); // Rab == Pa - Pb
    return null;
  }

  // --- Bob -----------------------------------------------------------------------------------------

  private byte[] bobStep2(byte[] m1) {
    expectSize(m1, MESSAGE1_SIZE, 1);
    EdPoint g2a = element(m1, 0, "G2a");
    EdPoint g3a = element(m1, 3 * E, "G3a");
    Proofs.verifyDiscreteLog(1, g2a, m1, E, "the proof for G2a (message 1)");
    Proofs.verifyDiscreteLog(2, g3a, m1, 4 * E, "the proof for G3a (message 1)");

    s2 = nextScalar();
    s3 = nextScalar();
    g2 = nonIdentity(g2a.multiply(s2), "g2");
    g3 = nonIdentity(g3a.multiply(s3), "g3");
    peerG3 = g3a;
    r = nextScalar(); // rb
    ownP = g3.multiply(r); // Pb = rb * g3
    ownQ = g2.multiply(x).add(EdPoint.multiplyBase(r)); // Qb = x * g2 + rb * B

    byte[] out = new byte[MESSAGE2_SIZE];
    put(out, 0, EdPoint.multiplyBase(s2)); // G2b
    Proofs.proveDiscreteLog(3, s2, out, E);
    put(out, 3 * E, EdPoint.multiplyBase(s3)); // G3b
    Proofs.proveDiscreteLog(4, s3, out, 4 * E);
    put(out, 6 * E, ownP);
    put(out, 7 * E, ownQ);
    Proofs.proveDoubleBase(5, r, x, g2, g3, out, 8 * E);
    wipe(x, s2, r); // only b3 is needed from here on
    state = State.AWAITING_MESSAGE3;
    return out;
  }

  private byte[] bobStep4(byte[] m3) {
    expectSize(m3, MESSAGE3_SIZE, 3);
    EdPoint pa = element(m3, 0, "Pa");
    EdPoint qa = element(m3, E, "Qa");
    EdPoint ra = element(m3, 5 * E, "Ra");
    Proofs.verifyDoubleBase(6, g2, g3, pa, qa, m3, 2 * E, "the proof for Pa and Qa (message 3)");
    EdPoint qaQb = qa.subtract(ownQ);
    Proofs.verifyEqualLogs(7, peerG3, qaQb, ra, m3, 6 * E, "the proof for Ra (message 3)");
    EdPoint rab = nonIdentity(ra.multiply(s3), "Rab");

    byte[] out = new byte[MESSAGE4_SIZE];
    put(out, 0, qaQb.multiply(s3)); // Rb = b3 * (Qa - Qb)
    Proofs.proveEqualLogs(8, s3, qaQb, out, E);
    finish(rab, pa.subtract(ownP)); // Rab == Pa - Pb
    return out;
  }

  // --- helpers -------------------------------------------------------------------------------------

  private void finish(EdPoint rab, EdPoint paMinusPb) {
    match = Bytes.constantTimeEquals(rab.encode(), paMinusPb.encode());
    state = State.DONE;
    wipe();
  }

  private byte[] nextScalar() {
    byte[] k = ephemeralScalars.get();
    if (k == null || k.length != E) {
      throw new IllegalStateException("scalar source must supply 32 bytes");
    }
    return Scalar25519.clamp(k.clone());
  }

  private static void expectSize(byte[] m, int size, int number) {
    if (m.length == size) {
      return;
    }
    int other = messageNumber(m.length);
    if (other != 0) {
      throw new ProtocolStateException(
          "Secure Comparator: got message " + other + " (" + m.length + " bytes) but expected message "
              + number + " (" + size + " bytes)");
    }
    throw new MalformedDataException(
        "Secure Comparator: message " + number + " must be " + size + " bytes, got " + m.length);
  }

  private static int messageNumber(int length) {
    switch (length) {
      case MESSAGE1_SIZE:
        return 1;
      case MESSAGE2_SIZE:
        return 2;
      case MESSAGE3_SIZE:
        return 3;
      case MESSAGE4_SIZE:
        return 4;
      default:
        return 0;
    }
  }

  /**
   * Decodes the group element at {@code off}. Themis rejects only non-points; we also reject the
   * identity, small-order points and points outside the prime-order subgroup, none of which an
   * honest peer can send.
   */
  private static EdPoint element(byte[] m, int off, String name) {
    EdPoint p = EdPoint.decode(m, off);
    if (p == null) {
      throw new MalformedDataException("Secure Comparator: " + name + " is not a valid Ed25519 point");
    }
    if (p.isIdentity()) {
      throw new MalformedDataException("Secure Comparator: " + name + " is the identity point");
    }
    if (p.hasSmallOrder()) {
      throw new MalformedDataException("Secure Comparator: " + name + " is a point of small order");
    }
    if (!p.isInPrimeOrderSubgroup()) {
      throw new MalformedDataException("Secure Comparator: " + name + " is not in the prime-order subgroup");
    }
    return p;
  }

  /**
   * Themis sets "no match" when g2, g3 or Rab is the identity; we fail instead. With the subgroup
   * checks above and clamped scalars this cannot happen (a clamped scalar is never a multiple of L),
   * so this is a second line of defence.
   */
  private static EdPoint nonIdentity(EdPoint p, String name) {
    if (p.isIdentity()) {
      throw new AuthenticationFailedException("Secure Comparator: " + name + " is the identity point");
    }
    return p;
  }

  private static void put(byte[] out, int off, EdPoint p) {
    System.arraycopy(p.encode(), 0, out, off, E);
  }

  private void wipe() {
    wipe(x, s2, s3, r);
  }

  private static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  /** For tests: whether an error ended the comparison. */
  boolean isFailed() {
    return state == State.FAILED;
  }
}
