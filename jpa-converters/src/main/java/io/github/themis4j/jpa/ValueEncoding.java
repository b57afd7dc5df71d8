package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The language-neutral encoding of an attribute value to the bytes that are encrypted, one per
 * supported Java type. Specified in {@code docs/FORMAT.md} ("Plaintext encoding"):
 *
 * <table>
 *   <caption>Encodings</caption>
 *   <tr><th>Java type</th><th>name</th><th>bytes</th></tr>
 *   <tr><td>String</td><td>utf8</td><td>UTF-8 (unpaired surrogates are rejected)</td></tr>
 *   <tr><td>byte[]</td><td>bytes</td><td>the bytes themselves</td></tr>
 *   <tr><td>Boolean</td><td>bool</td><td>one byte, 0x01 true, 0x00 false</td></tr>
 *   <tr><td>Byte, Short, Integer, Long</td><td>int8..int64</td><td>two's complement big-endian,
 *       1, 2, 4 or 8 bytes (any of these widths is accepted on decoding if the value fits)</td></tr>
 *   <tr><td>BigInteger, BigDecimal</td><td>decimal</td><td>ASCII decimal, no exponent
 *       ({@code -12.340}; scale kept)</td></tr>
 *   <tr><td>Float, Double</td><td>float32, float64</td><td>IEEE 754 big-endian</td></tr>
 *   <tr><td>LocalDate</td><td>epoch-day</td><td>int64 BE days since 1970-01-01</td></tr>
 *   <tr><td>LocalTime</td><td>nano-of-day</td><td>int64 BE nanoseconds since midnight</td></tr>
 *   <tr><td>LocalDateTime, Instant</td><td>epoch-second-nano</td><td>int64 BE seconds since
 *       1970-01-01T00:00:00 (UTC for Instant, the same wall clock for LocalDateTime), then int32 BE
 *       nanoseconds 0..999,999,999</td></tr>
 *   <tr><td>UUID</td><td>uuid</td><td>16 bytes, most significant first (RFC 4122 order)</td></tr>
 *   <tr><td>enum</td><td>enum-name</td><td>UTF-8 of {@code name()}</td></tr>
 * </table>
 *
 * <p>Only {@code utf8} and {@code bytes} can produce an empty encoding; the storage format marks
 * such values as empty rather than encrypting nothing (Themis refuses empty input).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the Java type
 */
public abstract class ValueEncoding<T> {
  private static final Map<Class<?>, ValueEncoding<?>> BY_TYPE;
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private final Class<T> javaType;
  private final String name;

  ValueEncoding(Class<T> javaType, String name) {
    this.javaType = javaType;
    this.name = name;
  }

  /**
   * The encoding for values of {@code type} (a primitive type is taken as its wrapper).
   *
   * @throws InvalidArgumentException if the type is not supported
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> ValueEncoding<T> forType(Class<T> type) {
    if (type == null) {
      throw new InvalidArgumentException("type must not be null");
    }
    Class<?> t = box(type);
    ValueEncoding<?> e = BY_TYPE.get(t);
    if (e != null) {
      return (ValueEncoding<T>) e;
    }
    if (t.isEnum()) {
      return (ValueEncoding<T>) new EnumEncoding(t);
    }
    if (Enum.class.isAssignableFrom(t) && t.getSuperclass() != null && t.getSuperclass().isEnum()) {
      return (ValueEncoding<T>) new EnumEncoding(t.getSuperclass()); // constant with a body
    }
    throw new InvalidArgumentException(
        "type " + type.getName() + " cannot be encrypted; supported: " + supportedTypes());
  }

  /** Whether {@link #forType} accepts {@code type}. */
  public static boolean isSupported(Class<?> type) {
    Class<?> t = box(type);
    return t != null && (BY_TYPE.containsKey(t) || t.isEnum());
  }

  /** A human-readable list of the supported types, for error messages. */
  public static String supportedTypes() {
    return "String, byte[], Boolean, Byte, Short, Integer, Long, BigInteger, BigDecimal, Float,"
        + " Double, LocalDate, LocalTime, LocalDateTime, Instant, UUID, enums and the"
        + " primitive types";
  }

  /** The Java type this encoding handles (a wrapper for primitives). */
  public final Class<T> javaType() {
    return javaType;
  }

  /** The encoding's name in {@code docs/FORMAT.md}. */
  public final String name() {
    return name;
  }

