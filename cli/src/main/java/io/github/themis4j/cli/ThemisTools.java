package io.github.themis4j.cli;

import io.github.themis4j.ThemisException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.cell.TokenProtectedData;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import io.github.themis4j.message.SecureMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The tool contract of Themis's cross-language integration tests ({@code tests/_integration/} in
 * the Themis repository), with the arguments, output and exit codes of the wasm-themis tools of
 * Themis 0.15 ({@code tools/js/wasm-themis/}):
 *
 * <ul>
 *   <li>{@code scell_seal_string_echo enc|dec KEY MESSAGE [CONTEXT]}, and {@code _pw} with a
 *       passphrase: KEY is the UTF-8 bytes of the argument; {@code enc} prints base64 of the Seal,
 *       {@code dec} takes base64 and prints the UTF-8 text; an empty CONTEXT means no context.
 *   <li>{@code scell_token_string_echo enc|dec KEY MESSAGE[,TOKEN] [CONTEXT]}: {@code enc} prints
 *       {@code base64(ciphertext),base64(token)}.
 *   <li>{@code scell_context_string_echo enc|dec KEY MESSAGE CONTEXT} (Context Imprint).
 *   <li>{@code smessage_encryption enc|dec|sign|verify PRIVATE_KEY_FILE PUBLIC_KEY_FILE MESSAGE}.
 *   <li>{@code keygen [PRIVATE_FILE PUBLIC_FILE]}: an EC pair, by default {@code key} and {@code
 *       key.pub}; the private key file is created with mode 0600.
 * </ul>
 *
 * Every result is one line on stdout, exit status 0. A wrong argument count or an unknown
 * sub-command exits with 1 after a usage line; a failed operation exits with 1 after one line on
 * stderr. The tool may be named bare or as a path ({@code ./tools/java/scell_seal_string_echo.x}):
 * only the file name without extension counts, so that the integration templates' {@code
 * ${command} ${script_path}/NAME.${extension}} form works.
 */
final class ThemisTools {
  static final List<String> NAMES =
      Arrays.asList(
          "scell_seal_string_echo",
          "scell_seal_string_echo_pw",
          "scell_token_string_echo",
          "scell_context_string_echo",
          "smessage_encryption",
          "keygen");

  private final PrintStream out;

  private ThemisTools(PrintStream out) {
    this.out = out;
  }

