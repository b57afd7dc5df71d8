package io.github.themis4j.jpa.index;

import io.github.themis4j.InvalidArgumentException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The normalizers a blind index applies to a {@code String} value before hashing, named in {@link
 * BlindIndex#normalize()}. Each is defined on Unicode code points in {@code docs/FORMAT.md} so that
 * other languages compute the same index:
 *
 * <ul>
 *   <li>{@value #TRIM}: removes leading and trailing code points U+0000 to U+0020.
 *   <li>{@value #LOWER_CASE}: Unicode default lower-case mapping, independent of the locale.
 *   <li>{@value #NFKC}: Unicode normalization form NFKC.
 *   <li>{@value #DIGITS}: keeps only the ASCII digits 0-9.
 *   <li>{@code "last-N"} (N from 1 to 1024): keeps the last N code points (all if fewer).
 * </ul>
 */
public final class Normalizers {
  /** Removes leading and trailing code points U+0000..U+0020. */
  public static final String TRIM = "trim";

  /** Unicode lower case, locale-independent. */
  public static final String LOWER_CASE = "lowercase";

  /** Unicode NFKC. */
  public static final String NFKC = "nfkc";

  /** Keeps the ASCII digits only. */
  public static final String DIGITS = "digits";

  /** Prefix of {@code "last-N"}: keeps the last N code points. */
  public static final String LAST_PREFIX = "last-";

  /** Keeps the last 4 code points ({@code "last-4"}). */
  public static final String LAST_4 = "last-4";

  private final List<String> names;
  private final List<UnaryOperator<String>> steps;

  private Normalizers(List<String> names, List<UnaryOperator<String>> steps) {
    this.names = List.copyOf(names);
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses normalizer names.
   *
   * @throws InvalidArgumentException naming the first unknown normalizer
   */
  public static Normalizers of(String... names) {
    List<String> n = new ArrayList<>();
    List<UnaryOperator<String>> s = new ArrayList<>();
    for (String name : names) {
      String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
      n.add(k);
      s.add(step(k));
    }
    return new Normalizers(n, s);
  }

  private static UnaryOperator<String> step(String k) {
    switch (k) {
      case TRIM:
        return Normalizers::trim;
      case LOWER_CASE:
        return v -> v.toLowerCase(Locale.ROOT);
      case NFKC:
        return v -> Normalizer.normalize(v, Normalizer.Form.NFKC);
      case DIGITS:
        return Normalizers::digits;
      default:
        if (k.startsWith(LAST_PREFIX)) {
          int n;
          try {
            n = Integer.parseInt(k.substring(LAST_PREFIX.length()));
          } catch (NumberFormatException e) {
            n = -1;
          }
          if (n >= 1 && n <= 1024) {
            int keep = n;
            return v -> last(v, keep);
          }
        }
        throw new InvalidArgumentException(
            "unknown normalizer '"
                + k
                + "'; known: trim, lowercase, nfkc, digits, last-N (N from 1 to 1024)");
    }
  }

  /** Whether there is no normalizer. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The normalizer names, in order. */
  public List<String> names() {
    return names;
  }

  /** Applies every normalizer in order. */
  public String apply(String value) {
    String v = value;
    for (UnaryOperator<String> s : steps) {
      v = s.apply(v);
    }
    return v;
  }

  private static String trim(String v) {
    int start = 0;
    int end = v.length();
    while (start < end && v.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && v.charAt(end - 1) <= ' ') {
      end--;
    }
    return v.substring(start, end);
  }

  private static String digits(String v) {
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String last(String v, int n) {
    int count = v.codePointCount(0, v.length());
    if (count <= n) {
      return v;
    }
    return v.substring(v.offsetByCodePoints(0, count - n));
  }

  @Override
  public String toString() {
    return "Normalizers" + names;
  }
}
