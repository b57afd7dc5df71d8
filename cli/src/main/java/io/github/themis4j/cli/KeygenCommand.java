package io.github.themis4j.cli;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.SymmetricKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keygen sym|ec|rsa}: keys in Themis's formats, private files owner-only. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a key: 'sym' (Secure Cell master key, 32 random bytes), 'ec' (P-256 pair) or 'rsa'"
          + " (2048-bit pair), in Themis's key format.",
      "Pairs: --out BASE writes BASE (private, mode 0600) and BASE.pub, or use --private/--public."
    })
final class KeygenCommand implements Runnable {
  enum Kind {
    sym,
    ec,
    rsa
  }

  @Parameters(index = "0", paramLabel = "KIND", description = "sym, ec or rsa")
  Kind kind;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "sym: the key file; ec/rsa: private key file, public key in FILE.pub.")
  String out;

  @Option(names = "--private", paramLabel = "FILE", description = "ec/rsa: private key file.")
  String privateFile;

  @Option(names = "--public", paramLabel = "FILE", description = "ec/rsa: public key file.")
  String publicFile;

  @Option(
      names = {"-b", "--base64"},
      description = "sym: write the key as base64 text (to stdout when there is no --out).")
  boolean base64;

  @Option(
      names = "--length",
      paramLabel = "BYTES",
      description = "sym: key length in bytes (default 32, at least 16).")
  int length = SymmetricKey.DEFAULT_LENGTH;

  @Option(names = "--force", description = "Replace existing files.")
  boolean force;

  @Override
  public void run() {
    if (kind == Kind.sym) {
      symmetric();
      return;
    }
    if (base64) {
      throw new CliException("--base64 applies to 'keygen sym' only (key pairs are files)");
    }
    String priv = privateFile;
    String pub = publicFile;
    if (out != null) {
      if (priv != null || pub != null) {
        throw new CliException("give either --out or --private/--public");
      }
      priv = out;
      pub = out + ".pub";
    }
    if (priv == null || pub == null) {
      throw new CliException("key pairs need --out BASE, or both --private and --public");
    }
    KeyPair pair = KeyPair.generate(kind == Kind.ec ? KeyType.EC : KeyType.RSA);
    Io.writeOwnerOnly(priv, pair.privateKey().toByteArray(), force);
    Io.writePublic(pub, pair.publicKey().toByteArray(), force);
  }

  private void symmetric() {
    if (privateFile != null || publicFile != null) {
      throw new CliException("--private/--public apply to key pairs; use --out for 'sym'");
    }
    if (length < 16 || length > 1024) {
      throw new CliException("--length must be between 16 and 1024 bytes");
    }
    byte[] key = length == SymmetricKey.DEFAULT_LENGTH ? SymmetricKey.generate().toByteArray() : random(length);
    byte[] bytes = base64 ? Io.line(Io.toBase64(key)) : key;
    if (out != null) {
      Io.writeOwnerOnly(out, bytes, force);
    } else if (base64) {
      Io.emit(GroupCommand.stdout(), bytes);
    } else {
      throw new CliException("give --out FILE, or --base64 to print the key");
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }
}
