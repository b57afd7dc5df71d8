package io.github.themis4j.session;

/**
 * What {@link SecureSession#unwrap(byte[])} produced from one incoming message.
 *
 * <ul>
 *   <li>{@link #isControl()} true: {@link #data()} is a negotiation message that must be sent to
 *       the peer as it is;
 *   <li>{@link #isControl()} false: {@link #data()} is a decrypted application message, or empty
 *       when the message finished the negotiation and nothing has to be sent (the client's last
 *       step).
 * </ul>
 *
 * <p>Immutable apart from the array, which is not copied: the caller owns it.
 */
public final class UnwrapResult {
  private static final byte[] EMPTY = new byte[0];

  private final boolean control;
  private final byte[] data;

  private UnwrapResult(boolean control, byte[] data) {
    this.control = control;
    this.data = data;
  }

  static UnwrapResult control(byte[] reply) {
    return new UnwrapResult(true, reply);
  }

  static UnwrapResult data(byte[] message) {
    return new UnwrapResult(false, message);
  }

  static UnwrapResult nothing() {
    return new UnwrapResult(false, EMPTY);
  }

  /** True when {@link #data()} is a negotiation message for the peer, false for application data. */
  public boolean isControl() {
    return control;
  }

  /** The negotiation reply or the decrypted message (possibly empty, never null). */
  public byte[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "UnwrapResult[" + (control ? "control" : "data") + ", " + data.length + " bytes]";
  }
}
