package io.github.themis4j.jpa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/** Sample values for {@link Typed}, including the edges of each type. */
final class TypedValues {
  private TypedValues() {}

  /** A row with every attribute set (variant 0: ordinary values; 1: extremes; 2: empty/zero). */
  static Typed sample(String id, int variant) {
    Typed t = new Typed(id);
    switch (variant) {
      case 0:
        set(
            t,
            "Zoë 漢字 😀",
            new byte[] {1, 2, 3, (byte) 0xff},
            true,
            (byte) -5,
            (short) 300,
            123456,
            9_000_000_000L,
            new BigInteger("-123456789012345678901234567890"),
            new BigDecimal("-12.340"),
            1.5f,
            -2.25e-300,
            LocalDate.of(2024, 2, 29),
            LocalTime.of(23, 59, 58, 123_456_789),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1),
            Instant.parse("2026-11-28T12:34:56.789Z"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            Typed.Level.HIGH);
        break;
      case 1:
        set(
            t,
            "x",
            new byte[] {0},
            false,
            Byte.MIN_VALUE,
            Short.MAX_VALUE,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            BigInteger.ZERO,
            new BigDecimal("1E+3"),
            Float.NaN,
            Double.NEGATIVE_INFINITY,
            LocalDate.of(-4000, 1, 1),
            LocalTime.MIDNIGHT,
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
            Instant.ofEpochSecond(-1, 999_999_999),
            new UUID(-1L, 0L),
            Typed.Level.LOW);
        break;
      default:
        set(
            t,
            "",
            new byte[0],
            false,
            (byte) 0,
            (short) 0,
            0,
            0L,
            BigInteger.ONE.negate(),
            BigDecimal.ZERO,
            -0.0f,
            0.0,
            LocalDate.EPOCH,
            LocalTime.MAX,
            LocalDateTime.of(1970, 1, 1, 0, 0),
            Instant.EPOCH,
            new UUID(0, 0),
            Typed.Level.LOW);
    }
    return t;
  }

  private static void set(
      Typed t,
      String s,
      byte[] bytes,
      boolean bool,
      byte i8,
      short i16,
      int i32,
      long i64,
      BigInteger big,
      BigDecimal dec,
      float f32,
      double f64,
      LocalDate date,
      LocalTime time,
      LocalDateTime dt,
      Instant instant,
      UUID uuid,
      Typed.Level level) {
    t.bString = s;
    t.tString = s;
    t.bBytes = bytes.clone();
    t.tBytes = bytes.clone();
    t.bBool = bool;
    t.tBool = !bool;
    t.bPBool = !bool;
    t.tPBool = bool;
    t.bInt8 = i8;
    t.tInt8 = i8;
    t.bInt16 = i16;
    t.tInt16 = i16;
    t.bInt32 = i32;
    t.tInt32 = i32;
    t.bPInt32 = i32 ^ 1;
    t.tPInt32 = i32 ^ 2;
    t.bInt64 = i64;
    t.tInt64 = i64;
    t.bPInt64 = i64 ^ 1;
    t.tPInt64 = i64 ^ 2;
    t.bBigInt = big;
    t.tBigInt = big;
    t.bDecimal = dec;
    t.tDecimal = dec;
    t.bFloat32 = f32;
    t.tFloat32 = f32;
    t.bFloat64 = f64;
    t.tFloat64 = f64;
    t.bDate = date;
    t.tDate = date;
    t.bTime = time;
    t.tTime = time;
    t.bDateTime = dt;
    t.tDateTime = dt;
    t.bInstant = instant;
    t.tInstant = instant;
    t.bUuid = uuid;
    t.tUuid = uuid;
    t.bLevel = level;
    t.tLevel = level;
  }
}
