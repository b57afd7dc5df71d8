package io.github.themis4j.cli;

import io.github.themis4j.testing.WasmThemis;
import java.nio.file.Path;

/** The wasm-themis tool scripts of {@code interop/tools} under node (skipped like WasmThemis). */
final class Node {
  private Node() {}

  /** The interop/tools directory; skips (or fails when interop is required) if unavailable. */
  static Path toolsDir() {
    WasmThemis.get(); // skip or fail loudly when node or wasm-themis is missing
    return WasmThemis.interopDir().resolve("tools").toAbsolutePath();
  }
}