  /**
   * Encodes a non-null value.
   *
   * @throws InvalidArgumentException if the value cannot be encoded (a string with an unpaired
   *     surrogate, a value of the wrong type)
   */
  public abstract byte[] encode(T value);

  /**
   * Decodes bytes produced by {@link #encode}.
   *
   * @throws MalformedDataException if the bytes are not a valid encoding
   */
  public abstract T decode(byte[] bytes);

  /** Encodes a value of unchecked type; used where the type is only known at run time. */
  public final byte[] encodeObject(Object value) {
    if (value == null) {
      throw new InvalidArgumentException("value must not be null");
    }
    if (!javaType.isInstance(value)) {
      throw new InvalidArgumentException(
          "expected a " + javaType.getName() + " value, got a " + value.getClass().getName());
    }
    return encode(javaType.cast(value));
  }

  /** Whether this encoding can produce empty bytes (only {@code utf8} and {@code bytes}). */
  public boolean canBeEmpty() {
    return false;
  }

  /**
   * The value whose encoding is empty (an empty string or array); only if {@link #canBeEmpty()}.
   */
  public T emptyValue() {
    throw new UnsupportedOperationException(name + " has no empty value");
  }

  @Override
  public String toString() {
    return "ValueEncoding[" + name + ", " + javaType.getSimpleName() + "]";
  }

  private static Class<?> box(Class<?> t) {
    if (t == null || !t.isPrimitive()) {
      return t;
    }
    if (t == int.class) {
      return Integer.class;
    } else if (t == long.class) {
      return Long.class;
    } else if (t == short.class) {
      return Short.class;
    } else if (t == byte.class) {
      return Byte.class;
    } else if (t == boolean.class) {
      return Boolean.class;
    } else if (t == double.class) {
      return Double.class;
    } else if (t == float.class) {
      return Float.class;
    }
    return t; // char, void: unsupported
  }

  // ---------------------------------------------------------------------------------------------

