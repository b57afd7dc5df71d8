package io.github.themis4j.keyring.envelope;

import java.util.List;
import java.util.Optional;

/**
 * Where the wrapped data keys of {@link EnvelopeKeyRings} live: {@link FileWrappedKeyStore} (one
 * properties document per ring) in core, a JDBC table in the JPA module ({@code
 * io.github.themis4j.jpa.envelope.JdbcWrappedKeyStore}). Holds only wrapped keys, never a key in
 * the clear. Implementations are thread-safe; {@link #create} is atomic (two processes creating the
 * same ring on first use: one wins, the other reads the winner's ring).
 */
public interface WrappedKeyStore {
  /** The ring with this name, if stored (live or shredded). */
  Optional<WrappedKeyRing> load(String ring);

  /**
   * Stores a new ring unless one with its name exists.
   *
   * @return false if a ring of that name was already stored (nothing is changed then)
   */
  boolean create(WrappedKeyRing ring);

  /** Replaces a stored ring (live or shredded) with {@code ring}, atomically. */
  void update(WrappedKeyRing ring);

  /** The names of every stored ring (live or shredded). */
  List<String> ringNames();
}
