package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.cell.TokenProtectedData;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keyring.UnknownKeyException;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encrypts and decrypts single stored values in the themis4j JPA storage format ({@code
 * docs/FORMAT.md}): the envelope, the encryption context and the Secure Cell, for the three modes.
 * The Hibernate integration uses it for every attribute; key-rotation and migration jobs use it to
 * re-encrypt values read straight from the database.
 *
 * <p>Plaintexts here are already-encoded bytes (see {@link ValueEncoding}); an empty plaintext is
 * allowed and stored as the empty-value marker (Seal, Token Protect) or as empty (Context Imprint).
 *
 * <p>Stored layout, Seal: {@code 0x01 | kind | len(keyId) | keyId | Seal(key, plaintext or 0x00,
 * context)}; Token Protect: data column = ciphertext, token column = {@code 0x01 | kind |
 * len(keyId) | keyId | token}; Context Imprint: the ciphertext only. {@code kind} is 0x00 for a
 * value, 0x01 for the empty value.
 *
 * <h2>Security guarantees</h2>
 *
 * Seal and Token Protect values are authenticated together with their context, which includes the
 * format version, the value kind and the key id: changing any stored byte, or decrypting with
 * another context, fails with {@link io.github.themis4j.AuthenticationFailedException}. Context
 * Imprint gives confidentiality only.
 *
 * <p>Immutable and thread-safe if the {@link KeyRingProvider} is. Exceptions: {@link
 * UnknownKeyException} (ring or key id not held), {@link MalformedDataException} (not a stored
 * value of this format), {@link io.github.themis4j.AuthenticationFailedException} (wrong key or
 * context, tampering), {@link InvalidArgumentException} (null arguments). Messages name key rings
 * and key ids, never data or key material.
 */
public final class EncryptedValueCodec {
  /** The format version byte written at the start of every envelope. */
  public static final int FORMAT_VERSION = 1;

  private static final int KIND_VALUE = 0;
  private static final int KIND_EMPTY = 1;
  private static final int HEADER_FIXED = 3;
  private static final int MIN_SEAL_LENGTH = 45; // 44-byte Seal header + at least one byte

  private final KeyRingProvider keys;

  /** A codec taking its keys from {@code keys}. */
  public EncryptedValueCodec(KeyRingProvider keys) {
    if (keys == null) {
      throw new InvalidArgumentException("key ring provider must not be null");
    }
    this.keys = keys;
  }

  public KeyRingProvider keyRingProvider() {
    return keys;
  }

  // ---- Seal --------------------------------------------------------------------------------

  /**
   * Encrypts in Seal mode with key {@code keyId} of ring {@code keyRing} (null: the active key).
   *
   * @return the stored bytes (envelope and Seal)
   */
  public byte[] seal(String keyRing, String keyId, CellContext context, byte[] plaintext) {
    requireArgs(context, plaintext);
    KeyRing ring = ring(keyRing);
    String id = keyId == null ? ring.activeKeyId() : keyId;
    SymmetricKey key = ring.key(id);
    boolean empty = plaintext.length == 0;
    byte[] cell =
        SecureCell.sealWithKey(key)
            .encrypt(empty ? emptyMarker() : plaintext, context.toBytes(CellMode.SEAL, empty, id));
    return withHeader(empty, id, cell);
  }

  /** Decrypts a value stored by {@link #seal}, with the key its envelope names. */
  public byte[] unseal(String keyRing, CellContext context, byte[] stored) {
    requireArgs(context, stored);
    Envelope e = Envelope.parse(stored, "stored value");
    if (stored.length - e.bodyOffset < MIN_SEAL_LENGTH) {
      throw new MalformedDataException("stored value is too short to hold a Secure Cell");
    }
    SymmetricKey key = ring(keyRing).key(e.keyId);
    byte[] cell = Arrays.copyOfRange(stored, e.bodyOffset, stored.length);
    byte[] plain =
        SecureCell.sealWithKey(key).decrypt(cell, context.toBytes(CellMode.SEAL, e.empty, e.keyId));
    return e.empty ? checkEmptyMarker(plain) : plain;
  }

