package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves docs/FORMAT.md: column values written through Hibernate are read straight from the
 * database over JDBC and decrypted by wasm-themis (the Themis 0.15 C core) with contexts, envelopes
 * and encodings built in this test from the document alone ({@link DocumentedFormat}); and values
 * encrypted by wasm-themis the same way, inserted over JDBC, load through Hibernate.
 */
class DocumentedFormatInteropTest {
  private static final Map<String, byte[]> KEYS =
      Map.of("k1", TestKeys.K1, "k2", TestKeys.K2, "p1", TestKeys.PII);
  private static JpaFixture jpa;

  @BeforeAll
  static void start() {
    jpa = JpaFixture.of(TestKeys.standard(), Customer.class, Note.class, Typed.class);
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  private static Object[] customerRow(Long id) {
    return jpa.query(
            "select email, email_text, ssn, ssn_token, ssn_text, ssn_text_token, nickName,"
                + " nick_name_text, notes_summary from jpa_customer where id = ?",
            id)
        .get(0);
  }

  @Test
  void columnsWrittenByHibernateDecryptWithThemisFromTheDocumentedRules() {
    WasmThemis wasm = WasmThemis.get();
    for (String secret : new String[] {"ada@example.com", "", "Zoë 😀"}) {
      Customer saved =
          jpa.fromTransaction(
              s -> {
                Customer c = new Customer("Ada", secret);
                c.email = secret + "/1";
                c.addNote(1, secret + "/note");
                s.persist(c);
                return c;
              });
      Long id = saved.id;
      Object[] row = customerRow(id);

      assertThat(row[0]).isInstanceOf(byte[].class); // binary column
      DocumentedFormat.Plain email =
          DocumentedFormat.readSeal(wasm, KEYS, (byte[]) row[0], "jpa_customer", "email", id);
      assertThat(DocumentedFormat.utf8(email.bytes)).isEqualTo(secret + "/1");
      assertThat(email.keyId).isEqualTo("k1");

      assertThat(row[1]).isInstanceOf(String.class); // text column, base64
      DocumentedFormat.Plain emailText =
          DocumentedFormat.readSeal(
              wasm,
              KEYS,
              Base64.getDecoder().decode((String) row[1]),
              "jpa_customer",
              "email_text",
              id);
      assertThat(DocumentedFormat.utf8(emailText.bytes)).isEqualTo(secret);
      assertThat(emailText.empty).isEqualTo(secret.isEmpty());

      DocumentedFormat.Plain ssn =
          DocumentedFormat.readTokenProtect(
              wasm, KEYS, (byte[]) row[2], (byte[]) row[3], "jpa_customer", "ssn", id);
      assertThat(DocumentedFormat.utf8(ssn.bytes)).isEqualTo(secret);
      assertThat(((byte[]) row[2]).length)
          .isEqualTo(Math.max(1, DocumentedFormat.utf8(secret).length));

      DocumentedFormat.Plain ssnText =
          DocumentedFormat.readTokenProtect(
              wasm,
              KEYS,
              DocumentedFormat.fromColumn(row[4]),
              DocumentedFormat.fromColumn(row[5]),
              "jpa_customer",
              "ssn_text",
              id);
      assertThat(DocumentedFormat.utf8(ssnText.bytes)).isEqualTo(secret);

      // implicit column name nickName: canonical form "nickname"; pinned key k1
      byte[] nick =
          DocumentedFormat.readImprint(
              wasm, TestKeys.K1, (byte[]) row[6], "jpa_customer", "nickname", id);
      assertThat(DocumentedFormat.utf8(nick)).isEqualTo(secret);
      byte[] nickText =
          DocumentedFormat.readImprint(
              wasm,
              TestKeys.K1,
              DocumentedFormat.fromColumn(row[7]),
              "jpa_customer",
              "nick_name_text",
              id);
      assertThat(DocumentedFormat.utf8(nickText)).isEqualTo(secret);

      DocumentedFormat.Plain summary =
          DocumentedFormat.readSeal(
              wasm, KEYS, DocumentedFormat.fromColumn(row[8]), "jpa_customer", "notes_summary", id);
      assertThat(summary.keyId).isEqualTo("p1");
      assertThat(DocumentedFormat.utf8(summary.bytes)).isEqualTo(secret);

      // a UUID identifier
      UUID noteId = saved.notes.get(0).id;
      Object[] note = jpa.query("select body from jpa_note where id = ?", noteId).get(0);
      DocumentedFormat.Plain body =
          DocumentedFormat.readSeal(
              wasm, KEYS, DocumentedFormat.fromColumn(note[0]), "jpa_note", "body", noteId);
      assertThat(DocumentedFormat.utf8(body.bytes)).isEqualTo(secret + "/note");
    }
  }

  @Test
  void everyTypeIsEncodedAsDocumented() throws Exception {
    WasmThemis wasm = WasmThemis.get();
    for (int variant = 0; variant < 3; variant++) {
      Typed sample = TypedValues.sample("typed-out-" + variant, variant);
      jpa.inTransaction(s -> s.persist(sample));
      List<Field> fields = encryptedFields();
      Object[] row =
          jpa.query("select " + columns(fields) + " from jpa_typed where id = ?", sample.id).get(0);
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        String column = f.getAnnotation(Column.class).name();
        DocumentedFormat.Plain plain =
            DocumentedFormat.readSeal(
                wasm, KEYS, DocumentedFormat.fromColumn(row[i]), "jpa_typed", column, sample.id);
        assertThat(plain.bytes)
            .as(column + " variant " + variant)
            .isEqualTo(documentedEncoding(f.get(sample)));
        assertThat(row[i])
            .as(column)
            .isInstanceOf(column.startsWith("t_") ? String.class : byte[].class);
      }
    }
  }