  /** Runs {@code args[0]} (the tool) with the remaining arguments; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String tool = toolName(args[0]);
    String[] a = Arrays.copyOfRange(args, 1, args.length);
    try {
      return new ThemisTools(out).dispatch(tool, a, err);
    } catch (ThemisException | CliException e) {
      err.println(tool + ": " + Themis4jCli.oneLine(e.getMessage()));
      return 1;
    } catch (RuntimeException e) {
      err.println(tool + ": " + Themis4jCli.describe(e));
      return 1;
    }
  }

  static String toolName(String arg) {
    String name = arg.substring(arg.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private int dispatch(String tool, String[] a, PrintStream err) {
    switch (tool) {
      case "scell_seal_string_echo":
        return sealEcho(a, err, false);
      case "scell_seal_string_echo_pw":
        return sealEcho(a, err, true);
      case "scell_token_string_echo":
        return tokenEcho(a, err);
      case "scell_context_string_echo":
        return imprintEcho(a, err);
      case "smessage_encryption":
        return message(a, err);
      case "keygen":
        return keygen(a, err);
      default:
        err.println("unknown tool '" + tool + "'; tools: " + String.join(", ", NAMES));
        return 1;
    }
  }

  private int sealEcho(String[] a, PrintStream err, boolean passphrase) {
    if (a.length < 3 || a.length > 4) {
      return usage(
          err,
          "scell_seal_string_echo" + (passphrase ? "_pw" : "") + " <enc|dec> <"
              + (passphrase ? "passphrase" : "key") + "> <message> [<context>]");
    }
    SecureCell.Seal cell =
        passphrase ? SecureCell.sealWithPassphrase(a[1]) : SecureCell.sealWithKey(key(a[1]));
    byte[] context = optionalContext(a, 3);
    switch (a[0]) {
      case "enc":
        return print(base64(cell.encrypt(utf8(a[2]), context)));
      case "dec":
        return print(text(cell.decrypt(unbase64(a[2]), context)));
      default:
        return badCommand(err, a[0], "\"enc\" or \"dec\"");
    }
  }

  private int tokenEcho(String[] a, PrintStream err) {
    if (a.length < 3 || a.length > 4) {
      return usage(err, "scell_token_string_echo <enc|dec> <key> <message[,token]> [<context>]");
    }
    SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(key(a[1]));
    byte[] context = optionalContext(a, 3);
    switch (a[0]) {
      case "enc":
        {
          TokenProtectedData d = cell.encrypt(utf8(a[2]), context);
          return print(base64(d.ciphertext()) + "," + base64(d.token()));
        }
      case "dec":
        {
          String[] parts = a[2].split(",", -1);
          if (parts.length < 2) {
            throw new CliException("expected <ciphertext>,<token> (base64)");
          }
          return print(text(cell.decrypt(unbase64(parts[0]), unbase64(parts[1]), context)));
        }
      default:
        return badCommand(err, a[0], "\"enc\" or \"dec\"");
    }
  }

  private int imprintEcho(String[] a, PrintStream err) {
    if (a.length != 4) {
      return usage(err, "scell_context_string_echo <enc|dec> <key> <message> <context>");
    }
    SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(key(a[1]));
    byte[] context = utf8(a[3]);
    switch (a[0]) {
      case "enc":
        return print(base64(cell.encrypt(utf8(a[2]), context)));
      case "dec":
        return print(text(cell.decrypt(unbase64(a[2]), context)));
      default:
        return badCommand(err, a[0], "\"enc\" or \"dec\"");
    }
  }

  private int message(String[] a, PrintStream err) {
    if (a.length != 4) {
      return usage(
          err,
          "smessage_encryption <enc|dec|sign|verify> <sender/private.key> <recipient/public.key>"
              + " <message>");
    }
    byte[] priv = Io.read(a[1]);
    byte[] pub = Io.read(a[2]);
    PrivateKey privateKey = PrivateKey.fromBytes(priv);
    PublicKey publicKey = PublicKey.fromBytes(pub);
    switch (a[0]) {
      case "enc":
        return print(base64(new SecureMessage(privateKey, publicKey).encrypt(utf8(a[3]))));
      case "dec":
        return print(text(new SecureMessage(privateKey, publicKey).decrypt(unbase64(a[3]))));
      case "sign":
        return print(base64(SecureMessage.sign(privateKey, utf8(a[3]))));
      case "verify":
        return print(text(SecureMessage.verify(publicKey, unbase64(a[3]))));
      default:
        return badCommand(err, a[0], "\"enc\", \"dec\", \"sign\", \"verify\"");
    }
  }

  private int keygen(String[] a, PrintStream err) {
    String priv;
    String pub;
    if (a.length == 0) {
      priv = "key";
      pub = "key.pub";
    } else if (a.length == 2) {
      priv = a[0];
      pub = a[1];
    } else {
      return usage(err, "keygen [<path/to/key> <path/to/key.pub>]");
    }
    KeyPair pair = KeyPair.generate(KeyType.EC);
    Io.writeOwnerOnly(priv, pair.privateKey().toByteArray(), true);
    Io.writePublic(pub, pair.publicKey().toByteArray(), true);
    return 0;
  }

  // ---------------------------------------------------------------------------------------------

  private int print(String line) {
    out.print(line + "\n");
    out.flush();
    return 0;
  }

  private static int usage(PrintStream err, String usage) {
    err.println("usage: themis4j tools " + usage);
    return 1;
  }

  private static int badCommand(PrintStream err, String command, String allowed) {
    err.println("invalid command \"" + command + "\": use " + allowed);
    return 1;
  }

  /** The contract's key: the UTF-8 bytes of the argument. */
  private static SymmetricKey key(String arg) {
    if (arg.isEmpty()) {
      throw new CliException("the key must not be empty");
    }
    return SymmetricKey.fromBytes(utf8(arg));
  }

  /** The contract treats a missing and an empty context alike: no context. */
  private static byte[] optionalContext(String[] a, int index) {
    return a.length > index && !a[index].isEmpty() ? utf8(a[index]) : null;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The decrypted bytes as UTF-8 text (invalid sequences replaced, as node's Buffer does). */
  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static byte[] unbase64(String s) {
    return Io.fromBase64(s, "the message");
  }
}
