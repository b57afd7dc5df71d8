package io.github.themis4j.keys;

import io.github.themis4j.internal.EcCurve;

/**
 * A Themis private key: EC ({@code REC*} container) or RSA ({@code RRA*}).
 *
 * <p>Immutable and thread-safe. {@code toString()} never shows key material, and {@code
 * equals}/{@code hashCode} are identity-based so that keys do not leak through collections; compare
 * exported bytes in constant time if you must.
 */
public final class PrivateKey {
  private final byte[] container;
  private final KeyType type;
  private final java.security.PrivateKey jcaKey;
  private final EcCurve curve;

  private PrivateKey(
      byte[] container, KeyType type, java.security.PrivateKey jcaKey, EcCurve curve) {
    this.container = container;
    this.type = type;
    this.jcaKey = jcaKey;
    this.curve = curve;
  }

  /**
   * Imports a Themis private key container, as {@code themis_is_valid_asym_key} and Themis 0.15
   * accept it: EC P-256, P-384 or P-521 ({@code REC2/3/5}) with a big-endian scalar of field size
   * or field size + 1 bytes (Themis writes 33 bytes for P-256, "Themis NG" 32); RSA 1024, 2048,
   * 4096 or 8192 bits ({@code RRA1/2/4/8}) with e = 3 or 65537. The size field must equal the array
   * length and the CRC must match. Stricter than Themis in two ways: an RSA modulus must have
   * exactly the tag's size, and p * q must equal n. The bytes are copied.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code container} is null or empty
   * @throws io.github.themis4j.KeyFormatException if the bytes are not a valid private key (a
   *     public key included)
   */
  public static PrivateKey fromBytes(byte[] container) {
    ThemisKeyCodec.Parsed p = ThemisKeyCodec.parse(container);
    if (!p.isPrivate()) {
      throw new io.github.themis4j.KeyFormatException(
          "expected a private key but got a public key");
    }
    return new PrivateKey(
        container.clone(), p.type(), (java.security.PrivateKey) p.jcaKey(), p.curve());
  }

  static PrivateKey of(
      byte[] container, KeyType type, java.security.PrivateKey jcaKey, EcCurve curve) {
    return new PrivateKey(container, type, jcaKey, curve);
  }

  /** Returns the Themis key container (a copy). This is secret material: store it accordingly. */
  public byte[] toByteArray() {
    return container.clone();
  }

  /** Whether this is an EC or an RSA key; never null. */
  public KeyType type() {
    return type;
  }

  /** Returns the key as a JCA key (an {@code ECPrivateKey} or {@code RSAPrivateCrtKey}). Secret. */
  public java.security.PrivateKey toJcaKey() {
    return jcaKey;
  }

  /** For EC keys, the curve; null for RSA. Internal use. */
  public EcCurve ecCurve() {
    return curve;
  }

  @Override
  public String toString() {
    return "PrivateKey[" + type + (curve != null ? " " + curve.curveName() : "") + ", redacted]";
  }
}
