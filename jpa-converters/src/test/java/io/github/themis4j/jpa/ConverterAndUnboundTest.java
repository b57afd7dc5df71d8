package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portable converters, and {@code @Encrypted(bindToId = false)} on an entity with an IDENTITY
 * identifier: both bind values to table and column only, with the documented context (idType
 * "none"), checked with wasm-themis.
 */
class ConverterAndUnboundTest {
  private static final Map<String, byte[]> KEYS =
      Map.of("k1", TestKeys.K1, "k2", TestKeys.K2, "p1", TestKeys.PII);
  private static JpaFixture jpa;

  @Converter
  public static class EmailSeal extends SealConverter<String> {
    public EmailSeal() {
      super(String.class, TestKeys.standard(), "default", "legacy_customer", "email");
    }
  }

  @Converter
  public static class BirthdaySealText extends SealBase64Converter<LocalDate> {
    public BirthdaySealText() {
      super(LocalDate.class, TestKeys.standard(), "pii", "Legacy_Customer", "BIRTHDAY");
    }
  }

  @Converter
  public static class CodeImprint extends ContextImprintConverter<Integer> {
    public CodeImprint() {
      super(int.class, TestKeys.standard(), "default", "k2", "legacy_customer", "code");
    }
  }

  @Converter
  public static class TagImprintText extends ContextImprintBase64Converter<String> {
    public TagImprintText() {
      super(String.class, TestKeys.standard(), "default", "k1", "legacy_customer", "tag");
    }
  }

  /** Converters are JPA-only: identity ids are fine, there is no row binding. */
  @Entity(name = "LegacyCustomer")
  @Table(name = "legacy_customer")
  public static class LegacyCustomer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Convert(converter = EmailSeal.class)
    @Column(length = 300)
    String email;

    @Convert(converter = BirthdaySealText.class)
    @Column(length = 300)
    LocalDate birthday;

    @Convert(converter = CodeImprint.class)
    @Column(length = 20)
    Integer code;

