package io.github.themis4j.internal;

import java.lang.reflect.Constructor;

/** Loads the cell package's {@link RawKeySeal} once; class initialisation makes this thread-safe. */
final class RawKeySealLoader {
  static final RawKeySeal INSTANCE = load();

  private RawKeySealLoader() {}

  private static RawKeySeal load() {
    try {
      Constructor<?> c = Class.forName("io.github.themis4j.cell.RawKeySealImpl").getDeclaredConstructor();
      c.setAccessible(true);
      return (RawKeySeal) c.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("themis4j is incomplete: the Secure Cell implementation is missing", e);
    }
  }
}
