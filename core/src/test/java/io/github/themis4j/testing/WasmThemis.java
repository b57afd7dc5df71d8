package io.github.themis4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A live Themis 0.15 peer for tests: the official C core compiled to WebAssembly (npm {@code
 * wasm-themis@0.15.0}) running under node as {@code interop/server.js}, driven over a line
 * protocol on its stdin/stdout.
 *
 * <p>Use {@link #get()} in tests. When node or the npm package is missing the test is skipped
 * with a loud warning, unless the system property {@code themis4j.interop.required=true} (set by
 * {@code .ci/run}) turns that into a failure.
 *
 * <p>Calls are synchronized: one process serves one JVM.
 */
public final class WasmThemis implements AutoCloseable {
  private static WasmThemis shared;
  private static String unavailableReason;

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  /** Thrown when wasm-themis reports an error; {@link #code()} is the Themis status code. */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    Failure(int code, String message) {
      super("wasm-themis error " + code + ": " + message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private WasmThemis(Process process) throws IOException {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    String banner = out.readLine();
    if (banner == null || !banner.startsWith("ready")) {
      throw new IOException("interop server did not start: " + banner);
    }
  }

  /** The shared peer for this JVM; skips (or fails, when required) the calling test if unavailable. */
  public static synchronized WasmThemis get() {
    if (shared == null && unavailableReason == null) {
      try {
        shared = start();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      } catch (IOException | RuntimeException e) {
        unavailableReason = e.getMessage();
      }
    }
    if (shared == null) {
      String msg = "wasm-themis interop peer unavailable: " + unavailableReason
          + " (run 'npm ci' in interop/ with Node.js 18+)";
      if (Boolean.getBoolean("themis4j.interop.required")) {
        fail(msg);
      }
      System.err.println("WARNING: SKIPPING INTEROP TEST. " + msg);
      Assumptions.abort(msg);
    }
    return shared;
  }

  /** Locates interop/ from the system property set by Maven, or by walking up from the working directory. */
  public static Path interopDir() {
    String prop = System.getProperty("themis4j.interop.dir");
    if (prop != null && Files.isRegularFile(Paths.get(prop, "server.js"))) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("interop/server.js"))) {
        return p.resolve("interop");
      }
    }
    return null;
  }

  private static WasmThemis start() throws IOException {
    Path dir = interopDir();
    if (dir == null) {
      throw new IOException("interop/server.js not found");
    }
    if (!Files.isDirectory(dir.resolve("node_modules/wasm-themis"))) {
      throw new IOException("wasm-themis is not installed in " + dir);
    }
    ProcessBuilder pb = new ProcessBuilder("node", "server.js").directory(dir.toFile());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("node is not installed or not on PATH");
    }
    return new WasmThemis(p);
  }

  /**
   * Calls {@code op} with byte-array arguments (null allowed) and returns its results.
   *
   * @throws Failure when wasm-themis reports an error
   */
  public synchronized byte[][] call(String op, byte[]... args) {
    StringBuilder line = new StringBuilder(op);
    for (byte[] a : args) {
      line.append(' ').append(encode(a));
    }
    String reply;
    try {
      in.write(line.toString());
      in.write('\n');
      in.flush();
      reply = out.readLine();
    } catch (IOException e) {
      throw new IllegalStateException("interop server connection failed", e);
    }
    if (reply == null) {
      throw new IllegalStateException("interop server exited");
    }
    String[] parts = reply.split(" ", -1);
    if (parts[0].equals("err")) {
      String[] e = reply.split(" ", 3);
      throw new Failure(Integer.parseInt(e[1]), e.length > 2 ? e[2] : "");
    }
    if (!parts[0].equals("ok")) {
      throw new IllegalStateException("unexpected interop reply: " + reply);
    }
    byte[][] result = new byte[parts.length - 1][];
    for (int i = 1; i < parts.length; i++) {
      result[i - 1] = decode(parts[i]);
    }
    return result;
  }

  /** Convenience for operations returning one value. */
  public byte[] call1(String op, byte[]... args) {
    return call(op, args)[0];
  }

  /** Creates a stateful object ("session.new", "cmp.new") and returns its handle. */
  public Handle create(String op, byte[]... args) {
    return new Handle(call1(op, args));
  }

  /** A stateful object (session or comparator) inside the node process. */
  public final class Handle implements AutoCloseable {
    private final byte[] id;

    Handle(byte[] id) {
      this.id = id;
    }

    public byte[][] call(String op, byte[]... args) {
      byte[][] all = new byte[args.length + 1][];
      all[0] = id;
      System.arraycopy(args, 0, all, 1, args.length);
      return WasmThemis.this.call(op, all);
    }

    public byte[] call1(String op, byte[]... args) {
      return call(op, args)[0];
    }

    public boolean flag(String op) {
      return call1(op)[0] != 0;
    }

    @Override
    public void close() {
      WasmThemis.this.call("destroy", id);
    }
  }

  private static String encode(byte[] b) {
    if (b == null) {
      return "-";
    }
    return b.length == 0 ? "." : Base64.getEncoder().encodeToString(b);
  }

  private static byte[] decode(String s) {
    if (s.equals("-")) {
      return null;
    }
    return s.equals(".") ? new byte[0] : Base64.getDecoder().decode(s);
  }

  @Override
  public synchronized void close() {
    try {
      in.close();
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      // shutting down anyway
    } finally {
      process.destroyForcibly();
    }
  }

}