    @Convert(converter = TagImprintText.class)
    @Column(length = 100)
    String tag;
  }

  /** IDENTITY identifier with attributes explicitly not bound to it. */
  @Entity(name = "Counter")
  @Table(name = "jpa_counter")
  public static class Counter {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Encrypted(bindToId = false)
    @Column(length = 300)
    String label;

    @Encrypted(
        bindToId = false,
        format = ColumnFormat.BASE64,
        contextTable = "old_counter",
        contextColumn = "old_label")
    @Column(name = "renamed", length = 300)
    String renamed;
  }

  @BeforeAll
  static void start() {
    jpa = JpaFixture.of(TestKeys.standard(), LegacyCustomer.class, Counter.class);
  }

  @AfterAll
  static void stop() {
    if (jpa != null) {
      jpa.close();
    }
  }

  @Test
  void convertersRoundTripWithTheDocumentedFixedContext() {
    WasmThemis wasm = WasmThemis.get();
    LegacyCustomer c = new LegacyCustomer();
    c.email = "conv@example.com";
    c.birthday = LocalDate.of(1990, 5, 17);
    c.code = 4711;
    c.tag = "";
    jpa.inTransaction(s -> s.persist(c));
    LegacyCustomer loaded = jpa.fromTransaction(s -> s.find(LegacyCustomer.class, c.id));
    assertThat(loaded.email).isEqualTo("conv@example.com");
    assertThat(loaded.birthday).isEqualTo(LocalDate.of(1990, 5, 17));
    assertThat(loaded.code).isEqualTo(4711);
    assertThat(loaded.tag).isEmpty();

    Object[] row =
        jpa.query("select email, birthday, code, tag from legacy_customer where id = ?", c.id)
            .get(0);
    DocumentedFormat.Plain email =
        DocumentedFormat.readSeal(wasm, KEYS, (byte[]) row[0], "legacy_customer", "email", null);
    assertThat(DocumentedFormat.utf8(email.bytes)).isEqualTo("conv@example.com");
    // names are canonicalized: "Legacy_Customer"/"BIRTHDAY" -> "legacy_customer"/"birthday"
    DocumentedFormat.Plain birthday =
        DocumentedFormat.readSeal(
            wasm, KEYS, DocumentedFormat.fromColumn(row[1]), "legacy_customer", "birthday", null);
    assertThat(birthday.keyId).isEqualTo("p1");
    assertThat(birthday.bytes)
        .isEqualTo(DocumentedFormatInteropTest.documentedEncoding(LocalDate.of(1990, 5, 17)));
    byte[] code =
        DocumentedFormat.readImprint(
            wasm, TestKeys.K2, (byte[]) row[2], "legacy_customer", "code", null);
    assertThat(code).isEqualTo(new byte[] {0, 0, 0x12, 0x67});
    assertThat((String) row[3]).isEmpty();

    LegacyCustomer nulls = new LegacyCustomer();
    jpa.inTransaction(s -> s.persist(nulls));
    Object[] nullRow =
        jpa.query("select email, birthday, code, tag from legacy_customer where id = ?", nulls.id)
            .get(0);
    assertThat(nullRow).containsOnlyNulls();
  }

  @Test
  void unboundAttributesWorkWithIdentityIdentifiers() {
    WasmThemis wasm = WasmThemis.get();
    Counter c = new Counter();
    c.label = "unbound label";
    c.renamed = "kept readable after a rename";
    jpa.inTransaction(s -> s.persist(c));
    assertThat(c.id).isNotNull();
    Counter loaded = jpa.fromTransaction(s -> s.find(Counter.class, c.id));
    assertThat(loaded.label).isEqualTo("unbound label");
    assertThat(loaded.renamed).isEqualTo("kept readable after a rename");

    Object[] row = jpa.query("select label, renamed from jpa_counter where id = ?", c.id).get(0);
    assertThat(
            DocumentedFormat.utf8(
                DocumentedFormat.readSeal(wasm, KEYS, (byte[]) row[0], "jpa_counter", "label", null)
                    .bytes))
        .isEqualTo("unbound label");
    // contextTable/contextColumn are used verbatim
    assertThat(
            DocumentedFormat.utf8(
                DocumentedFormat.readSeal(
                        wasm,
                        KEYS,
                        DocumentedFormat.fromColumn(row[1]),
                        "old_counter",
                        "old_label",
                        null)
                    .bytes))
        .isEqualTo("kept readable after a rename");

    // not bound to the row: a copy to another row decrypts there (documented)
    Counter other = new Counter();
    other.label = "other";
    jpa.inTransaction(s -> s.persist(other));
    jpa.update("update jpa_counter set label = ? where id = ?", row[0], other.id);
    assertThat(jpa.fromTransaction(s -> s.find(Counter.class, other.id)).label)
        .isEqualTo("unbound label");
    // a value written by wasm-themis from the documented rules for (jpa_counter, label, no id)
    // loads
    Counter third = new Counter();
    third.label = "x";
    jpa.inTransaction(s -> s.persist(third));
    byte[] fromWasm =
        DocumentedFormat.writeSeal(
            wasm,
            "k1",
            TestKeys.K1,
            DocumentedFormat.utf8("from wasm"),
            "jpa_counter",
            "label",
            null);
    jpa.update("update jpa_counter set label = ? where id = ?", fromWasm, third.id);
    assertThat(jpa.fromTransaction(s -> s.find(Counter.class, third.id)).label)
        .isEqualTo("from wasm");
    // and converter values are interchangeable with unbound @Encrypted values of the same table and
    // column
    SealConverter<String> sameColumn =
        new SealConverter<String>(
            String.class, TestKeys.standard(), "default", "jpa_counter", "label") {};
    jpa.update(
        "update jpa_counter set label = ? where id = ?",
        sameColumn.convertToDatabaseColumn("from a converter"),
        third.id);
    assertThat(jpa.fromTransaction(s -> s.find(Counter.class, third.id)).label)
        .isEqualTo("from a converter");
    Object labelColumn = jpa.query("select label from jpa_counter where id = ?", c.id).get(0)[0];
    assertThat(sameColumn.convertToEntityAttribute((byte[]) labelColumn))
        .isEqualTo("unbound label");
  }

  @Test
  void converterFailuresNeverLeakTheValue() {
    EmailSeal seal = new EmailSeal();
    byte[] stored = seal.convertToDatabaseColumn("converter-secret");
    stored[stored.length - 1] ^= 1;
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> seal.convertToEntityAttribute(stored));
    assertThat(t).isInstanceOf(io.github.themis4j.AuthenticationFailedException.class);
    assertThat(t.getMessage()).doesNotContain("converter-secret");
    assertThat(seal.toString())
        .contains("legacy_customer.email")
        .doesNotContain("converter-secret");
  }
}
