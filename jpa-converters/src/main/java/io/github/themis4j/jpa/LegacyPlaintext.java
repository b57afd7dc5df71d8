package io.github.themis4j.jpa;

import io.github.themis4j.MalformedDataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads and writes the values a column held before it was encrypted ({@code docs/FORMAT.md},
 * section 10): the text form of the value (UTF-8 in a binary column), or the bytes themselves for
 * {@code byte[]} (base64 in a text column). Errors never contain the value.
 */
public final class LegacyPlaintext {
  private LegacyPlaintext() {}

  /**
   * The attribute value of a legacy column value.
   *
   * @throws MalformedDataException if it is not a valid text form of the attribute's type (or not
   *     UTF-8 in a binary column)
   */
  public static Object read(ValueEncoding<?> encoding, ColumnFormat format, Object column) {
    Class<?> type = encoding.javaType();
    if (format == ColumnFormat.BINARY) {
      byte[] b = format.fromColumn(column);
      return type == byte[].class ? b : parse(type, utf8(b));
    }
    if (!(column instanceof String)) {
      throw new MalformedDataException("a text column holds a non-text value");
    }
    String s = (String) column;
    if (type == byte[].class) {
      try {
        return Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new MalformedDataException("a legacy byte[] value is not valid base64");
      }
    }
    return parse(type, s);
  }

  /** The attribute value of the decrypted bytes of a foreign cell (read like a binary column). */
  public static Object readForeign(ValueEncoding<?> encoding, byte[] plain) {
    return read(encoding, ColumnFormat.BINARY, plain);
  }

  /** The legacy column value of {@code value}: the inverse of {@link #read} (for a rollback). */
  public static Object write(ValueEncoding<?> encoding, ColumnFormat format, Object value) {
    if (value instanceof byte[]) {
      byte[] b = (byte[]) value;
      return format == ColumnFormat.BINARY ? b.clone() : Base64.getEncoder().encodeToString(b);
    }
    String text = textOf(value);
    return format == ColumnFormat.BINARY ? text.getBytes(StandardCharsets.UTF_8) : text;
  }

  /** The text form of a value of a supported type. */
  static String textOf(Object value) {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    return value.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object parse(Class<?> type, String s) {
    try {
      if (type == String.class) {
        return s;
      } else if (type == Boolean.class) {
        return parseBoolean(s.trim());
      } else if (type == Byte.class) {
        return Byte.valueOf(s.trim());
      } else if (type == Short.class) {
        return Short.valueOf(s.trim());
      } else if (type == Integer.class) {
        return Integer.valueOf(s.trim());
      } else if (type == Long.class) {
        return Long.valueOf(s.trim());
      } else if (type == BigInteger.class) {
        return new BigInteger(s.trim());
      } else if (type == BigDecimal.class) {
        return new BigDecimal(s.trim());
      } else if (type == Float.class) {
        return Float.valueOf(s.trim());
      } else if (type == Double.class) {
        return Double.valueOf(s.trim());
      } else if (type == LocalDate.class) {
        return LocalDate.parse(s.trim());
      } else if (type == LocalTime.class) {
        return LocalTime.parse(s.trim());
      } else if (type == LocalDateTime.class) {
        return LocalDateTime.parse(s.trim().replace(' ', 'T'));
      } else if (type == Instant.class) {
        return parseInstant(s.trim());
      } else if (type == UUID.class) {
        return UUID.fromString(s.trim());
      } else if (type.isEnum()) {
        return Enum.valueOf((Class<Enum>) type, s.trim());
      }
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new MalformedDataException(
          "a legacy (unencrypted) value is not a valid " + type.getSimpleName());
    }
    throw new MalformedDataException("legacy values of " + type.getName() + " are not supported");
  }

  private static Boolean parseBoolean(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true":
      case "t":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "f":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("not a boolean");
    }
  }

  private static Instant parseInstant(String s) {
    String t = s.replace(' ', 'T');
    if (t.matches(".*[+-][0-9]{2}$")) {
      t = t + ":00"; // PostgreSQL renders UTC as +00
    }
    return t.endsWith("Z") ? Instant.parse(t) : OffsetDateTime.parse(t).toInstant();
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedDataException("a legacy (unencrypted) value is not valid UTF-8 text");
    }
  }
}
