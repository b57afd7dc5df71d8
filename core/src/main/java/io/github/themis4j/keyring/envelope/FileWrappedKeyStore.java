package io.github.themis4j.keyring.envelope;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.ThemisException;
import io.github.themis4j.keyring.KeyRing;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Wrapped data keys in a directory, one properties document per ring ({@code <ring>.properties}),
 * written atomically (a temporary file moved into place). The documents hold only wrapped keys and
 * KEK URIs, so they may sit in version control or a config map; see {@code docs/ENVELOPE-KEYS.md}
 * for the format:
 *
 * <pre>
 * format = themis4j-wrapped-key-ring/1
 * ring = pii
 * active = dk-5f0c2a9b81e4
 * keys = dk-5f0c2a9b81e4
 * key.dk-5f0c2a9b81e4.kek = pkcs11:object=kek-2026
 * key.dk-5f0c2a9b81e4.wrapped = AWf0...  (base64)
 * key.dk-5f0c2a9b81e4.created = 2026-12-04T19:00:00Z
 * </pre>
 *
 * A shredded ring keeps its document with {@code shredded = <instant>} and no keys. Thread-safe
 * within a process; {@link #create} is atomic across processes (hard link, which fails if the
 * document exists), {@link #update} is last-writer-wins.
 */
public final class FileWrappedKeyStore implements WrappedKeyStore {
  static final String FORMAT = "themis4j-wrapped-key-ring/1";
  private static final String SUFFIX = ".properties";

  private final Path directory;

  /**
   * @param directory the directory holding the documents; created if missing
   * @throws ThemisException if it cannot be created
   */
  public FileWrappedKeyStore(Path directory) {
    if (directory == null) {
      throw new InvalidArgumentException("key store directory must not be null");
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ThemisException("cannot create the wrapped key directory " + directory, e);
    }
    this.directory = directory;
  }

  @Override
  public synchronized Optional<WrappedKeyRing> load(String ring) {
    Path file = file(ring);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      return Optional.of(parse(p, ring, file.toString()));
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedDataException(
          "cannot read the wrapped key document " + file + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized boolean create(WrappedKeyRing ring) {
    Path target = file(ring.name());
    Path tmp = write(ring);
    try {
      try {
        Files.createLink(target, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, target); // no hard links here: not atomic across processes
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new ThemisException("cannot write the wrapped key document " + target, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  @Override
  public synchronized void update(WrappedKeyRing ring) {
    Path target = file(ring.name());
    Path tmp = write(ring);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new ThemisException("cannot write the wrapped key document " + target, e);
    }
  }

  @Override
  public synchronized List<String> ringNames() {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX))
          .map(n -> n.substring(0, n.length() - SUFFIX.length()))
          .filter(n -> n.matches("[A-Za-z0-9._-]{1,64}"))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ThemisException("cannot list the wrapped key directory " + directory, e);
    }
  }

  /** The document text for a ring (also used by tests and the docs' independent reader). */
  static String format(WrappedKeyRing ring) {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("ring", ring.name());
    if (ring.isShredded()) {
      p.setProperty("shredded", ring.shreddedAt().toString());
    } else {
      p.setProperty("active", ring.activeKeyId());
      List<String> ids = new ArrayList<>();
      for (WrappedDataKey k : ring.keys()) {
        ids.add(k.keyId());
        p.setProperty("key." + k.keyId() + ".kek", k.kekUri());
        p.setProperty(
            "key." + k.keyId() + ".wrapped", Base64.getEncoder().encodeToString(k.wrapped()));
        p.setProperty("key." + k.keyId() + ".created", k.createdAt().toString());
      }
      p.setProperty("keys", String.join(",", ids));
    }
    StringWriter w = new StringWriter();
    try {
      p.store(w, "themis4j wrapped data keys: no key in the clear");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static WrappedKeyRing parse(String text, String ring, String where) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(p, ring, where);
  }

  private static WrappedKeyRing parse(Properties p, String ring, String where) {
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new MalformedDataException(where + " is not a " + FORMAT + " document");
    }
    if (!ring.equals(p.getProperty("ring"))) {
      throw new MalformedDataException(where + " holds another ring than '" + ring + "'");
    }
    try {
      String shredded = p.getProperty("shredded");
      if (shredded != null) {
        return WrappedKeyRing.shredded(ring, Instant.parse(shredded));
      }
      List<WrappedDataKey> keys = new ArrayList<>();
      for (String id : required(p, "keys", where).split(",")) {
        String prefix = "key." + KeyRing.checkId(id.trim(), "key id") + ".";
        keys.add(
            new WrappedDataKey(
                id.trim(),
                required(p, prefix + "kek", where),
                Base64.getDecoder().decode(required(p, prefix + "wrapped", where)),
                Instant.parse(required(p, prefix + "created", where))));
      }
      return WrappedKeyRing.of(ring, required(p, "active", where), keys);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new MalformedDataException(where + " is malformed: " + e.getMessage());
    }
  }

  private static String required(Properties p, String name, String where) {
    String v = p.getProperty(name);
    if (v == null || v.isBlank()) {
      throw new MalformedDataException(where + " has no '" + name + "'");
    }
    return v.trim();
  }

  private Path file(String ring) {
    return directory.resolve(KeyRing.checkId(ring, "key ring name") + SUFFIX);
  }

  private Path write(WrappedKeyRing ring) {
    try {
      Path tmp = Files.createTempFile(directory, "." + ring.name() + "-", ".tmp");
      Files.writeString(tmp, format(ring), StandardCharsets.UTF_8);
      return tmp;
    } catch (IOException e) {
      throw new ThemisException("cannot write to the wrapped key directory " + directory, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary file holds only wrapped keys
    }
  }

  @Override
  public String toString() {
    return "FileWrappedKeyStore[" + directory + "]";
  }
}