  /** Decrypts {@code stored} and seals it again with the ring's active key (for key rotation). */
  public byte[] reseal(String keyRing, CellContext context, byte[] stored) {
    return seal(keyRing, null, context, unseal(keyRing, context, stored));
  }

  // ---- Token Protect -------------------------------------------------------------------------

  /**
   * Encrypts in Token Protect mode with key {@code keyId} of {@code keyRing} (null: active key).
   */
  public TokenProtectedValue tokenProtect(
      String keyRing, String keyId, CellContext context, byte[] plaintext) {
    requireArgs(context, plaintext);
    KeyRing ring = ring(keyRing);
    String id = keyId == null ? ring.activeKeyId() : keyId;
    SymmetricKey key = ring.key(id);
    boolean empty = plaintext.length == 0;
    TokenProtectedData d =
        SecureCell.tokenProtectWithKey(key)
            .encrypt(
                empty ? emptyMarker() : plaintext,
                context.toBytes(CellMode.TOKEN_PROTECT, empty, id));
    return new TokenProtectedValue(d.ciphertext(), withHeader(empty, id, d.token()));
  }

  /** Decrypts a Token Protect value from its data and token columns. */
  public byte[] untokenProtect(String keyRing, CellContext context, byte[] data, byte[] token) {
    requireArgs(context, data);
    if (token == null) {
      throw new MalformedDataException(
          "the token column is NULL while the data column holds a value");
    }
    Envelope e = Envelope.parse(token, "stored token");
    if (data.length == 0) {
      throw new MalformedDataException("the data column of a Token Protect value is empty");
    }
    SymmetricKey key = ring(keyRing).key(e.keyId);
    byte[] themisToken = Arrays.copyOfRange(token, e.bodyOffset, token.length);
    byte[] plain =
        SecureCell.tokenProtectWithKey(key)
            .decrypt(data, themisToken, context.toBytes(CellMode.TOKEN_PROTECT, e.empty, e.keyId));
    return e.empty ? checkEmptyMarker(plain) : plain;
  }

  // ---- Context Imprint -----------------------------------------------------------------------

  /**
   * Encrypts in Context Imprint mode with key {@code keyId} (null: the ring's active key). An empty
   * plaintext gives an empty result. Deterministic and unauthenticated.
   */
  public byte[] imprint(String keyRing, String keyId, CellContext context, byte[] plaintext) {
    return applyImprint(keyRing, keyId, context, plaintext, true);
  }

  /**
   * Decrypts a Context Imprint value with key {@code keyId} (null: the ring's active key). A wrong
   * key or context yields wrong bytes, not an error: Context Imprint has no integrity check.
   */
  public byte[] unimprint(String keyRing, String keyId, CellContext context, byte[] stored) {
    return applyImprint(keyRing, keyId, context, stored, false);
  }

  private byte[] applyImprint(
      String keyRing, String keyId, CellContext context, byte[] in, boolean encrypt) {
    requireArgs(context, in);
    KeyRing ring = ring(keyRing);
    SymmetricKey key = ring.key(keyId == null ? ring.activeKeyId() : keyId);
    if (in.length == 0) {
      return new byte[0];
    }
    SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(key);
    byte[] ctx = context.toBytes(CellMode.CONTEXT_IMPRINT, false, "");
    return encrypt ? cell.encrypt(in, ctx) : cell.decrypt(in, ctx);
  }

  // ---- Inspection ----------------------------------------------------------------------------

  /**
   * The key id recorded in a Seal value or a Token Protect token, without decrypting it (for
   * finding values that still use an old key).
   *
   * @throws MalformedDataException if the bytes do not start with a valid envelope
   */
  public static String storedKeyId(byte[] storedOrToken) {
    if (storedOrToken == null) {
      throw new InvalidArgumentException("stored value must not be null");
    }
    return Envelope.parse(storedOrToken, "stored value").keyId;
  }

