package io.github.themis4j.demo.keys;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.KeyRingProvider;
import io.github.themis4j.keys.SymmetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's key rings: those configured under {@code themis4j.key-rings} (the starter's {@link
 * KeyRingProvider}), changed by rotations made from the page. A rotation adds a freshly generated
 * key and makes it active; retiring removes a key nobody needs any more. Changes are kept in one
 * properties file per ring under {@code <demo.data-dir>/keys/}, <b>outside the database</b>, so
 * that they survive a restart and the database alone still reveals no key.
 *
 * <p>DEMO ONLY: a real application keeps keys in a secret store and changes its configuration to
 * rotate (see spring-starter/README.md); it would not write keys into a local file.
 *
 * <p>Thread-safe: rings are replaced atomically; changes are serialized.
 */
public final class RotatableKeyRings implements KeyRingProvider {
  private static final DateTimeFormatter KEY_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final KeyRingProvider configured;
  private final Path dir;
  private final Clock clock;

  /** The rings as they are now, by name, once asked for. */
  private final Map<String, KeyRing> rings = new ConcurrentHashMap<>();

  /**
   * @param configured the configured rings
   * @param dir where changed rings are kept (created when first needed)
   */
  public RotatableKeyRings(KeyRingProvider configured, Path dir) {
    this(configured, dir, Clock.systemUTC());
  }

  RotatableKeyRings(KeyRingProvider configured, Path dir, Clock clock) {
    this.configured = configured;
    this.dir = dir;
    this.clock = clock;
  }

  @Override
  public KeyRing keyRing(String name) {
    KeyRing ring = rings.get(name);
    return ring != null
        ? ring
        : rings.computeIfAbsent(name, n -> orEmpty(read(n)).apply(configured.keyRing(n)));
  }

  /**
   * Generates a new key for ring {@code name} and makes it active: values written from now on use
   * it; existing values keep decrypting with the key their envelope names.
   *
   * @return the ring after the rotation
   */
  public synchronized KeyRing rotate(String name) {
    KeyRing ring = keyRing(name);
    String id = name + "-" + KEY_ID_TIME.format(clock.instant());
    for (int n = 2; ring.contains(id) || retired(name).contains(id); n++) {
      id = name + "-" + KEY_ID_TIME.format(clock.instant()) + "-" + n;
    }
    KeyRing.checkId(id, "key id");
    Stored s = orEmpty(read(name));
    s.added.put(id, SymmetricKey.generate());
    s.active = id;
    write(name, s);
    KeyRing updated = s.apply(configured.keyRing(name));
    rings.put(name, updated);
    return updated;
  }

  /**
   * Removes key {@code keyId} from ring {@code name}. Values still encrypted with it can no longer
   * be read, so call this only when nothing uses it (after the re-encryption).
   *
   * @throws InvalidArgumentException if it is the active key or not in the ring
   */
  public synchronized KeyRing retire(String name, String keyId) {
    KeyRing ring = keyRing(name);
    if (!ring.contains(keyId)) {
      throw new InvalidArgumentException("key ring '" + name + "' has no key '" + keyId + "'");
    }
    if (ring.activeKeyId().equals(keyId)) {
      throw new InvalidArgumentException(
          "key '" + keyId + "' is the active key of ring '" + name + "'; rotate first");
    }
    Stored s = orEmpty(read(name));
    if (s.added.remove(keyId) == null) {
      s.retired.add(keyId);
    }
    if (s.active == null) {
      s.active = ring.activeKeyId();
    }
    write(name, s);
    KeyRing updated = s.apply(configured.keyRing(name));
    rings.put(name, updated);
    return updated;
  }

  private Set<String> retired(String name) {
    Stored s = read(name);
    return s == null ? Set.of() : s.retired;
  }

  private Path file(String name) {
    return dir.resolve(KeyRing.checkId(name, "key ring name") + ".keys");
  }

  private static Stored orEmpty(Stored s) {
    return s == null ? new Stored() : s;
  }

  /** A ring's changes: keys added, configured keys retired, the active key. */
  private static final class Stored {
    final Map<String, SymmetricKey> added = new TreeMap<>();
    final Set<String> retired = new LinkedHashSet<>();
    String active;

    KeyRing apply(KeyRing base) {
      KeyRing.Builder b = KeyRing.builder(base.name());
      for (String id : base.keyIds()) {
        if (!retired.contains(id)) {
          b.add(id, base.key(id));
        }
      }
      added.forEach(b::add);
      return b.active(active == null ? base.activeKeyId() : active).build();
    }
  }

  private Stored read(String name) {
    Path f = file(name);
    if (!Files.exists(f)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(f)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo key file " + f, e);
    }
    Stored s = new Stored();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("key.")) {
        s.added.put(
            key.substring(4),
            SymmetricKey.fromBytes(Base64.getDecoder().decode(p.getProperty(key))));
      }
    }
    String retired = p.getProperty("retired", "");
    for (String id : retired.split(",")) {
      if (!id.isBlank()) {
        s.retired.add(id.strip());
      }
    }
    s.active = p.getProperty("active");
    return s;
  }

  private void write(String name, Stored s) {
    Path f = file(name);
    Properties p = new Properties();
    s.added.forEach(
        (id, key) ->
            p.setProperty("key." + id, Base64.getEncoder().encodeToString(key.toByteArray())));
    List<String> retired = new ArrayList<>(s.retired);
    p.setProperty("retired", String.join(",", retired));
    if (s.active != null) {
      p.setProperty("active", s.active);
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions apply
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(
            out,
            "DEMO KEYS of key ring '"
                + name
                + "', written by the themis4j demo. Never for real data.");
      }
      try {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo key file " + f, e);
    }
  }

  @Override
  public String toString() {
    return "RotatableKeyRings[" + dir + "]";
  }
}
