package io.github.themis4j.jpa.engine;

import java.math.BigInteger;
import java.util.UUID;

/**
 * Identifiers as the engine records them in its cursor table (docs/ENGINE.md): their {@code
 * toString()} text, for the identifier types listed by {@link #supportsText}. Used by the engine and
 * by passes that report recorded key ranges.
 */
public final class Ids {
  private Ids() {}

  /** Whether identifiers of this Java type can be recorded as cursor text. */
  public static boolean supportsText(Class<?> idType) {
    return idType == Long.class
        || idType == Integer.class
        || idType == Short.class
        || idType == Byte.class
        || idType == BigInteger.class
        || idType == String.class
        || idType == UUID.class;
  }

  /** The cursor text of an identifier (null for null). */
  public static String toText(Object id) {
    return id == null ? null : id.toString();
  }

  /**
   * The identifier that {@link #toText} recorded.
   *
   * @throws ReencryptionException if the text is not an identifier of that type
   */
  public static Object fromText(String text, Class<?> idType) {
    if (text == null) {
      return null;
    }
    try {
      if (idType == Long.class) {
        return Long.valueOf(text);
      } else if (idType == Integer.class) {
        return Integer.valueOf(text);
      } else if (idType == Short.class) {
        return Short.valueOf(text);
      } else if (idType == Byte.class) {
        return Byte.valueOf(text);
      } else if (idType == BigInteger.class) {
        return new BigInteger(text);
      } else if (idType == UUID.class) {
        return UUID.fromString(text);
      }
      return text;
    } catch (IllegalArgumentException e) {
      throw new ReencryptionException(
          "the recorded cursor '" + text + "' is not a " + idType.getSimpleName() + " identifier",
          e);
    }
  }
}
