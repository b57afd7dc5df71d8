package io.github.themis4j.cli;

import io.github.themis4j.keyring.KeyRing;
import io.github.themis4j.keyring.envelope.EnvelopeKeyRings;
import io.github.themis4j.keyring.envelope.FileWrappedKeyStore;
import io.github.themis4j.keyring.envelope.Pkcs12KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keys wrap|unwrap|rewrap|list}: envelope key rings (data keys wrapped by a key-encryption
 * key) in a directory store ({@link FileWrappedKeyStore}), with a PKCS#12 AES key as the KEK.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Envelope key rings: data keys wrapped by a KEK (an AES key of a PKCS#12 keystore), in a directory store.")
final class KeysCommand extends GroupCommand {

  /** The store directory and the KEK. */
  static final class Envelope {
    @Option(names = "--store", required = true, paramLabel = "DIR", description = "Directory of wrapped key rings.")
    String store;

    @Option(names = "--kek-keystore", required = true, paramLabel = "FILE", description = "PKCS#12 keystore holding the KEK(s).")
    String keystore;

    @Option(names = "--kek-alias", required = true, paramLabel = "ALIAS", description = "The KEK's entry (wraps new data keys).")
    String alias;

    @Option(names = "--kek-password-env", required = true, paramLabel = "VAR", description = "Environment variable holding the keystore password.")
    String passwordEnv;

    char[] password() {
      return KeyOptions.env(passwordEnv, "--kek-password-env").toCharArray();
    }

    EnvelopeKeyRings rings() {
      Path ks = Paths.get(keystore);
      char[] pw = password();
      return EnvelopeKeyRings.builder(
              new FileWrappedKeyStore(Paths.get(store)),
              Pkcs12KeyEncryptionKey.resolver(ks, pw),
              Pkcs12KeyEncryptionKey.load(ks, pw, alias))
          .build();
    }
  }

  @Command(
      name = "wrap",
      mixinStandardHelpOptions = true,
      description = "Generate a data key wrapped by the KEK: a new ring (its first key, active), or a new key of an existing ring (--activate to make it active). Prints the key id.")
  void wrap(
      @Mixin Envelope env,
      @Option(names = "--ring", required = true, paramLabel = "NAME", description = "The key ring.") String ring,
      @Option(names = "--activate", description = "Make the new key the ring's active key.") boolean activate) {
    EnvelopeKeyRings rings = env.rings();
    boolean exists = rings.status().stream().anyMatch(s -> s.name().equals(ring));
    String id;
    if (!exists) {
      id = rings.createRing(ring).activeKeyId();
    } else {
      id = rings.addDataKey(ring);
      if (activate) {
        rings.activate(ring, id);
      }
    }
    Io.emit(stdout(), Io.line(id));
  }

  @Command(
      name = "unwrap",
      mixinStandardHelpOptions = true,
      description = "Unwrap a data key (default: the ring's active key) to --out FILE (owner-only) or, with --base64, stdout.")
  void unwrap(
      @Mixin Envelope env,
      @Option(names = "--ring", required = true, paramLabel = "NAME", description = "The key ring.") String ring,
      @Option(names = "--key-id", paramLabel = "ID", description = "The data key (default: active).") String keyId,
      @Mixin OutputOptions out) {
    if (out.file == null && !out.base64) {
      throw new CliException("give --out FILE, or --base64 to print the key");
    }
    KeyRing r = env.rings().keyRing(ring);
    out.write(stdout(), r.key(keyId == null ? r.activeKeyId() : keyId).toByteArray());
  }

  @Command(
      name = "rewrap",
      mixinStandardHelpOptions = true,
      description = "KEK rotation: rewrap every data key of every ring with --new-kek-alias (data keys and stored values unchanged).")
  void rewrap(
      @Mixin Envelope env,
      @Option(names = "--new-kek-alias", required = true, paramLabel = "ALIAS", description = "The new KEK's entry in the same keystore.")
          String newAlias) {
    EnvelopeKeyRings rings = env.rings();
    EnvelopeKeyRings.RewrapResult r =
        rings.rewrap(Pkcs12KeyEncryptionKey.load(Paths.get(env.keystore), env.password(), newAlias));
    Io.emit(stdout(), Io.line("rewrapped " + r.dataKeys() + " data keys in " + r.rings() + " rings under " + r.kekUri()));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rings: active key, key ids, KEKs.")
  void list(@Mixin Envelope env) {
    StringBuilder s = new StringBuilder();
    for (EnvelopeKeyRings.RingStatus st : env.rings().status()) {
      s.append(st.name()).append(": ");
      if (st.shredded()) {
        s.append("shredded at ").append(st.shreddedAt());
      } else {
        s.append("active ").append(st.activeKeyId()).append(", keys ").append(String.join(" ", st.keyIds()))
            .append(", KEK ").append(String.join(" ", st.kekUris()));
      }
      s.append('\n');
    }
    Io.emit(stdout(), s.toString().getBytes(StandardCharsets.UTF_8));
  }
}
