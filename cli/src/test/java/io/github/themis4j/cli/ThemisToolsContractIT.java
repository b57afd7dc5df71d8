package io.github.themis4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Themis integration-test contract: the tools are driven the way Themis's {@code
 * tests/_integration} templates drive them ({@code ${command} ${script_path}/TOOL.${extension}},
 * one language's {@code enc} output fed unquoted to the other's {@code dec}, in a bash script with
 * {@code set -eu}), for themis4j -> wasm-themis, wasm-themis -> themis4j and themis4j -> themis4j.
 * The wasm-themis side is {@code interop/tools/*.js} under node.
 */
class ThemisToolsContractIT {
  /** A row of Themis's LanguageSetting table. */
  static final class Lang {
    final String name;
    final String command;
    final String scriptPath;
    final String extension;

    Lang(String name, String command, String scriptPath, String extension) {
      this.name = name;
      this.command = command;
      this.scriptPath = scriptPath;
      this.extension = extension;
    }

    String tool(String t) {
      return command + " " + scriptPath + "/" + t + "." + extension;
    }
  }

  static Lang themis4j;
  static Lang js;
  @TempDir static Path work;

  @BeforeAll
  static void languages() {
    Path tools = Node.toolsDir();
    themis4j = new Lang("themis4j", "sh", Launcher.SCRIPT.getParent().resolveSibling("tools").toString(), "sh");
    js = new Lang("js", "node", tools.toString(), "js");
  }

  @Test
  void everyToolInteroperatesBothWays() throws IOException {
    StringBuilder s = new StringBuilder("#!/usr/bin/env bash\nset -eu\nstatus=0\n");
    s.append("check() { if [[ \"$2\" != \"$3\" ]]; then echo \"FAIL: $1\"; status=1; else echo \"ok: $1\"; fi; }\n");
    // Keys as the templates expect them: ./tests/_integration/keys/{client,server}.{priv,pub},
    // the client pair made by themis4j's keygen tool, the server pair by wasm-themis's.
    s.append("mkdir -p tests/_integration/keys\n");
    s.append(themis4j.tool("keygen")).append(" tests/_integration/keys/client.priv tests/_integration/keys/client.pub\n");
    s.append(js.tool("keygen")).append(" tests/_integration/keys/server.priv tests/_integration/keys/server.pub\n");
    Lang[][] pairs = {{themis4j, js}, {js, themis4j}, {themis4j, themis4j}};
    for (Lang[] p : pairs) {
      snippets(s, p[0], p[1]);
    }
    s.append("echo \"status=$status\"\nexit $status\n");
    Path script = work.resolve("integration.sh");
    Files.write(script, s.toString().getBytes(StandardCharsets.UTF_8));
    Launcher.Result r = Launcher.exec(List.of("bash", script.toString()), new byte[0], Map.of(), work);
    assertThat(r.out()).doesNotContain("FAIL").contains("status=0");
    assertThat(r.exit).as("script output:\n%s\n%s", r.out(), r.stderr).isZero();
    // 3 pairs x 10 checks
    assertThat(r.out().split("ok: ", -1).length - 1).isEqualTo(30);
    assertThat(Files.getPosixFilePermissions(work.resolve("tests/_integration/keys/client.priv")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  /** The checks of the six integration templates for the pair a -> b. */
  private static void snippets(StringBuilder s, Lang a, Lang b) {
    String pair = a.name + " -> " + b.name;
    // Seal, without and with context
    s.append("text=\"").append(pair).append(" test\"\n");
    s.append("result_text=$(").append(b.tool("scell_seal_string_echo")).append(" \"dec\" \"passw1\" `")
        .append(a.tool("scell_seal_string_echo")).append(" \"enc\" \"passw1\" \"$text\"`)\n");
    s.append("check \"seal ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    s.append("text=\"").append(pair).append(" test with context\"\n");
    s.append("result_text=$(").append(b.tool("scell_seal_string_echo")).append(" \"dec\" \"passw2\" `")
        .append(a.tool("scell_seal_string_echo")).append(" \"enc\" \"passw2\" \"$text\" \"somecontext\"` \"somecontext\")\n");
    s.append("check \"seal+context ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    // Seal with passphrase
    s.append("plaintext=\"").append(pair).append(" test\"\n");
    s.append("encrypted=\"$(").append(a.tool("scell_seal_string_echo_pw")).append(" \"enc\" \"secret passphrase\" \"$plaintext\")\"\n");
    s.append("decrypted=\"$(").append(b.tool("scell_seal_string_echo_pw")).append(" \"dec\" \"secret passphrase\" \"$encrypted\")\"\n");
    s.append("check \"passphrase ").append(pair).append("\" \"$plaintext\" \"$decrypted\"\n");
    s.append("plaintext=\"").append(pair).append(" test with context\"\n");
    s.append("encrypted=\"$(").append(a.tool("scell_seal_string_echo_pw")).append(" \"enc\" \"secret passphrase\" \"$plaintext\" \"and context\")\"\n");
    s.append("decrypted=\"$(").append(b.tool("scell_seal_string_echo_pw")).append(" \"dec\" \"secret passphrase\" \"$encrypted\" \"and context\")\"\n");
    s.append("check \"passphrase+context ").append(pair).append("\" \"$plaintext\" \"$decrypted\"\n");
    // Token Protect, without and with context
    s.append("text=\"").append(pair).append(" token test\"\n");
    s.append("result_text=$(").append(b.tool("scell_token_string_echo")).append(" \"dec\" \"passwd\" `")
        .append(a.tool("scell_token_string_echo")).append(" \"enc\" \"passwd\" \"$text\"`)\n");
    s.append("check \"token ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    s.append("result_text=$(").append(b.tool("scell_token_string_echo")).append(" \"dec\" \"passwd\" `")
        .append(a.tool("scell_token_string_echo")).append(" \"enc\" \"passwd\" \"$text\" \"some context\"` \"some context\")\n");
    s.append("check \"token+context ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    // Context Imprint
    s.append("text=\"").append(pair).append(" with context\"\n");
    s.append("result_text=$(").append(b.tool("scell_context_string_echo")).append(" \"dec\" \"passwd\" `")
        .append(a.tool("scell_context_string_echo")).append(" \"enc\" \"passwd\" \"$text\" \"somecontext\"` \"somecontext\")\n");
    s.append("check \"imprint ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    // Secure Message encryption (client -> server) and signing
    s.append("text=\"").append(pair).append(" secure message\"\n");
    s.append("result_text=$(").append(b.tool("smessage_encryption"))
        .append(" \"dec\" \"./tests/_integration/keys/server.priv\" \"./tests/_integration/keys/client.pub\" `")
        .append(a.tool("smessage_encryption"))
        .append(" \"enc\" \"./tests/_integration/keys/client.priv\" \"./tests/_integration/keys/server.pub\" \"$text\"`)\n");
    s.append("check \"message ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    s.append("result_text=$(").append(b.tool("smessage_encryption"))
        .append(" \"verify\" \"./tests/_integration/keys/server.priv\" \"./tests/_integration/keys/client.pub\" `")
        .append(a.tool("smessage_encryption"))
        .append(" \"sign\" \"./tests/_integration/keys/client.priv\" \"./tests/_integration/keys/server.pub\" \"$text\"`)\n");
    s.append("check \"signature ").append(pair).append("\" \"$text\" \"$result_text\"\n");
    // keygen without arguments writes key and key.pub in the working directory
    s.append("rm -rf kg && mkdir kg && (cd kg && ").append(a.tool("keygen"))
        .append(") && ").append(b.tool("smessage_encryption"))
        .append(" \"sign\" kg/key kg/key.pub \"x\" > /dev/null && check \"keygen defaults ")
        .append(pair).append("\" ok ok\n");
  }

  /** The same wrong invocations give the same exit status and no stdout from both implementations. */
  @Test
  void exitStatusesMatchWasmThemis(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("keys");
    Files.createDirectories(keys);
    Launcher.runIn(keys, "tools", "keygen").ok();
    String sealed = Launcher.run("tools", "scell_seal_string_echo", "enc", "k1", "secret text").ok().out().trim();
    String[][] cases = {
      {"scell_seal_string_echo", "enc", "key"}, // too few arguments
      {"scell_seal_string_echo", "enc", "key", "m", "c", "extra"}, // too many
      {"scell_seal_string_echo", "zip", "key", "m"}, // unknown command
      {"scell_seal_string_echo", "dec", "wrong key", sealed}, // wrong key
      {"scell_seal_string_echo", "dec", "k1", sealed, "wrong context"}, // wrong context
      {"scell_seal_string_echo", "dec", "k1", sealed.substring(0, 40)}, // truncated
      {"scell_seal_string_echo_pw", "dec", "pw", sealed}, // key cell given to passphrase decryption
      {"scell_token_string_echo", "dec", "key", "AAAA"}, // no token
      {"scell_context_string_echo", "enc", "key", "m"}, // context missing
      {"smessage_encryption", "enc", keys.resolve("nope").toString(), keys.resolve("key.pub").toString(), "m"},
      {"smessage_encryption", "enc", keys.resolve("key.pub").toString(), keys.resolve("key").toString(), "m"},
      {"keygen", "only-one-path"},
    };
    Path tools = Node.toolsDir();
    for (String[] c : cases) {
      List<String> jsCmd = new ArrayList<>(List.of("node", tools.resolve(c[0] + ".js").toString()));
      jsCmd.addAll(List.of(c).subList(1, c.length));
      Launcher.Result theirs = Launcher.exec(jsCmd, new byte[0], Map.of(), dir);
      List<String> ours = new ArrayList<>(List.of("tools"));
      ours.addAll(List.of(c));
      Launcher.Result mine = Launcher.run(ours.toArray(new String[0]));
      assertThat(mine.exit).as("exit status of %s (wasm-themis: %s)", String.join(" ", c), theirs.exit)
          .isEqualTo(theirs.exit).isEqualTo(1);
      mine.fails("", "secret text", "k1");
    }
  }

  /** Output is exactly one line: base64 for enc/sign, UTF-8 text for dec/verify. */
  @Test
  void outputEncoding() {
    String ct = Launcher.run("tools", "scell_seal_string_echo", "enc", "ключ", "привет").ok().out();
    assertThat(ct).endsWith("\n").doesNotContain("\r");
    byte[] sealed = Base64.getDecoder().decode(ct.trim());
    assertThat(sealed).hasSize(44 + "привет".getBytes(StandardCharsets.UTF_8).length);
    assertThat(Launcher.run("tools", "scell_seal_string_echo", "dec", "ключ", ct.trim()).ok().out())
        .isEqualTo("привет\n");
    String token = Launcher.run("tools", "scell_token_string_echo", "enc", "k", "abc", "").ok().out();
    assertThat(token.trim()).matches("[A-Za-z0-9+/=]{4},[A-Za-z0-9+/=]{60}");
    // an empty context is no context: it decrypts without one
    assertThat(Launcher.run("tools", "scell_token_string_echo", "dec", "k", token.trim()).ok().out()).isEqualTo("abc\n");
  }
}