  @Test
  void valuesEncryptedByThemisFromTheDocumentedRulesLoadThroughHibernate() throws Exception {
    WasmThemis wasm = WasmThemis.get();
    long id = 990_001L; // far beyond the sequence's range
    String secret = "written by wasm-themis";
    byte[] plain = DocumentedFormat.utf8(secret);
    byte[] email =
        DocumentedFormat.writeSeal(wasm, "k2", TestKeys.K2, plain, "jpa_customer", "email", id);
    byte[] emailText =
        DocumentedFormat.writeSeal(
            wasm, "k1", TestKeys.K1, new byte[0], "jpa_customer", "email_text", id);
    byte[][] ssn =
        DocumentedFormat.writeTokenProtect(
            wasm, "k1", TestKeys.K1, plain, "jpa_customer", "ssn", id);
    byte[][] ssnText =
        DocumentedFormat.writeTokenProtect(
            wasm, "k2", TestKeys.K2, plain, "jpa_customer", "ssn_text", id);
    byte[] nick =
        DocumentedFormat.writeImprint(wasm, TestKeys.K1, plain, "jpa_customer", "nickname", id);
    byte[] nickText =
        DocumentedFormat.writeImprint(
            wasm, TestKeys.K1, new byte[0], "jpa_customer", "nick_name_text", id);
    byte[] summary =
        DocumentedFormat.writeSeal(
            wasm, "p1", TestKeys.PII, plain, "jpa_customer", "notes_summary", id);
    jpa.update(
        "insert into jpa_customer (id, version, name, email, email_text, ssn, ssn_token, ssn_text,"
            + " ssn_text_token, nickName, nick_name_text, notes_summary) values (?, 0, 'from wasm',"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        email,
        b64(emailText),
        ssn[0],
        ssn[1],
        b64(ssnText[0]),
        b64(ssnText[1]),
        nick,
        b64(nickText),
        b64(summary));

    Customer c = jpa.fromTransaction(s -> s.find(Customer.class, id));
    assertThat(c.email).isEqualTo(secret);
    assertThat(c.emailText).isEmpty();
    assertThat(c.ssn).isEqualTo(secret);
    assertThat(c.ssnText).isEqualTo(secret);
    assertThat(c.nickName).isEqualTo(secret);
    assertThat(c.nickNameText).isEmpty();
    assertThat(c.summary).isEqualTo(secret);

    // every type, written by wasm-themis with the documented encodings
    for (int variant = 0; variant < 3; variant++) {
      Typed expected = TypedValues.sample("typed-in-" + variant, variant);
      List<Field> fields = encryptedFields();
      List<Object> params = new ArrayList<>();
      params.add(expected.id);
      for (Field f : fields) {
        String column = f.getAnnotation(Column.class).name();
        byte[] stored =
            DocumentedFormat.writeSeal(
                wasm,
                "k1",
                TestKeys.K1,
                documentedEncoding(f.get(expected)),
                "jpa_typed",
                column,
                expected.id);
        params.add(column.startsWith("t_") ? b64(stored) : stored);
      }
      jpa.update(
          "insert into jpa_typed (id, "
              + columns(fields)
              + ") values (?"
              + ", ?".repeat(fields.size())
              + ")",
          params.toArray());
      Typed loaded = jpa.fromTransaction(s -> s.find(Typed.class, expected.id));
      for (Field f : fields) {
        assertThat(f.get(loaded))
            .as(f.getName() + " variant " + variant)
            .isEqualTo(readBack(f.get(expected)));
      }
    }
  }

