package io.github.themis4j.cli;

import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.message.SecureMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code message encrypt|decrypt|sign|verify}: Themis Secure Message with EC or RSA keys. */
@Command(
    name = "message",
    mixinStandardHelpOptions = true,
    description = "Secure Message: public-key encryption and signatures (Themis key files).")
final class MessageCommand extends GroupCommand {

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = "Encrypt for the owner of --public, as the owner of --private.")
  void encrypt(@Mixin Keys keys, @Mixin InputOptions in, @Mixin OutputOptions out) {
    SecureMessage m = new SecureMessage(keys.privateKey(), keys.publicKey());
    out.write(stdout(), m.encrypt(in.read()));
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = "Decrypt with own --private key and the sender's --public key.")
  void decrypt(@Mixin Keys keys, @Mixin InputOptions in, @Mixin OutputOptions out) {
    SecureMessage m = new SecureMessage(keys.privateKey(), keys.publicKey());
    out.write(stdout(), m.decrypt(in.read()));
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = "Sign with --private (the message stays readable).")
  void sign(
      @Option(names = "--private", required = true, paramLabel = "FILE", description = "Private key file.")
          String privateFile,
      @Mixin InputOptions in,
      @Mixin OutputOptions out) {
    PrivateKey key = readPrivate(privateFile);
    out.write(stdout(), SecureMessage.sign(key, in.read()));
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Verify a signed message with --public and write the message.")
  void verify(
      @Option(names = "--public", required = true, paramLabel = "FILE", description = "Public key file.")
          String publicFile,
      @Mixin InputOptions in,
      @Mixin OutputOptions out) {
    PublicKey key = readPublic(publicFile);
    out.write(stdout(), SecureMessage.verify(key, in.read()));
  }

  static PrivateKey readPrivate(String file) {
    return PrivateKey.fromBytes(Io.read(file));
  }

  static PublicKey readPublic(String file) {
    return PublicKey.fromBytes(Io.read(file));
  }

  /** Own private key and the peer's public key. */
  static final class Keys {
    @Option(names = "--private", required = true, paramLabel = "FILE", description = "Own private key file.")
    String privateFile;

    @Option(names = "--public", required = true, paramLabel = "FILE", description = "Peer's public key file.")
    String publicFile;

    PrivateKey privateKey() {
      return readPrivate(privateFile);
    }

    PublicKey publicKey() {
      return readPublic(publicFile);
    }
  }
}
