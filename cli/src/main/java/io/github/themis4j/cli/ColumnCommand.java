package io.github.themis4j.cli;

import io.github.themis4j.jpa.CellContext;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.EncryptedValueCodec;
import io.github.themis4j.jpa.TokenProtectedValue;
import io.github.themis4j.jpa.ValueEncoding;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRings;
import io.github.themis4j.keys.SymmetricKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code column context|decrypt|encrypt}: one value of a themis4j-jpa column (docs/FORMAT.md),
 * with the Secure Cell context rebuilt from table, column and entity id. Uses the JPA module's
 * codec ({@link EncryptedValueCodec}, {@link CellContext}, {@link ValueEncoding}) and no
 * Hibernate.
 */
@Command(
    name = "column",
    mixinStandardHelpOptions = true,
    description = {
      "A value of an @Encrypted column (docs/FORMAT.md): print its Secure Cell context, decrypt a"
          + " stored value as psql (\\x...) or mysql (0x...) prints it or in base64, or encrypt"
          + " one for an UPDATE."
    })
final class ColumnCommand extends GroupCommand {
  private static final String RING = "cli";

  @Command(
      name = "context",
      mixinStandardHelpOptions = true,
      description = "Print the Secure Cell context in hex (or --base64).")
  void context(
      @Mixin Location where,
      @Option(names = "--key-id", paramLabel = "ID", description = "Key id (Seal, Token Protect).")
          String keyId,
      @Option(names = "--empty", description = "The context of the empty-value marker (kind 'empty').")
          boolean empty,
      @Option(names = {"-b", "--base64"}, description = "Print base64 instead of hex.") boolean base64) {
    CellMode mode = where.mode.cellMode;
    String id = mode == CellMode.CONTEXT_IMPRINT ? "" : required(keyId, "--key-id");
    if (mode == CellMode.CONTEXT_IMPRINT && empty) {
      throw new CliException("Context Imprint has no empty kind");
    }
    byte[] ctx = where.context().toBytes(mode, empty, id);
    Io.emit(stdout(), Io.line(base64 ? Io.toBase64(ctx) : Io.toHex(ctx)));
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Decrypt a stored VALUE (or stdin) and print it per --type.")
  void decrypt(
      @Mixin Location where,
      @Mixin KeyOptions key,
      @Mixin TypeOption type,
      @Option(names = "--key-id", paramLabel = "ID", description = "Context Imprint: unused; Seal/Token: the expected key id.")
          String keyId,
      @Option(names = "--token", paramLabel = "VALUE", description = "Token Protect: the token column's value.")
          String token,
      @Option(names = {"-b", "--base64"}, description = "--type bytes: print base64 instead of raw bytes.")
          boolean base64,
      @Option(names = "--format", paramLabel = "FORMAT", description = "base64: the value is a BASE64 column's text (never read as hex); binary (default): \\x... or 0x... hex, or base64.")
          String format,
      @Parameters(index = "0", arity = "0..1", paramLabel = "VALUE", description = "The stored value (default: stdin).")
          String value) {
    boolean text = format != null && parseFormat(format);
    byte[] stored = parseStored(valueText(value), text, "the stored value");
    CellMode mode = where.mode.cellMode;
    CellContext ctx = where.context();
    SymmetricKey k = key.key();
    byte[] plain;
    switch (mode) {
      case SEAL:
        plain = codec(checkedKeyId(stored, keyId), k).unseal(RING, ctx, stored);
        break;
      case TOKEN_PROTECT:
        {
          byte[] t = parseStored(required(token, "--token").getBytes(StandardCharsets.ISO_8859_1), text, "the token value");
          plain = codec(checkedKeyId(t, keyId), k).untokenProtect(RING, ctx, stored, t);
          break;
        }
      default:
        plain = codec("k", k).unimprint(RING, null, ctx, stored);
    }
    Object decoded = ValueEncoding.forType(type.javaType()).decode(plain);
    byte[] out;
    if (decoded instanceof byte[]) {
      out = base64 ? Io.line(Io.toBase64((byte[]) decoded)) : (byte[]) decoded;
    } else {
      out = Io.line(decoded.toString());
    }
    Io.emit(stdout(), out);
  }

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypt VALUE (text, parsed per --type; or stdin) and print the stored value for an"
            + " UPDATE: \\x... hex for a binary column (--mysql: 0x...), base64 for --format"
            + " base64. Token Protect prints two lines: the column, then the token column."
      })
  void encrypt(
      @Mixin Location where,
      @Mixin KeyOptions key,
      @Mixin TypeOption type,
      @Option(names = "--key-id", paramLabel = "ID", description = "Key id recorded in the value (required for Seal, Token Protect).")
          String keyId,
      @Option(names = "--format", paramLabel = "FORMAT", description = "binary (default) or base64: the column's @Encrypted(format).")
          String format,
      @Option(names = "--mysql", description = "Print binary values as 0x... (MySQL/MariaDB literal).")
          boolean mysql,
      @Option(names = "--from-base64", description = "--type bytes: VALUE is base64.")
          boolean fromBase64,
      @Parameters(index = "0", arity = "0..1", paramLabel = "VALUE", description = "The value (default: stdin).")
          String value) {
    boolean text = format != null && parseFormat(format);
    Class<?> javaType = type.javaType();
    byte[] plain;
    if (javaType == byte[].class) {
      byte[] raw = value == null ? Io.readStdin() : value.getBytes(StandardCharsets.UTF_8);
      plain = fromBase64 ? Io.fromBase64(raw, "the value") : raw;
    } else {
      String v = value == null ? new String(Io.readStdin(), StandardCharsets.UTF_8) : value;
      plain = ValueEncoding.forType(javaType).encodeObject(StoredValues.parseValue(javaType, v));
    }
    CellMode mode = where.mode.cellMode;
    CellContext ctx = where.context();
    SymmetricKey k = key.key();
    StringBuilder out = new StringBuilder();
    switch (mode) {
      case SEAL:
        {
          String id = required(keyId, "--key-id");
          out.append(render(codec(id, k).seal(RING, id, ctx, plain), text, mysql)).append('\n');
          break;
        }
      case TOKEN_PROTECT:
        {
          String id = required(keyId, "--key-id");
          TokenProtectedValue t = codec(id, k).tokenProtect(RING, id, ctx, plain);
          out.append(render(t.data(), text, mysql)).append('\n');
          out.append(render(t.token(), text, mysql)).append('\n');
          break;
        }
      default:
        out.append(render(codec("k", k).imprint(RING, null, ctx, plain), text, mysql)).append('\n');
    }
    Io.emit(stdout(), out.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean parseFormat(String format) {
    switch (format) {
      case "binary":
        return false;
      case "base64":
        return true;
      default:
        throw new CliException("--format must be 'binary' or 'base64'");
    }
  }

  private static String render(byte[] stored, boolean base64, boolean mysql) {
    if (base64) {
      return Io.toBase64(stored);
    }
    return mysql ? "0x" + Io.toHex(stored) : StoredValues.psqlHex(stored);
  }

  private static byte[] parseStored(byte[] value, boolean base64Column, String what) {
    String s = new String(value, StandardCharsets.ISO_8859_1);
    return base64Column ? StoredValues.parseBase64(s, what) : StoredValues.parse(s, what);
  }

  private static byte[] valueText(String value) {
    return value != null ? value.getBytes(StandardCharsets.ISO_8859_1) : Io.readStdin();
  }

  private static String checkedKeyId(byte[] storedOrToken, String expected) {
    String id = EncryptedValueCodec.storedKeyId(storedOrToken);
    if (expected != null && !expected.equals(id)) {
      throw new CliException(
          "the value is encrypted under key id '" + id + "', not '" + expected + "'");
    }
    return id;
  }

  private static EncryptedValueCodec codec(String keyId, SymmetricKey key) {
    return new EncryptedValueCodec(KeyRings.of(KeyRing.of(RING, keyId, key)));
  }

  static String required(String value, String option) {
    if (value == null) {
      throw new CliException(option + " is required here");
    }
    return value;
  }

  /** The three modes under their FORMAT.md names and short aliases. */
  enum Mode {
    seal(CellMode.SEAL),
    token(CellMode.TOKEN_PROTECT),
    imprint(CellMode.CONTEXT_IMPRINT);

    final CellMode cellMode;

    Mode(CellMode m) {
      this.cellMode = m;
    }

    static Mode parse(String s) {
      switch (s) {
        case "seal":
          return seal;
        case "token":
        case "token-protect":
          return token;
        case "imprint":
        case "context-imprint":
          return imprint;
        default:
          throw new CliException("--mode must be seal, token-protect or context-imprint");
      }
    }
  }

  /** Table, column, identifier and mode: everything the context is built from. */
  static final class Location {
    @Option(names = {"-t", "--table"}, required = true, paramLabel = "NAME", description = "Table name (canonicalized: quotes removed, A-Z lower-cased).")
    String table;

    @Option(names = {"-C", "--column"}, required = true, paramLabel = "NAME", description = "Column name (canonicalized likewise).")
    String column;

    @Option(names = "--id", paramLabel = "ID", description = "The row's entity identifier (omit for bindToId = false / converters).")
    String id;

    @Option(names = "--id-type", paramLabel = "TYPE", description = "integer (default with --id), string, uuid, or none (default without --id).")
    String idType;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", converter = ModeConverter.class, description = "seal (default), token-protect or context-imprint.")
    Mode mode = Mode.seal;

    @Option(names = "--verbatim-names", description = "Use --table/--column exactly as given (@Encrypted(contextTable/contextColumn)).")
    boolean verbatim;

    CellContext context() {
      String t = verbatim ? table : CellContext.canonicalName(table);
      String c = verbatim ? column : CellContext.canonicalName(column);
      String type = idType != null ? idType : id != null ? "integer" : "none";
      switch (type) {
        case "none":
          if (id != null) {
            throw new CliException("--id-type none takes no --id");
          }
          return CellContext.unbound(t, c);
        case "integer":
          try {
            return CellContext.of(t, c, new BigInteger(required(id, "--id")));
          } catch (NumberFormatException e) {
            throw new CliException("--id is not a decimal integer");
          }
        case "string":
          return CellContext.of(t, c, required(id, "--id"));
        case "uuid":
          return CellContext.of(t, c, StoredValues.uuid(required(id, "--id"), "--id"));
        default:
          throw new CliException("--id-type must be integer, string, uuid or none");
      }
    }
  }

  /** Converts --mode values. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.parse(value);
      } catch (CliException e) {
        throw new picocli.CommandLine.TypeConversionException("use seal, token-protect or context-imprint");
      }
    }
  }

  /** The attribute's Java type, for the plaintext encoding. */
  static final class TypeOption {
    @Option(names = "--type", paramLabel = "TYPE", description = "Attribute type: string (default), bytes, bool, int8..int64, biginteger, decimal, float32, float64, date, time, datetime, instant, uuid, enum.")
    String type = "string";

    Class<?> javaType() {
      return StoredValues.javaType(type);
    }
  }
}
