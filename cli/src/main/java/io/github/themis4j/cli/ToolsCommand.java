package io.github.themis4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tools NAME ARGS...}: the Themis integration-test tool contract (see {@link ThemisTools}).
 * Normally dispatched before picocli parses anything; this class gives {@code tools --help}.
 */
@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description = {
      "Themis 0.15's cross-language test tools, with the arguments, output and exit codes of"
          + " tools/js/wasm-themis/ in the Themis repository:",
      "  scell_seal_string_echo enc|dec KEY MESSAGE [CONTEXT]",
      "  scell_seal_string_echo_pw enc|dec PASSPHRASE MESSAGE [CONTEXT]",
      "  scell_token_string_echo enc|dec KEY MESSAGE[,TOKEN] [CONTEXT]",
      "  scell_context_string_echo enc|dec KEY MESSAGE CONTEXT",
      "  smessage_encryption enc|dec|sign|verify PRIVATE_KEY_FILE PUBLIC_KEY_FILE MESSAGE",
      "  keygen [PRIVATE_KEY_FILE PUBLIC_KEY_FILE]",
      "KEY is the UTF-8 bytes of the argument; enc/sign print base64, dec/verify print text.",
      "NAME may be a path such as ./tools/java/NAME.ext (Themis's test templates call it so)."
    })
final class ToolsCommand implements Runnable {
  @Parameters(paramLabel = "NAME", arity = "0..1", description = "The tool.")
  String name;

  @Override
  public void run() {
    throw new CliException("name a tool: " + String.join(", ", ThemisTools.NAMES));
  }
}
