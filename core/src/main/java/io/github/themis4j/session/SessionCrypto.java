package io.github.themis4j.session;

import io.github.themis4j.AuthenticationFailedException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.internal.Bytes;
import io.github.themis4j.internal.EcCrypto;
import io.github.themis4j.internal.Hmac;
import io.github.themis4j.internal.SoterKdf;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * The Secure Session key schedule (themis-spec §7.2-§7.3, Themis {@code secure_session.c} and
 * {@code secure_session_utils.c}) and the signature, MAC and ECDH primitives it uses. The
 * asymmetric operations are {@link EcCrypto}'s, shared with Secure Message. Stateless; not public
 * API.
 */
final class SessionCrypto {
  static final String SESSION_ID_LABEL = "Themis secure session unique identifier";
  static final String MASTER_KEY_LABEL = "Themis secure session master key";
  static final String CLIENT_KEY_LABEL = "Themis secure session client key";
  static final String SERVER_KEY_LABEL = "Themis secure session server key";
  static final String CLIENT_SEQ_LABEL = "Themis secure session client initial sequence number";
  static final String SERVER_SEQ_LABEL = "Themis secure session server initial sequence number";

  /** Length of the handshake MACs (HMAC-SHA-256). */
  static final int MAC_LENGTH = 32;

  private SessionCrypto() {}

  /**
   * The 4 raw session-id bytes: Soter KDF with the implicit key over the transcript items, always
   * in the order client ephemeral key, server ephemeral key, client id, server id.
   */
  static byte[] sessionId(byte[] clientEph, byte[] serverEph, byte[] clientId, byte[] serverId) {
    return SoterKdf.derive(null, SESSION_ID_LABEL, 4, clientEph, serverEph, clientId, serverId);
  }

  /** The 32-byte master key from the ECDH shared secret and the raw session id. */
  static byte[] masterKey(byte[] sharedSecret, byte[] sessionIdRaw) {
    return SoterKdf.derive(sharedSecret, MASTER_KEY_LABEL, 32, sessionIdRaw);
  }

  /** A message key ({@link #CLIENT_KEY_LABEL} or {@link #SERVER_KEY_LABEL}). */
  static byte[] messageKey(byte[] master, byte[] sessionIdRaw, boolean client) {
    return SoterKdf.derive(master, client ? CLIENT_KEY_LABEL : SERVER_KEY_LABEL, 32, sessionIdRaw);
  }

  /**
   * An initial sequence number. Themis writes the 4 KDF bytes into a {@code uint32_t}'s memory,
   * so on every little-endian host (all real peers, and wasm) the value is the KDF output read
   * little-endian (spec §7.6).
   */
  static int initialSequence(byte[] master, byte[] sessionIdRaw, boolean client) {
    String label = client ? CLIENT_SEQ_LABEL : SERVER_SEQ_LABEL;
    return Bytes.readLe32(SoterKdf.derive(master, label, 4, sessionIdRaw), 0);
  }

  /**
   * The session id as it appears on the wire: Themis stores the raw KDF bytes in a native
   * (little-endian) integer and writes that integer big-endian, so the wire form is the raw bytes
   * reversed.
   */
  static int wireSessionId(byte[] sessionIdRaw) {
    return Bytes.readLe32(sessionIdRaw, 0);
  }

  /** HMAC-SHA-256 of the concatenated parts. */
  static byte[] mac(byte[] key, byte[]... parts) {
    return Hmac.sha256(key, parts);
  }

  /**
   * Checks a received handshake MAC in constant time. Unlike Themis 0.15, which compares only as
   * many bytes as it received (so a truncated or even empty MAC passes), the full 32 bytes are
   * required.
   */
  static void verifyMac(byte[] expected, byte[] received, String what) {
    if (received.length != MAC_LENGTH || !Bytes.constantTimeEquals(expected, received)) {
      throw new AuthenticationFailedException(what + " MAC does not verify");
    }
  }

  /** ECDSA-SHA-256 (DER) over the concatenated parts, with the long-term key. */
  static byte[] sign(ECPrivateKey key, byte[]... parts) {
    return EcCrypto.sign(key, parts);
  }

  /**
   * Verifies a peer's ECDSA-SHA-256 (DER) signature over the concatenated parts, with the same
   * strict DER parse as Secure Message ({@link EcCrypto#verify}).
   *
   * @throws AuthenticationFailedException if the signature does not verify or is not valid DER
   */
  static void verify(ECPublicKey key, byte[] signature, String what, byte[]... parts) {
    if (!EcCrypto.verify(key, signature, parts)) {
      throw new AuthenticationFailedException(
          what + " signature does not verify with the peer's public key (wrong key or tampered message)");
    }
  }

  /** ECDH on P-256 with the peer's ephemeral key: the shared x-coordinate as exactly 32 bytes. */
  static byte[] sharedSecret(ECPrivateKey own, ECPublicKey peerEphemeral) {
    try {
      return EcCrypto.ecdh(own, peerEphemeral, false);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("peer ephemeral key cannot be used for ECDH");
    }
  }
}
