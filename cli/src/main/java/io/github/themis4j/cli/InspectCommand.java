package io.github.themis4j.cli;

import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inspect}: what a blob is (Themis container, lengths, algorithm, themis4j envelope). */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Say what a blob is without decrypting it: a Themis key, Secure Message, Secure Cell Seal or"
          + " token, or a themis4j column value (envelope version, kind, key id).",
      "The input may be raw bytes, base64 (--from-base64) or hex as psql prints bytea (\\x...) or"
          + " mysql prints with --binary-as-hex (0x...)."
    })
final class InspectCommand implements Runnable {
  @Mixin InputOptions in;

  @Override
  public void run() {
    byte[] text = in.readText();
    byte[] blob = StoredValues.isHexText(text) ? StoredValues.parse(text, "input") : in.decode(text);
    StringBuilder s = new StringBuilder();
    for (String line : BlobInspector.inspect(blob)) {
      s.append(line).append('\n');
    }
    Io.emit(GroupCommand.stdout(), s.toString().getBytes(StandardCharsets.UTF_8));
  }
}
