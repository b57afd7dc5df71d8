package io.github.themis4j.keys;

import io.github.themis4j.internal.EcCurve;

/**
 * A Themis public key: an EC point ({@code UEC*} container) or an RSA public key ({@code URA*}).
 *
 * <p>Immutable and thread-safe. {@link #toByteArray()} returns the container exactly as it was
 * imported or generated (generated EC keys use the compressed point, as Themis 0.15 does).
 */
public final class PublicKey {
  private final byte[] container;
  private final KeyType type;
  private final java.security.PublicKey jcaKey;
  private final EcCurve curve;

  private PublicKey(byte[] container, KeyType type, java.security.PublicKey jcaKey, EcCurve curve) {
    this.container = container;
    this.type = type;
    this.jcaKey = jcaKey;
    this.curve = curve;
  }

  /**
   * Imports a Themis public key container. Accepts every form Themis 0.15 accepts: EC P-256, P-384
   * and P-521 points ({@code UEC2/3/5}), compressed or uncompressed, which must be valid points on
   * the curve; RSA 1024 to 8192 bits ({@code URA1/2/4/8}) with e = 3 or 65537 (the modulus must
   * have exactly the tag's size). The size field must equal the array length and the CRC must
   * match. The bytes are copied.
   *
   * @throws io.github.themis4j.InvalidArgumentException if {@code container} is null or empty
   * @throws io.github.themis4j.KeyFormatException if the bytes are not a valid public key (wrong
   *     tag, size or checksum; an invalid EC point; a private key)
   */
  public static PublicKey fromBytes(byte[] container) {
    ThemisKeyCodec.Parsed p = ThemisKeyCodec.parse(container);
    if (p.isPrivate()) {
      throw new io.github.themis4j.KeyFormatException(
          "expected a public key but got a private key");
    }
    return new PublicKey(
        container.clone(), p.type(), (java.security.PublicKey) p.jcaKey(), p.curve());
  }

  static PublicKey of(
      byte[] container, KeyType type, java.security.PublicKey jcaKey, EcCurve curve) {
    return new PublicKey(container, type, jcaKey, curve);
  }

  /** Returns the Themis key container (a copy). */
  public byte[] toByteArray() {
    return container.clone();
  }

  /** Whether this is an EC or an RSA key; never null. */
  public KeyType type() {
    return type;
  }

  /** Returns the key as a JCA key (an {@code ECPublicKey} or {@code RSAPublicKey}). */
  public java.security.PublicKey toJcaKey() {
    return jcaKey;
  }

  /** For EC keys, the curve; null for RSA. Internal use. */
  public EcCurve ecCurve() {
    return curve;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey && java.util.Arrays.equals(container, ((PublicKey) o).container);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(container);
  }

  @Override
  public String toString() {
    return "PublicKey["
        + type
        + (curve != null ? " " + curve.curveName() : "")
        + ", "
        + container.length
        + " bytes]";
  }
}
