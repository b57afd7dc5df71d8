package io.github.themis4j.session;

import io.github.themis4j.KeyFormatException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCurve;
import io.github.themis4j.internal.SoterContainer;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Secure Session negotiation messages (themis-spec §7.2). Every message is a {@code TSPM} Soter
 * container; the first two carry the sender's identity:
 *
 * <pre>
 * M1, M2: TSPM{ TSID{id} | UEC2 ephemeral public key | ECDSA signature (DER) }
 * M3:     TSPM{ ECDSA signature (DER) | HMAC-SHA-256 (32) }
 * M4:     TSPM{ HMAC-SHA-256 (32) }
 * </pre>
 *
 * <p>Parsing checks every length against the actual input before reading or allocating, and
 * tolerates trailing bytes after the {@code TSPM} container as Themis does. Not public API.
 */
final class NegotiationMessage {
  static final String PROTOCOL_TAG = "TSPM";
  static final String ID_TAG = "TSID";

  private NegotiationMessage() {}

  /** The identity part of M1 or M2. */
  record Identity(byte[] id, byte[] ephemeralContainer, ECPublicKey ephemeralKey, byte[] signature) {}

  /** Builds {@code TSPM{ TSID{id} | ephemeral | signature }}. */
  static byte[] identity(byte[] id, byte[] ephemeralContainer, byte[] signature) {
    byte[] idContainer = SoterContainer.wrap(ID_TAG, id);
    return SoterContainer.wrap(PROTOCOL_TAG, Bytes.concat(idContainer, ephemeralContainer, signature));
  }

  /** Builds {@code TSPM{ parts... }}. */
  static byte[] protocol(byte[]... parts) {
    return SoterContainer.wrap(PROTOCOL_TAG, Bytes.concat(parts));
  }

  /**
   * Validates the outer {@code TSPM} container (tag, size against the input, CRC) and returns a
   * copy of its payload.
   *
   * @throws MalformedDataException if the message is not a well-formed negotiation message
   */
  static byte[] payload(byte[] message, String what) {
    if (message.length < SoterContainer.HEADER_LENGTH) {
      throw new MalformedDataException(what + " is truncated: shorter than a container header");
    }
    if (!SoterContainer.tag(message, 0).equals(PROTOCOL_TAG)) {
      throw new MalformedDataException(what + " is not a Secure Session negotiation message (no TSPM tag)");
    }
    int size = SoterContainer.checkedSize(message, 0, what);
    return Arrays.copyOfRange(message, SoterContainer.HEADER_LENGTH, size);
  }

  /**
   * Parses M1 or M2.
   *
   * @throws MalformedDataException on a wrong tag, a length that does not fit, a bad checksum, an
   *     empty id or signature, or an ephemeral key that is not a valid P-256 public key
   */
  static Identity parseIdentity(byte[] message, String what) {
    byte[] p = payload(message, what);
    if (p.length < SoterContainer.HEADER_LENGTH || !SoterContainer.tag(p, 0).equals(ID_TAG)) {
      throw new MalformedDataException(what + " does not start with a peer id container");
    }
    int idSize = SoterContainer.checkedSize(p, 0, what + " peer id");
    if (idSize == SoterContainer.HEADER_LENGTH) {
      throw new MalformedDataException(what + " carries an empty peer id");
    }
    byte[] id = Arrays.copyOfRange(p, SoterContainer.HEADER_LENGTH, idSize);

    int keyOff = idSize;
    if (p.length - keyOff < SoterContainer.HEADER_LENGTH
        || !SoterContainer.tag(p, keyOff).startsWith("UEC")) {
      throw new MalformedDataException(what + " does not carry an EC ephemeral public key");
    }
    long keySize = Bytes.readBe32Unsigned(p, keyOff + 4);
    if (keySize <= SoterContainer.HEADER_LENGTH || keySize > p.length - keyOff) {
      throw new MalformedDataException(what + " has an invalid ephemeral key length");
    }
    int sigOff = keyOff + (int) keySize;
    if (sigOff == p.length) {
      throw new MalformedDataException(what + " carries no signature");
    }
    byte[] keyContainer = Arrays.copyOfRange(p, keyOff, sigOff);
    ECPublicKey key;
    try {
      PublicKey k = PublicKey.fromBytes(keyContainer);
      if (k.type() != KeyType.EC || k.ecCurve() != EcCurve.P256) {
        throw new MalformedDataException(what + " carries an ephemeral key that is not on P-256");
      }
      key = (ECPublicKey) k.toJcaKey();
    } catch (KeyFormatException e) {
      throw new MalformedDataException(what + " carries an invalid ephemeral public key: " + e.getMessage());
    }
    return new Identity(id, keyContainer, key, Arrays.copyOfRange(p, sigOff, p.length));
  }
}