  /**
   * What a value reads back as: a BigDecimal with negative scale comes back as its plain integer.
   */
  static Object readBack(Object v) {
    if (v instanceof BigDecimal && ((BigDecimal) v).scale() < 0) {
      return new BigDecimal(((BigDecimal) v).toPlainString());
    }
    return v;
  }

  // ---- the plaintext encodings of docs/FORMAT.md section 4, written from the document
  // ------------

  static byte[] documentedEncoding(Object v) {
    if (v instanceof String) {
      return DocumentedFormat.utf8((String) v);
    } else if (v instanceof byte[]) {
      return (byte[]) v;
    } else if (v instanceof Boolean) {
      return new byte[] {(byte) ((Boolean) v ? 1 : 0)};
    } else if (v instanceof Byte) {
      return new byte[] {(Byte) v};
    } else if (v instanceof Short) {
      return ByteBuffer.allocate(2).putShort((Short) v).array();
    } else if (v instanceof Integer) {
      return ByteBuffer.allocate(4).putInt((Integer) v).array();
    } else if (v instanceof Long) {
      return ByteBuffer.allocate(8).putLong((Long) v).array();
    } else if (v instanceof BigInteger) {
      return ascii(v.toString());
    } else if (v instanceof BigDecimal) {
      return ascii(((BigDecimal) v).toPlainString());
    } else if (v instanceof Float) {
      return ByteBuffer.allocate(4).putInt(Float.floatToRawIntBits((Float) v)).array();
    } else if (v instanceof Double) {
      return ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits((Double) v)).array();
    } else if (v instanceof LocalDate) {
      return ByteBuffer.allocate(8).putLong(((LocalDate) v).toEpochDay()).array();
    } else if (v instanceof LocalTime) {
      return ByteBuffer.allocate(8).putLong(((LocalTime) v).toNanoOfDay()).array();
    } else if (v instanceof LocalDateTime) {
      LocalDateTime t = (LocalDateTime) v;
      return ByteBuffer.allocate(12)
          .putLong(t.toEpochSecond(ZoneOffset.UTC))
          .putInt(t.getNano())
          .array();
    } else if (v instanceof Instant) {
      Instant t = (Instant) v;
      return ByteBuffer.allocate(12).putLong(t.getEpochSecond()).putInt(t.getNano()).array();
    } else if (v instanceof UUID) {
      UUID u = (UUID) v;
      return ByteBuffer.allocate(16)
          .putLong(u.getMostSignificantBits())
          .putLong(u.getLeastSignificantBits())
          .array();
    } else if (v instanceof Enum) {
      return DocumentedFormat.utf8(((Enum<?>) v).name());
    }
    throw new AssertionError("no documented encoding for " + v.getClass());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static List<Field> encryptedFields() {
    List<Field> out = new ArrayList<>();
    for (Field f : Typed.class.getDeclaredFields()) {
      if (f.isAnnotationPresent(Encrypted.class)) {
        f.setAccessible(true);
        out.add(f);
      }
    }
    return out;
  }

  private static String columns(List<Field> fields) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (Field f : fields) {
      m.put(f.getAnnotation(Column.class).name(), f);
    }
    return String.join(", ", m.keySet());
  }
}
