package io.github.themis4j.jpa;

import java.nio.charset.StandardCharsets;

/**
 * The Secure Cell context another Themis application used for the cell stored in one row: a
 * function of the row's identifier, for example {@code id -> ("user-" + id).getBytes(UTF_8)}. Part
 * of a {@link ForeignCellFormat}. Must be a pure function; null or an empty array mean "no context".
 */
@FunctionalInterface
public interface ForeignContext {
  /**
   * The context of the cell in the row with identifier {@code id} (the entity's identifier value,
   * null for attributes not bound to the identifier).
   */
  byte[] contextFor(Object id);

  /** No context: the other application encrypted without one. */
  static ForeignContext none() {
    return id -> null;
  }

  /** A fixed context, the same for every row (UTF-8 of {@code text}). */
  static ForeignContext fixed(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return id -> b.clone();
  }

  /** UTF-8 of {@code prefix + id}, the common "user-42" pattern. */
  static ForeignContext prefixed(String prefix) {
    return id -> (prefix + id).getBytes(StandardCharsets.UTF_8);
  }
}
