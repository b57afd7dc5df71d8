package io.github.themis4j.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * Every supported attribute type, encrypted (Seal) once in a binary column ({@code b_*}) and once
 * in a text column ({@code t_*}). Assigned String identifiers.
 */
@Entity(name = "Typed")
@Table(name = "jpa_typed")
public class Typed {
  /** An enum for the enum-name encoding; one constant has a body (an anonymous subclass). */
  public enum Level {
    LOW,
    HIGH {
      @Override
      public String toString() {
        return "high!";
      }
    }
  }

  @Id
  @Column(length = 64)
  String id;

  @Encrypted
  @Column(name = "b_string", length = 200)
  String bString;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_string", length = 300)
  String tString;

  @Encrypted
  @Column(name = "b_bytes", length = 200)
  byte[] bBytes;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_bytes", length = 300)
  byte[] tBytes;

  @Encrypted
  @Column(name = "b_bool", length = 200)
  Boolean bBool;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_bool", length = 300)
  Boolean tBool;

  @Encrypted
  @Column(name = "b_pbool", length = 200)
  boolean bPBool;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_pbool", length = 300)
  boolean tPBool;

  @Encrypted
  @Column(name = "b_int8", length = 200)
  Byte bInt8;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_int8", length = 300)
  Byte tInt8;

  @Encrypted
  @Column(name = "b_int16", length = 200)
  Short bInt16;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_int16", length = 300)
  Short tInt16;

  @Encrypted
  @Column(name = "b_int32", length = 200)
  Integer bInt32;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_int32", length = 300)
  Integer tInt32;

  @Encrypted
  @Column(name = "b_pint32", length = 200)
  int bPInt32;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_pint32", length = 300)
  int tPInt32;

  @Encrypted
  @Column(name = "b_int64", length = 200)
  Long bInt64;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_int64", length = 300)
  Long tInt64;

  @Encrypted
  @Column(name = "b_pint64", length = 200)
  long bPInt64;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_pint64", length = 300)
  long tPInt64;

  @Encrypted
  @Column(name = "b_bigint", length = 200)
  BigInteger bBigInt;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_bigint", length = 300)
  BigInteger tBigInt;

  @Encrypted
  @Column(name = "b_decimal", length = 200)
  BigDecimal bDecimal;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_decimal", length = 300)
  BigDecimal tDecimal;

  @Encrypted
  @Column(name = "b_float32", length = 200)
  Float bFloat32;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_float32", length = 300)
  Float tFloat32;

  @Encrypted
  @Column(name = "b_float64", length = 200)
  Double bFloat64;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_float64", length = 300)
  Double tFloat64;

  @Encrypted
  @Column(name = "b_date", length = 200)
  LocalDate bDate;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_date", length = 300)
  LocalDate tDate;

  @Encrypted
  @Column(name = "b_time", length = 200)
  LocalTime bTime;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_time", length = 300)
  LocalTime tTime;

  @Encrypted
  @Column(name = "b_datetime", length = 200)
  LocalDateTime bDateTime;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_datetime", length = 300)
  LocalDateTime tDateTime;

  @Encrypted
  @Column(name = "b_instant", length = 200)
  Instant bInstant;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_instant", length = 300)
  Instant tInstant;

  @Encrypted
  @Column(name = "b_uuid", length = 200)
  UUID bUuid;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_uuid", length = 300)
  UUID tUuid;

  @Encrypted
  @Column(name = "b_level", length = 200)
  Level bLevel;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "t_level", length = 300)
  Level tLevel;

  public Typed() {}

  Typed(String id) {
    this.id = id;
  }
}
