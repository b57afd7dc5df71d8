package io.github.themis4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/** Reading input and writing output for the commands: files, stdin, base64 and hex. */
final class Io {
  /** Largest input read from a file or stdin (the commands hold it in memory). */
  static final int MAX_INPUT = 256 * 1024 * 1024;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private Io() {}

  /** All bytes of {@code file}, or of stdin when {@code file} is {@code "-"}. */
  static byte[] read(String file) {
    if (file.equals("-")) {
      return readStdin();
    }
    Path p = Paths.get(file);
    try {
      if (Files.isDirectory(p)) {
        throw new CliException("cannot read " + file + ": it is a directory");
      }
      long size = Files.size(p);
      if (size > MAX_INPUT) {
        throw new CliException("cannot read " + file + ": larger than " + MAX_INPUT + " bytes");
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + reason(e));
    }
  }

  static byte[] readStdin() {
    try {
      return readAll(System.in);
    } catch (IOException e) {
      throw new CliException("cannot read stdin: " + reason(e));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      if (out.size() + n > MAX_INPUT) {
        throw new CliException("input is larger than " + MAX_INPUT + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Writes {@code data} to a new file readable and writable by its owner only. */
  static void writeOwnerOnly(String file, byte[] data, boolean replace) {
    write(file, data, replace, true);
  }

  /** Writes {@code data} to a file with the default permissions (public keys). */
  static void writePublic(String file, byte[] data, boolean replace) {
    write(file, data, replace, false);
  }

  private static void write(String file, byte[] data, boolean replace, boolean ownerOnly) {
    Path p = Paths.get(file);
    try {
      if (replace) {
        Files.deleteIfExists(p);
      }
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs =
          ownerOnly && posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      try (SeekableByteChannel ch =
          Files.newByteChannel(
              p, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new CliException("cannot write " + file + ": file exists (use --force to replace it)");
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + reason(e));
    }
  }

  /** Decodes base64 text (standard or URL-safe alphabet; whitespace and line breaks ignored). */
  static byte[] fromBase64(byte[] text, String what) {
    String s = new String(text, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
    return fromBase64(s, what);
  }

  static byte[] fromBase64(String text, String what) {
    String s = text.replaceAll("\\s+", "");
    try {
      if (s.indexOf('-') >= 0 || s.indexOf('_') >= 0) {
        return Base64.getUrlDecoder().decode(s);
      }
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new CliException(what + " is not valid base64");
    }
  }

  static String toBase64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String toHex(byte[] b) {
    char[] digits = "0123456789abcdef".toCharArray();
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits[(b[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[b[i] & 0xf];
    }
    return new String(out);
  }

  static byte[] fromHex(String hex, String what) {
    String s = hex.replaceAll("\\s+", "");
    if (s.length() % 2 != 0) {
      throw new CliException(what + " has an odd number of hex digits");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new CliException(what + " is not valid hexadecimal");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** Writes the whole output at once (so a failure before this point leaves stdout empty). */
  static void emit(OutputStream out, byte[] data) {
    try {
      out.write(data);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] line(String s) {
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The reason of an I/O failure without a stack: "no such file", "permission denied", ... */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