  private static final ThreadLocal<CharsetDecoder> UTF8_DECODER =
      ThreadLocal.withInitial(
          () ->
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));

  /**
   * Strict UTF-8 decoding: malformed input is an error, never replaced. ASCII (the common case)
   * takes a copy loop; anything else a per-thread decoder that reports malformed input.
   */
  static String decodeUtf8(byte[] bytes, String what) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1); // same chars as ASCII, no check needed
    }
    try {
      CharsetDecoder d = UTF8_DECODER.get();
      d.reset();
      return d.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedDataException(what + " is not valid UTF-8");
    }
  }

  /**
   * UTF-8 encoding that rejects unpaired surrogates (which {@code String.getBytes} would replace
   * with '?'); for well-formed strings {@code getBytes}' output is the only UTF-8 encoding.
   */
  static byte[] encodeUtf8(String s, String what) {
    requireWellFormed(s, what);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code s} has no unpaired surrogate.
   *
   * @throws InvalidArgumentException if it has one
   */
  static void requireWellFormed(String s, String what) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new InvalidArgumentException(what + " is not valid Unicode (unpaired surrogate)");
        }
      }
    }
  }

  private static long decodeSigned(byte[] b, long min, long max, String name) {
    if (b.length != 1 && b.length != 2 && b.length != 4 && b.length != 8) {
      throw new MalformedDataException(name + " value must be 1, 2, 4 or 8 bytes, not " + b.length);
    }
    long v = b[0]; // sign-extended
    for (int i = 1; i < b.length; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    if (v < min || v > max) {
      throw new MalformedDataException("stored integer does not fit in " + name);
    }
    return v;
  }

  private static byte[] fixed(byte[] b, int n, String name) {
    if (b.length != n) {
      throw new MalformedDataException(name + " value must be " + n + " bytes, not " + b.length);
    }
    return b;
  }

  private static final class Utf8 extends ValueEncoding<String> {
    Utf8() {
      super(String.class, "utf8");
    }

    @Override
    public byte[] encode(String value) {
      return encodeUtf8(value, "string");
    }

    @Override
    public String decode(byte[] bytes) {
      return decodeUtf8(bytes, "stored string");
    }

    @Override
    public boolean canBeEmpty() {
      return true;
    }

    @Override
    public String emptyValue() {
      return "";
    }
  }

  private static final class Raw extends ValueEncoding<byte[]> {
    Raw() {
      super(byte[].class, "bytes");
    }

    @Override
    public byte[] encode(byte[] value) {
      return value.clone();
    }

    @Override
    public byte[] decode(byte[] bytes) {
      return bytes.clone();
    }

    @Override
    public boolean canBeEmpty() {
      return true;
    }

    @Override
    public byte[] emptyValue() {
      return new byte[0];
    }
  }

  private static final class Bool extends ValueEncoding<Boolean> {
    Bool() {
      super(Boolean.class, "bool");
    }

    @Override
    public byte[] encode(Boolean value) {
      return new byte[] {(byte) (value ? 1 : 0)};
    }

    @Override
    public Boolean decode(byte[] bytes) {
      fixed(bytes, 1, name());
      if (bytes[0] != 0 && bytes[0] != 1) {
        throw new MalformedDataException("bool value must be 0x00 or 0x01");
      }
      return bytes[0] == 1;
    }
  }

  private static final class Int extends ValueEncoding<Object> {
    private final int width;
    private final long min;
    private final long max;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Int(Class<?> type, int width, long min, long max) {
      super((Class) type, "int" + (width * 8));
      this.width = width;
      this.min = min;
      this.max = max;
    }

    @Override
    public byte[] encode(Object value) {
      long v = ((Number) value).longValue();
      byte[] out = new byte[width];
      for (int i = width - 1; i >= 0; i--) {
        out[i] = (byte) v;
        v >>= 8;
      }
      return out;
    }

    @Override
    public Object decode(byte[] bytes) {
      long v = decodeSigned(bytes, min, max, name());
      switch (width) {
        case 1:
          return (byte) v;
        case 2:
          return (short) v;
        case 4:
          return (int) v;
        default:
          return v;
      }
    }
  }

  private static final class Decimal extends ValueEncoding<BigDecimal> {
    Decimal() {
      super(BigDecimal.class, "decimal");
    }

    @Override
    public byte[] encode(BigDecimal value) {
      return value.toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public BigDecimal decode(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.US_ASCII);
      if (bytes.length > 4096 || !DECIMAL.matcher(s).matches()) {
        throw new MalformedDataException("stored decimal is not of the form -?digits[.digits]");
      }
      return new BigDecimal(s);
    }
  }

  private static final class BigInt extends ValueEncoding<BigInteger> {
    BigInt() {
      super(BigInteger.class, "decimal");
    }

    @Override
    public byte[] encode(BigInteger value) {
      return value.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public BigInteger decode(byte[] bytes) {
      String s = new String(bytes, StandardCharsets.US_ASCII);
      if (bytes.length > 4096 || !INTEGER.matcher(s).matches()) {
        throw new MalformedDataException("stored integer is not of the form -?digits");
      }
      return new BigInteger(s);
    }
  }

  private static final class Float32 extends ValueEncoding<Float> {
    Float32() {
      super(Float.class, "float32");
    }

    @Override
    public byte[] encode(Float value) {
      return ByteBuffer.allocate(4).putFloat(value).array();
    }

    @Override
    public Float decode(byte[] bytes) {
      return ByteBuffer.wrap(fixed(bytes, 4, name())).getFloat();
    }
  }

  private static final class Float64 extends ValueEncoding<Double> {
    Float64() {
      super(Double.class, "float64");
    }

    @Override
    public byte[] encode(Double value) {
      return ByteBuffer.allocate(8).putDouble(value).array();
    }

    @Override
    public Double decode(byte[] bytes) {
      return ByteBuffer.wrap(fixed(bytes, 8, name())).getDouble();
    }
  }

  private static final class EpochDay extends ValueEncoding<LocalDate> {
    EpochDay() {
      super(LocalDate.class, "epoch-day");
    }

    @Override
    public byte[] encode(LocalDate value) {
      return ByteBuffer.allocate(8).putLong(value.toEpochDay()).array();
    }

    @Override
    public LocalDate decode(byte[] bytes) {
      long day = ByteBuffer.wrap(fixed(bytes, 8, name())).getLong();
      try {
        return LocalDate.ofEpochDay(day);
      } catch (DateTimeException e) {
        throw new MalformedDataException("stored date is out of range");
      }
    }
  }

  private static final class NanoOfDay extends ValueEncoding<LocalTime> {
    NanoOfDay() {
      super(LocalTime.class, "nano-of-day");
    }

    @Override
    public byte[] encode(LocalTime value) {
      return ByteBuffer.allocate(8).putLong(value.toNanoOfDay()).array();
    }

    @Override
    public LocalTime decode(byte[] bytes) {
      long nanos = ByteBuffer.wrap(fixed(bytes, 8, name())).getLong();
      try {
        return LocalTime.ofNanoOfDay(nanos);
      } catch (DateTimeException e) {
        throw new MalformedDataException("stored time is out of range");
      }
    }
  }

  private static byte[] secondsAndNanos(long seconds, int nanos) {
    return ByteBuffer.allocate(12).putLong(seconds).putInt(nanos).array();
  }

  private static final class InstantEncoding extends ValueEncoding<Instant> {
    InstantEncoding() {
      super(Instant.class, "epoch-second-nano");
    }

    @Override
    public byte[] encode(Instant value) {
      return secondsAndNanos(value.getEpochSecond(), value.getNano());
    }

    @Override
    public Instant decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(fixed(bytes, 12, name()));
      long s = b.getLong();
      int n = b.getInt();
      if (n < 0 || n > 999_999_999) {
        throw new MalformedDataException("stored nanoseconds are out of range");
      }
      try {
        return Instant.ofEpochSecond(s, n);
      } catch (DateTimeException e) {
        throw new MalformedDataException("stored instant is out of range");
      }
    }
  }

  private static final class LocalDateTimeEncoding extends ValueEncoding<LocalDateTime> {
    LocalDateTimeEncoding() {
      super(LocalDateTime.class, "epoch-second-nano");
    }

    @Override
    public byte[] encode(LocalDateTime value) {
      return secondsAndNanos(value.toEpochSecond(ZoneOffset.UTC), value.getNano());
    }

    @Override
    public LocalDateTime decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(fixed(bytes, 12, name()));
      long s = b.getLong();
      int n = b.getInt();
      if (n < 0 || n > 999_999_999) {
        throw new MalformedDataException("stored nanoseconds are out of range");
      }
      try {
        return LocalDateTime.ofEpochSecond(s, n, ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw new MalformedDataException("stored date-time is out of range");
      }
    }
  }

  private static final class UuidEncoding extends ValueEncoding<UUID> {
    UuidEncoding() {
      super(UUID.class, "uuid");
    }

    @Override
    public byte[] encode(UUID value) {
      return ByteBuffer.allocate(16)
          .putLong(value.getMostSignificantBits())
          .putLong(value.getLeastSignificantBits())
          .array();
    }

    @Override
    public UUID decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(fixed(bytes, 16, name()));
      return new UUID(b.getLong(), b.getLong());
    }
  }

  private static final class EnumEncoding<E extends Enum<E>> extends ValueEncoding<E> {
    EnumEncoding(Class<E> type) {
      super(type, "enum-name");
    }

    @Override
    public byte[] encode(E value) {
      return value.name().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public E decode(byte[] bytes) {
      String name = decodeUtf8(bytes, "stored enum name");
      for (E e : javaType().getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
      // The name is not secret in itself, but it came from decrypted data: do not echo it.
      throw new MalformedDataException(
          "stored enum name is not a constant of "
              + javaType().getName()
              + " ("
              + bytes.length
              + " bytes)");
    }
  }

  static {
    Map<Class<?>, ValueEncoding<?>> m = new LinkedHashMap<>();
    m.put(String.class, new Utf8());
    m.put(byte[].class, new Raw());
    m.put(Boolean.class, new Bool());
    m.put(Byte.class, new Int(Byte.class, 1, Byte.MIN_VALUE, Byte.MAX_VALUE));
    m.put(Short.class, new Int(Short.class, 2, Short.MIN_VALUE, Short.MAX_VALUE));
    m.put(Integer.class, new Int(Integer.class, 4, Integer.MIN_VALUE, Integer.MAX_VALUE));
    m.put(Long.class, new Int(Long.class, 8, Long.MIN_VALUE, Long.MAX_VALUE));
    m.put(BigInteger.class, new BigInt());
    m.put(BigDecimal.class, new Decimal());
    m.put(Float.class, new Float32());
    m.put(Double.class, new Float64());
    m.put(LocalDate.class, new EpochDay());
    m.put(LocalTime.class, new NanoOfDay());
    m.put(LocalDateTime.class, new LocalDateTimeEncoding());
    m.put(Instant.class, new InstantEncoding());
    m.put(UUID.class, new UuidEncoding());
    BY_TYPE = Collections.unmodifiableMap(m);
  }
}
