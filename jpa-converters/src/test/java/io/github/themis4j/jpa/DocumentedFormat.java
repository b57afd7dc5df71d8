package io.github.themis4j.jpa;

import io.github.themis4j.testing.WasmThemis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A second, independent implementation of docs/FORMAT.md for the tests, written from the document
 * and using wasm-themis (the Themis C core) for the Secure Cells: it never calls the module's own
 * codec, context or encoding classes, so agreement between the two proves the document is right and
 * complete.
 */
final class DocumentedFormat {
  private DocumentedFormat() {}

  /** Section 3: the eight length-prefixed UTF-8 strings. */
  static byte[] context(
      String mode,
      String kind,
      String keyId,
      String table,
      String column,
      String idType,
      String idText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s :
        new String[] {"themis4j-jpa/1", mode, kind, keyId, table, column, idType, idText}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write(b.length >>> 24);
      out.write(b.length >>> 16);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  /** Section 3: identifier type and text. */
  static String[] id(Object id) {
    if (id == null) {
      return new String[] {"none", ""};
    }
    if (id instanceof Long || id instanceof Integer) {
      return new String[] {"integer", id.toString()};
    }
    if (id instanceof java.util.UUID) {
      return new String[] {"uuid", id.toString().toLowerCase(java.util.Locale.ROOT)};
    }
    return new String[] {"string", (String) id};
  }

  /** Section 6. */
  static byte[] fromColumn(Object column) {
    return column instanceof String ? Base64.getDecoder().decode((String) column) : (byte[]) column;
  }

  /** Decrypted plaintext bytes plus whether the value was marked empty. */
  static final class Plain {
    final byte[] bytes;
    final boolean empty;
    final String keyId;

    Plain(byte[] bytes, boolean empty, String keyId) {
      this.bytes = bytes;
      this.empty = empty;
      this.keyId = keyId;
    }
  }

  /** Section 5: a Seal column value (already base64-decoded). */
  static Plain readSeal(
      WasmThemis wasm,
      Map<String, byte[]> keys,
      byte[] stored,
      String table,
      String column,
      Object rowId) {
    int version = stored[0] & 0xff;
    int kind = stored[1] & 0xff;
    int n = stored[2] & 0xff;
    if (version != 1 || kind > 1 || n < 1 || n > 64) {
      throw new AssertionError("bad envelope " + version + "/" + kind + "/" + n);
    }
    String keyId = new String(stored, 3, n, StandardCharsets.US_ASCII);
    String[] id = id(rowId);
    byte[] ctx = context("seal", kind == 1 ? "empty" : "value", keyId, table, column, id[0], id[1]);
    byte[] cell = Arrays.copyOfRange(stored, 3 + n, stored.length);
    byte[] plain = wasm.call1("cell.seal.decrypt", keys.get(keyId), cell, ctx);
    return checkEmpty(plain, kind == 1, keyId);
  }

  /** Section 5: Token Protect column and token column (already base64-decoded). */
  static Plain readTokenProtect(
      WasmThemis wasm,
      Map<String, byte[]> keys,
      byte[] data,
      byte[] tokenColumn,
      String table,
      String column,
      Object rowId) {
    int version = tokenColumn[0] & 0xff;
    int kind = tokenColumn[1] & 0xff;
    int n = tokenColumn[2] & 0xff;
    if (version != 1 || kind > 1 || n < 1 || n > 64) {
      throw new AssertionError("bad envelope");
    }
    String keyId = new String(tokenColumn, 3, n, StandardCharsets.US_ASCII);
    String[] id = id(rowId);
    byte[] ctx =
        context("token-protect", kind == 1 ? "empty" : "value", keyId, table, column, id[0], id[1]);
    byte[] token = Arrays.copyOfRange(tokenColumn, 3 + n, tokenColumn.length);
    byte[] plain = wasm.call1("cell.token.decrypt", keys.get(keyId), data, token, ctx);
    return checkEmpty(plain, kind == 1, keyId);
  }

  /** Section 5: a Context Imprint column value with the key the application pins. */
  static byte[] readImprint(
      WasmThemis wasm, byte[] key, byte[] stored, String table, String column, Object rowId) {
    if (stored.length == 0) {
      return stored;
    }
    String[] id = id(rowId);
    byte[] ctx = context("context-imprint", "value", "", table, column, id[0], id[1]);
    return wasm.call1("cell.imprint.decrypt", key, stored, ctx);
  }

  private static Plain checkEmpty(byte[] plain, boolean empty, String keyId) {
    if (empty) {
      if (plain.length != 1 || plain[0] != 0) {
        throw new AssertionError("empty marker expected");
      }
      return new Plain(new byte[0], true, keyId);
    }
    return new Plain(plain, false, keyId);
  }

  /** Section 5, the other direction: a Seal column value made by wasm-themis. */
  static byte[] writeSeal(
      WasmThemis wasm,
      String keyId,
      byte[] key,
      byte[] plaintext,
      String table,
      String column,
      Object rowId) {
    boolean empty = plaintext.length == 0;
    String[] id = id(rowId);
    byte[] ctx = context("seal", empty ? "empty" : "value", keyId, table, column, id[0], id[1]);
    byte[] cell = wasm.call1("cell.seal.encrypt", key, empty ? new byte[] {0} : plaintext, ctx);
    return concat(envelope(empty, keyId), cell);
  }

  /** Section 5: {data column, token column} made by wasm-themis. */
  static byte[][] writeTokenProtect(
      WasmThemis wasm,
      String keyId,
      byte[] key,
      byte[] plaintext,
      String table,
      String column,
      Object rowId) {
    boolean empty = plaintext.length == 0;
    String[] id = id(rowId);
    byte[] ctx =
        context("token-protect", empty ? "empty" : "value", keyId, table, column, id[0], id[1]);
    byte[][] r = wasm.call("cell.token.encrypt", key, empty ? new byte[] {0} : plaintext, ctx);
    return new byte[][] {r[0], concat(envelope(empty, keyId), r[1])};
  }

  static byte[] writeImprint(
      WasmThemis wasm, byte[] key, byte[] plaintext, String table, String column, Object rowId) {
    if (plaintext.length == 0) {
      return plaintext;
    }
    String[] id = id(rowId);
    byte[] ctx = context("context-imprint", "value", "", table, column, id[0], id[1]);
    return wasm.call1("cell.imprint.encrypt", key, plaintext, ctx);
  }

  static byte[] envelope(boolean empty, String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] h = new byte[3 + id.length];
    h[0] = 1;
    h[1] = (byte) (empty ? 1 : 0);
    h[2] = (byte) id.length;
    System.arraycopy(id, 0, h, 3, id.length);
    return h;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
