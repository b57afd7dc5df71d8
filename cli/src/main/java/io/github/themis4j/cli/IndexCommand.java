package io.github.themis4j.cli;

import io.github.themis4j.jpa.index.BlindIndex;
import io.github.themis4j.jpa.index.BlindIndexDefinition;
import io.github.themis4j.jpa.index.BlindIndexPlanner;
import io.github.themis4j.keyring.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code index plan|compute}: blind indexes (docs/FORMAT.md section 10), computed by the JPA
 * module's {@link BlindIndexPlanner} and {@link BlindIndexDefinition} (no Hibernate needed).
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Blind indexes (docs/FORMAT.md section 10): size a truncated index, compute a stored index"
            + " value.")
final class IndexCommand extends GroupCommand {
  private static final String EXISTING_SYNTAX = "--existing takes BITS:INPUT_BITS, for example 16:32";

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Recommend the length in bits of a truncated blind index for a table of ROWS rows:"
            + " C = ROWS / 2^(sum of min(bits, input bits)) rows share one index value; the range"
            + " keeps 2 <= C <= sqrt(ROWS)."
      })
  void plan(
      @Option(
              names = "--rows",
              required = true,
              paramLabel = "ROWS",
              description = "Expected number of rows (16 or more).")
          long rows,
      @Option(
              names = "--input-bits",
              paramLabel = "BITS",
              description =
                  "Entropy of the new index's input in bits, e.g. log2 of its number of distinct"
                      + " values (default 256).")
          Integer inputBits,
      @Option(
              names = "--existing",
              paramLabel = "BITS:INPUT_BITS",
              description =
                  "Another index on the same rows: its length and its input's entropy in bits"
                      + " (repeatable).")
          List<String> existing) {
    BlindIndexPlanner p = BlindIndexPlanner.forPopulation(rows);
    if (existing != null) {
      for (String e : existing) {
        String[] parts = e.split(":", -1);
        if (parts.length != 2) {
          throw new CliException(EXISTING_SYNTAX);
        }
        try {
          p = p.withExisting(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException ex) {
          throw new CliException(EXISTING_SYNTAX);
        }
      }
    }
    if (inputBits != null) {
      p = p.withInputBits(inputBits);
    }
    BlindIndexPlanner.Range r = p.recommend();
    StringBuilder s = new StringBuilder();
    s.append("recommended bits: ").append(r.min()).append("..").append(r.max()).append('\n');
    for (int bits = r.min(); bits <= r.max(); bits++) {
      s.append(
          String.format(
              Locale.ROOT, "%d bits: %.2f rows per index value%n", bits, p.coincidences(bits)));
    }
    Io.emit(stdout(), s.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Command(
      name = "compute",
      mixinStandardHelpOptions = true,
      description = {
        "Print the stored value (KEYID:base64url) of a blind index for VALUE, or for several VALUEs"
            + " of a compound index, exactly as the JPA integration stores it; use it in"
            + " WHERE index_column = '...'. Without VALUE, one value is read from stdin (a final"
            + " newline removed), which keeps it out of the process list."
      })
  void compute(
      @Mixin KeyOptions key,
      @Option(
              names = "--key-id",
              required = true,
              paramLabel = "ID",
              description = "The id of the key in the blind-index ring (the text before ':').")
          String keyId,
      @Option(
              names = {"-t", "--table"},
              required = true,
              paramLabel = "NAME",
              description = "The entity's table (canonicalized: quotes removed, ASCII lower case).")
          String table,
      @Option(
              names = {"-C", "--column"},
              required = true,
              paramLabel = "NAME",
              description = "The index column (canonicalized like --table).")
          String column,
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "The index name: the annotation's name, or the index attribute's name.")
          String name,
      @Option(
              names = "--bits",
              defaultValue = "256",
              paramLabel = "BITS",
              description = "Index length, 1 to 256 (default 256).")
          int bits,
      @Option(
              names = "--normalize",
              split = ",",
              paramLabel = "NAME",
              description = "Normalizers in order: trim, lowercase, nfkc, digits, last-N.")
          List<String> normalize,
      @Option(
              names = "--type",
              split = ",",
              paramLabel = "TYPE",
              description =
                  "Attribute type(s) as for 'column': one for all values or one per value (default"
                      + " string).")
          List<String> types,
      @Option(
              names = "--compound",
              description = "A @CompoundBlindIndex (implied by two or more VALUEs).")
          boolean compound,
      @Option(
              names = "--verbatim-names",
              description = "Use --table/--column as given (contextTable/contextColumn).")
          boolean verbatim,
      @Parameters(
              arity = "0..*",
              paramLabel = "VALUE",
              description = "The attribute value(s); several for a compound index.")
          List<String> given) {
    List<String> values = given == null || given.isEmpty() ? List.of(stdinValue()) : given;
    List<String> t = types == null || types.isEmpty() ? List.of("string") : types;
    if (t.size() != 1 && t.size() != values.size()) {
      throw new CliException("give one --type for all values or one per value");
    }
    boolean isCompound = compound || values.size() > 1;
    if (isCompound && values.size() < 2) {
      throw new CliException("a compound index needs two or more VALUEs");
    }
    BlindIndexDefinition.Builder b =
        BlindIndexDefinition.builder()
            .entity("cli")
            .index(name, name)
            .column(table, column)
            .bits(bits)
            .keyRing(BlindIndex.DEFAULT_KEY_RING)
            .compound(isCompound);
    if (verbatim) {
      b.contextNames(table, column);
    }
    if (normalize != null) {
      b.normalize(normalize.toArray(new String[0]));
    }
    Object[] parsed = new Object[values.size()];
    List<Class<?>> classes = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Class<?> type = StoredValues.javaType(t.size() == 1 ? t.get(0) : t.get(i));
      classes.add(type);
      b.source("value" + i, type);
    }
    BlindIndexDefinition d = b.build();
    for (int i = 0; i < values.size(); i++) {
      parsed[i] = StoredValues.parseValue(classes.get(i), values.get(i));
    }
    String stored = d.compute(KeyRing.of(BlindIndex.DEFAULT_KEY_RING, keyId, key.key()), parsed);
    Io.emit(stdout(), Io.line(stored));
  }

  private static String stdinValue() {
    String s = new String(Io.readStdin(), StandardCharsets.UTF_8);
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
