package io.github.themis4j.jpa.engine;

import java.math.BigInteger;
import java.util.UUID;

/** Identifiers as cursor text. */
final class Ids {
  private Ids() {}

  static boolean supportsText(Class<?> idType) {
    return idType == Long.class
        || idType == Integer.class
        || idType == Short.class
        || idType == Byte.class
        || idType == BigInteger.class
        || idType == String.class
        || idType == UUID.class;
  }

  static String toText(Object id) {
    return id == null ? null : id.toString();
  }

  static Object fromText(String text, Class<?> idType) {
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
