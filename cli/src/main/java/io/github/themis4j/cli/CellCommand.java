package io.github.themis4j.cli;

import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.cell.TokenProtectedData;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cell seal|token|imprint encrypt|decrypt}: Themis Secure Cell in its three modes. */
@Command(
    name = "cell",
    mixinStandardHelpOptions = true,
    description = "Secure Cell encryption and decryption (Seal, Token Protect, Context Imprint).")
final class CellCommand extends GroupCommand {

  /** Adds the mode sub-commands: only {@code mode}'s if it names one (start-up time). */
  static void addModes(picocli.CommandLine cell, String mode) {
    boolean known = mode.equals("seal") || mode.equals("token") || mode.equals("imprint");
    if (!known || mode.equals("seal")) {
      cell.addSubcommand("seal", new Seal());
    }
    if (!known || mode.equals("token")) {
      cell.addSubcommand("token", new Token());
    }
    if (!known || mode.equals("imprint")) {
      cell.addSubcommand("imprint", new Imprint());
    }
  }

  /** Seal mode, with a master key or a passphrase. */
  @Command(
      name = "seal",
      mixinStandardHelpOptions = true,
      description = "Seal mode: authenticated, output = 44-byte header (70 with a passphrase) + data.")
  static final class Seal extends GroupCommand {
    @Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        description = "Encrypt DATA (or --in FILE, or stdin).")
    void encrypt(
        @Mixin SecretOptions secret,
        @Mixin ContextOptions context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out) {
      SecureCell.Seal cell = secret.seal();
      byte[] ctx = context.bytes();
      out.write(stdout(), cell.encrypt(in.read(), ctx));
    }

    @Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description = "Decrypt a Seal (raw, or base64 with --from-base64).")
    void decrypt(
        @Mixin SecretOptions secret,
        @Mixin ContextOptions context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out) {
      SecureCell.Seal cell = secret.seal();
      byte[] ctx = context.bytes();
      out.write(stdout(), cell.decrypt(in.read(), ctx));
    }
  }

  /** Token Protect mode: the ciphertext keeps the plaintext's length; a 44-byte token beside it. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "Token Protect mode: ciphertext of the input's length plus a 44-byte token.")
  static final class Token extends GroupCommand {
    @Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        description =
            "Encrypt; the token goes to --token FILE, or with --base64 and no --token the output"
                + " is one line 'base64(ciphertext),base64(token)'.")
    void encrypt(
        @Mixin KeyOptions key,
        @Mixin ContextOptions context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out,
        @Option(names = "--token", paramLabel = "FILE", description = "Write the token to FILE.")
            String tokenFile) {
      if (tokenFile == null && !out.base64) {
        throw new CliException("--token FILE is required unless --base64 is given");
      }
      SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(key.key());
      byte[] ctx = context.bytes();
      TokenProtectedData d = cell.encrypt(in.read(), ctx);
      if (tokenFile == null) {
        String line = Io.toBase64(d.ciphertext()) + "," + Io.toBase64(d.token());
        Io.emit(stdout(), Io.line(line));
        return;
      }
      Io.writeOwnerOnly(tokenFile, out.encode(d.token()), out.force);
      out.write(stdout(), d.ciphertext());
    }

    @Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description =
            "Decrypt a ciphertext with its token (--token FILE, or the input"
                + " 'base64(ciphertext),base64(token)' with --from-base64).")
    void decrypt(
        @Mixin KeyOptions key,
        @Mixin ContextOptions context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out,
        @Option(names = "--token", paramLabel = "FILE", description = "Read the token from FILE.")
            String tokenFile) {
      SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(key.key());
      byte[] ctx = context.bytes();
      byte[] data;
      byte[] token;
      byte[] text = in.readText();
      if (tokenFile == null) {
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        int comma = s.indexOf(',');
        if (!in.fromBase64 || comma < 0) {
          throw new CliException(
              "give the token with --token FILE, or the input 'ciphertext,token' with --from-base64");
        }
        data = Io.fromBase64(s.substring(0, comma), "ciphertext");
        token = Io.fromBase64(s.substring(comma + 1), "token");
      } else {
        data = in.decode(text);
        token = in.decode(Io.read(tokenFile));
      }
      out.write(stdout(), cell.decrypt(data, token, ctx));
    }
  }

  /** Context Imprint mode: deterministic, length-preserving, unauthenticated; context required. */
  @Command(
      name = "imprint",
      mixinStandardHelpOptions = true,
      description =
          "Context Imprint mode: deterministic, same length, NOT authenticated; --context required.")
  static final class Imprint extends GroupCommand {
    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt.")
    void encrypt(
        @Mixin KeyOptions key,
        @Option(names = {"-c", "--context"}, required = true, paramLabel = "TEXT", description = "Associated context (UTF-8 text), required.") String context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out) {
      apply(key, context, in, out, true);
    }

    @Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        description = "Decrypt (a wrong key or context gives wrong bytes, not an error).")
    void decrypt(
        @Mixin KeyOptions key,
        @Option(names = {"-c", "--context"}, required = true, paramLabel = "TEXT", description = "Associated context (UTF-8 text), required.") String context,
        @Mixin InputOptions in,
        @Mixin OutputOptions out) {
      apply(key, context, in, out, false);
    }

    private void apply(
        KeyOptions key, String context, InputOptions in, OutputOptions out, boolean enc) {
      SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(key.key());
      byte[] ctx = context.getBytes(StandardCharsets.UTF_8);
      byte[] data = in.read();
      out.write(stdout(), enc ? cell.encrypt(data, ctx) : cell.decrypt(data, ctx));
    }
  }

  /** A master key or a passphrase for Seal. */
  static final class SecretOptions {
    @Mixin KeyOptions key;

    @Option(
        names = "--passphrase-env",
        paramLabel = "VAR",
        description = "Use the passphrase in environment variable VAR (UTF-8) instead of a key.")
    String passphraseEnv;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description = "Use the passphrase in FILE (UTF-8, one trailing newline dropped).")
    String passphraseFile;

    SecureCell.Seal seal() {
      int n = (key.present() ? 1 : 0) + (passphraseEnv != null ? 1 : 0) + (passphraseFile != null ? 1 : 0);
      if (n == 0) {
        throw new CliException(
            "a key (--key-file, --key-env, --keystore) or a passphrase (--passphrase-env,"
                + " --passphrase-file) is required");
      }
      if (n > 1) {
        throw new CliException("give either one key source or one passphrase source");
      }
      if (key.present()) {
        return SecureCell.sealWithKey(key.key());
      }
      String p;
      if (passphraseEnv != null) {
        p = KeyOptions.env(passphraseEnv, "--passphrase-env");
      } else {
        p = new String(Io.read(passphraseFile), StandardCharsets.UTF_8);
        if (p.endsWith("\r\n")) {
          p = p.substring(0, p.length() - 2);
        } else if (p.endsWith("\n")) {
          p = p.substring(0, p.length() - 1);
        }
      }
      if (p.isEmpty()) {
        throw new CliException("the passphrase is empty");
      }
      return SecureCell.sealWithPassphrase(p);
    }
  }
}
