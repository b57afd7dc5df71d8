package io.github.themis4j.demo.patient;

import java.time.Instant;
import java.util.List;

/**
 * A patient as the API shows it: every encrypted field with its decrypted value beside the bytes
 * stored in the database, so a reader sees what someone holding only the database would see.
 *
 * @param id the identifier (part of every field's encryption context)
 * @param city stored in the clear
 * @param createdAt stored in the clear
 * @param fields the encrypted fields
 */
public record PatientView(long id, String city, Instant createdAt, List<Field> fields) {

  /** The decrypted value of the named attribute (as text), or null. */
  public String value(String attribute) {
    return fields.stream()
        .filter(f -> f.attribute().equals(attribute))
        .findFirst()
        .map(Field::value)
        .orElse(null);
  }

  /**
   * One encrypted field.
   *
   * @param attribute entity attribute
   * @param column database column
   * @param mode Secure Cell mode ({@code seal}, {@code token-protect}, {@code context-imprint})
   * @param format {@code binary} or {@code base64} column
   * @param keyRing key ring
   * @param keyId the key that encrypted the value: read from the stored envelope (Seal, Token
   *     Protect), or the key pinned in the mapping (Context Imprint stores none); null for NULL
   * @param keyIdStored whether {@code keyId} was read from the stored bytes
   * @param value the decrypted value as text, or null
   * @param plaintextBytes length of the value's byte encoding, or null
   * @param stored the column as stored, or null for SQL NULL
   * @param token the token column (Token Protect), or null
   * @param index the blind index column as stored (its text in {@code text}), or null if the
   *     attribute has no index
   */
  public record Field(
      String attribute,
      String column,
      String mode,
      String format,
      String keyRing,
      String keyId,
      boolean keyIdStored,
      String value,
      Integer plaintextBytes,
      Stored stored,
      Stored token,
      Stored index) {}

  /**
   * Raw column content.
   *
   * @param column the column
   * @param bytes number of bytes (for a base64 column: of the decoded value)
   * @param hex the bytes in hexadecimal
   * @param text the column text for a text (base64) column, else null
   */
  public record Stored(String column, int bytes, String hex, String text) {}
}