  /**
   * The shape of a non-null column value of a Seal attribute, from its bytes alone: a themis4j
   * envelope (possibly damaged: it must then fail to decrypt, it is never a plaintext), a bare
   * Themis cell written by another application, or a plaintext. The rules, and why no value
   * themis4j writes can be taken for a plaintext, are in {@code docs/FORMAT.md}, section 10.
   *
   * @param column {@code byte[]} for {@link ColumnFormat#BINARY}, {@code String} for {@link
   *     ColumnFormat#BASE64}
   */
  public static StoredShape shapeOf(ColumnFormat format, Object column) {
    if (format == null || column == null) {
      throw new InvalidArgumentException("format and column value must not be null");
    }
    if (format == ColumnFormat.BINARY) {
      return StoredShapes.ofBinary(format.fromColumn(column));
    }
    if (!(column instanceof String)) {
      throw new MalformedDataException("a base64 encrypted column holds a non-text value");
    }
    return StoredShapes.ofText((String) column);
  }

  // ---------------------------------------------------------------------------------------------

  private KeyRing ring(String name) {
    if (name == null) {
      throw new InvalidArgumentException("key ring name must not be null");
    }
    KeyRing ring = keys.keyRing(name);
    if (ring == null) {
      throw new UnknownKeyException(name, null, "no key ring named '" + name + "' is configured");
    }
    return ring;
  }

  private static void requireArgs(CellContext context, byte[] bytes) {
    if (context == null) {
      throw new InvalidArgumentException("context must not be null");
    }
    if (bytes == null) {
      throw new InvalidArgumentException("value must not be null");
    }
  }

  private static byte[] emptyMarker() {
    return new byte[] {0};
  }

  private static byte[] checkEmptyMarker(byte[] plain) {
    if (plain.length != 1 || plain[0] != 0) {
      throw new MalformedDataException(
          "stored value is marked empty but does not hold the empty marker");
    }
    return new byte[0];
  }

  /** The envelope header followed by {@code body}, in one array. */
  private static byte[] withHeader(boolean empty, String keyId, byte[] body) {
    int idLength = keyId.length(); // key ids are ASCII ([A-Za-z0-9._-]), checked by the context
    byte[] out = new byte[HEADER_FIXED + idLength + body.length];
    out[0] = FORMAT_VERSION;
    out[1] = (byte) (empty ? KIND_EMPTY : KIND_VALUE);
    out[2] = (byte) idLength;
    for (int i = 0; i < idLength; i++) {
      out[HEADER_FIXED + i] = (byte) keyId.charAt(i);
    }
    System.arraycopy(body, 0, out, HEADER_FIXED + idLength, body.length);
    return out;
  }

  /** The parsed envelope header. */
  private static final class Envelope {
    final boolean empty;
    final String keyId;
    final int bodyOffset;

    private Envelope(boolean empty, String keyId, int bodyOffset) {
      this.empty = empty;
      this.keyId = keyId;
      this.bodyOffset = bodyOffset;
    }

    static Envelope parse(byte[] b, String what) {
      if (b.length < HEADER_FIXED + 1) {
        throw new MalformedDataException(
            what + " is too short (" + b.length + " bytes) to hold the envelope");
      }
      int version = b[0] & 0xff;
      if (version != FORMAT_VERSION) {
        throw new MalformedDataException(
            what
                + " is not a themis4j value (format version "
                + version
                + "): written by bulk or native SQL?");
      }
      int kind = b[1] & 0xff;
      if (kind != KIND_VALUE && kind != KIND_EMPTY) {
        throw new MalformedDataException(what + " has unknown value kind " + kind);
      }
      int idLength = b[2] & 0xff;
      if (idLength < 1 || idLength > 64 || HEADER_FIXED + idLength > b.length) {
        throw new MalformedDataException(what + " has an invalid key id length " + idLength);
      }
      for (int i = HEADER_FIXED; i < HEADER_FIXED + idLength; i++) {
        int c = b[i] & 0xff;
        boolean ok =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-';
        if (!ok) {
          throw new MalformedDataException(what + " has a key id with invalid characters");
        }
      }
      String keyId = new String(b, HEADER_FIXED, idLength, StandardCharsets.US_ASCII);
      return new Envelope(kind == KIND_EMPTY, keyId, HEADER_FIXED + idLength);
    }
  }

  @Override
  public String toString() {
    return "EncryptedValueCodec";
  }
}
