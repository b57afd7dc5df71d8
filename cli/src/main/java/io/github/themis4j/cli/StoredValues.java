package io.github.themis4j.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Column values as database clients print them, and attribute values as text: psql's bytea hex
 * ({@code \x0102...}), mysql's {@code --binary-as-hex} ({@code 0x0102...}) or base64 (a
 * {@code BASE64} column, or {@code encode(col, 'base64')} / {@code TO_BASE64(col)}).
 */
final class StoredValues {
  static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private StoredValues() {}

  private static final Pattern MYSQL_HEX = Pattern.compile("0[xX]([0-9a-fA-F]{2})*");

  /**
   * Whether the text is psql ({@code \x...}) or mysql ({@code 0x} and an even number of hex digits)
   * hex output. A base64 text can also start with "0x"; it is taken as hex only if all of it is.
   */
  static boolean isHexText(byte[] text) {
    return isHexText(new String(text, StandardCharsets.ISO_8859_1));
  }

  static boolean isHexText(String text) {
    String s = text.trim();
    return s.startsWith("\\x") || MYSQL_HEX.matcher(s).matches();
  }

  /** The stored bytes from psql/mysql hex or base64 text. */
  static byte[] parse(byte[] text, String what) {
    return parse(new String(text, StandardCharsets.ISO_8859_1), what);
  }

  static byte[] parse(String text, String what) {
    String s = text.trim();
    return isHexText(s) ? Io.fromHex(s.substring(2), what) : Io.fromBase64(s, what);
  }

  /** A value of a BASE64 column: base64 only (never taken as hex). */
  static byte[] parseBase64(String text, String what) {
    return Io.fromBase64(text.trim(), what);
  }

  /** psql's bytea literal: {@code \x} and lower-case hex. */
  static String psqlHex(byte[] b) {
    return "\\x" + Io.toHex(b);
  }

  /** The Java type of an attribute type name (docs/FORMAT.md section 4). */
  static Class<?> javaType(String type) {
    switch (type.toLowerCase(Locale.ROOT)) {
      case "string":
      case "enum":
        return String.class;
      case "bytes":
        return byte[].class;
      case "bool":
      case "boolean":
        return Boolean.class;
      case "int8":
        return Byte.class;
      case "int16":
        return Short.class;
      case "int32":
        return Integer.class;
      case "int64":
      case "integer":
        return Long.class;
      case "biginteger":
        return BigInteger.class;
      case "decimal":
        return BigDecimal.class;
      case "float32":
        return Float.class;
      case "float64":
        return Double.class;
      case "date":
        return LocalDate.class;
      case "time":
        return LocalTime.class;
      case "datetime":
        return LocalDateTime.class;
      case "instant":
        return Instant.class;
      case "uuid":
        return UUID.class;
      default:
        throw new CliException(
            "unknown --type '" + type + "'; use string, bytes, bool, int8, int16, int32, int64,"
                + " biginteger, decimal, float32, float64, date, time, datetime, instant, uuid or"
                + " enum");
    }
  }

  /** Parses an attribute value given as text (ISO-8601 for dates and times). */
  static Object parseValue(Class<?> type, String text) {
    try {
      if (type == String.class) {
        return text;
      } else if (type == Boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new CliException("a bool value must be 'true' or 'false'");
        }
        return Boolean.valueOf(text);
      } else if (type == Byte.class) {
        return Byte.valueOf(text);
      } else if (type == Short.class) {
        return Short.valueOf(text);
      } else if (type == Integer.class) {
        return Integer.valueOf(text);
      } else if (type == Long.class) {
        return Long.valueOf(text);
      } else if (type == BigInteger.class) {
        return new BigInteger(text);
      } else if (type == BigDecimal.class) {
        return new BigDecimal(text);
      } else if (type == Float.class) {
        return Float.valueOf(text);
      } else if (type == Double.class) {
        return Double.valueOf(text);
      } else if (type == LocalDate.class) {
        return LocalDate.parse(text);
      } else if (type == LocalTime.class) {
        return LocalTime.parse(text);
      } else if (type == LocalDateTime.class) {
        return LocalDateTime.parse(text);
      } else if (type == Instant.class) {
        return Instant.parse(text);
      } else if (type == UUID.class) {
        return uuid(text, "the value");
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CliException("the value is not a valid " + type.getSimpleName());
    }
    throw new CliException("values of type " + type.getSimpleName() + " cannot be given as text");
  }

  static UUID uuid(String text, String what) {
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new CliException(what + " is not a UUID (8-4-4-4-12 hexadecimal)");
    }
    return UUID.fromString(text);
  }
}
