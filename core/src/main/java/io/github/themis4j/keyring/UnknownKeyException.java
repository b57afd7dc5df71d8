package io.github.themis4j.keyring;

import io.github.themis4j.ThemisException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A key ring or key id that the application does not hold. Fails closed: nothing is encrypted
 * or decrypted without the named key. The message names the ring and key id (never key material).
 */
public class UnknownKeyException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /** The key ring asked for (may be null when the caller asked for none). */
  private final String keyRing;
  /** The key id asked for; null when the whole ring is unknown. */
  private final String keyId;

  /**
   * Creates the exception.
   *
   * @param keyRing the name of the key ring asked for (may be null)
   * @param keyId the key id asked for, or null when the whole ring is unknown
   * @param message what is missing; names the ring and key id only, never key material
   */
  public UnknownKeyException(String keyRing, String keyId, String message) {
    super(message);
    this.keyRing = keyRing;
    this.keyId = keyId;
  }

  /**
   * The exception for a key ring that is not configured, with a message that lists the configured
   * rings and suggests the closest one ("did you mean 'pii'?"). A name that is not a valid ring name
   * is not echoed (it may come from anywhere; no log injection).
   *
   * @param name the ring asked for (may be null or malformed)
   * @param configured the names of the configured rings
   * @return the exception, to throw
   */
  public static UnknownKeyException noSuchRing(String name, Collection<String> configured) {
    List<String> known = new ArrayList<>(configured);
    Collections.sort(known);
    boolean valid = name != null && KeyRing.ID.matcher(name).matches();
    StringBuilder m = new StringBuilder();
    if (valid) {
      m.append("no key ring named '").append(name).append("' is configured");
    } else {
      m.append("no key ring of that name is configured (it is not a valid ring name:")
          .append(" 1-64 characters of [A-Za-z0-9._-])");
    }
    if (known.isEmpty()) {
      m.append("; no key ring is configured at all");
    } else {
      m.append("; configured: '").append(String.join("', '", known)).append('\'');
      String closest = valid ? closest(name, known) : null;
      if (closest != null) {
        m.append("; did you mean '").append(closest).append("'?");
      }
    }
    return new UnknownKeyException(name, null, m.toString());
  }

  /**
   * The candidate nearest to {@code name} (case-insensitive edit distance at most 2, or one a prefix
   * of the other), or null if none is that close.
   */
  static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String n = name.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      String l = c.toLowerCase(Locale.ROOT);
      int d = distance(n, l);
      boolean prefix = n.length() >= 2 && (l.startsWith(n) || n.startsWith(l));
      if ((d <= 2 && d < Math.max(n.length(), l.length())) || prefix) {
        int rank = prefix ? Math.min(d, 1) : d;
        if (rank < bestDistance) {
          best = c;
          bestDistance = rank;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance (names are at most 64 characters). */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The key ring asked for. */
  public String keyRing() {
    return keyRing;
  }

  /** The key id asked for, or null when the whole ring is unknown. */
  public String keyId() {
    return keyId;
  }
}
