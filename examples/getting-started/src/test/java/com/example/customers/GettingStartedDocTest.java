package com.example.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/GETTING-STARTED.md cannot rot: every snippet marked {@code <!-- snippet: PATH -->} (or
 * {@code PATH#region}, for the text between {@code <!-- getting-started:region -->} and {@code <!--
 * /getting-started:region -->} of an XML file) must be exactly the text of that file of this module,
 * which the build compiles and {@link CustomersApplicationTest} runs; and every source and resource of
 * the application must appear in the guide.
 */
class GettingStartedDocTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path ROOT = MODULE.getParent().getParent();
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: ([^#\\s]+)(?:#([a-z-]+))? -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void everySnippetIsTheTextOfTheFileItNames() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/GETTING-STARTED.md"), StandardCharsets.UTF_8);
    Matcher m = SNIPPET.matcher(guide);
    List<String> named = new ArrayList<>();
    while (m.find()) {
      Path file = ROOT.resolve(m.group(1));
      assertThat(file).as("file named by a snippet").exists();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (m.group(2) != null) {
        text = region(text, m.group(2), m.group(1));
      }
      assertThat(m.group(3)).as("snippet of " + m.group(1)).isEqualTo(text.strip());
      named.add(m.group(1));
    }
    assertThat(named).as("snippets in the guide").hasSizeGreaterThanOrEqualTo(6);
    try (Stream<Path> files = Files.walk(MODULE.resolve("src/main"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(named).as("the guide shows " + f).contains(ROOT.relativize(f).toString());
      }
    }
  }

  private static String region(String text, String region, String file) {
    String start = "<!-- getting-started:" + region + " -->";
    String end = "<!-- /getting-started:" + region + " -->";
    int a = text.indexOf(start);
    int b = text.indexOf(end);
    assertThat(a).as(start + " in " + file).isGreaterThanOrEqualTo(0);
    assertThat(b).as(end + " in " + file).isGreaterThan(a);
    List<String> lines = text.substring(a + start.length(), b).strip().lines().toList();
    // without the indentation the region has inside the file (the guide shows it unindented)
    int indent = text.substring(text.lastIndexOf('\n', a) + 1, a).length();
    StringBuilder out = new StringBuilder(lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      out.append('\n').append(line.length() >= indent ? line.substring(indent) : line.strip());
    }
    return out.toString();
  }
}
