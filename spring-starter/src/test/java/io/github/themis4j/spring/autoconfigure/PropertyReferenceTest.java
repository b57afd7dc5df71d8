package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.ThemisJpaSettings;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's "All properties" section is the one reference of every setting: each property of the
 * generated configuration metadata and each Hibernate setting of {@link ThemisJpaSettings} has a row
 * (by its name, or a row naming a parent followed by {@code .*} or a {@code <placeholder>} segment),
 * and no row names a property that does not exist.
 */
class PropertyReferenceTest {
  private static final Pattern NAME = Pattern.compile("`((?:themis4j|management)\\.[a-z0-9_.<>\\[\\]*-]+)`");

  @Test
  void everyPropertyAndSettingHasARowAndEveryRowAProperty() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## All properties");
    assertThat(start).as("README section '## All properties'").isNotNegative();
    String section = readme.substring(start);
    List<String> rows = new ArrayList<>();
    Matcher m = NAME.matcher(section);
    while (m.find()) {
      rows.add(m.group(1));
    }

    List<String> names = new ArrayList<>();
    JsonNode root;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      root = JsonMapper.builder().build().readTree(in);
    }
    for (JsonNode p : root.get("properties")) {
      names.add(p.get("name").asString());
    }
    for (Field f : ThemisJpaSettings.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }

    List<String> undocumented =
        names.stream().filter(n -> rows.stream().noneMatch(r -> covers(r, n))).toList();
    assertThat(undocumented).as("properties without a row in README '## All properties'").isEmpty();
    List<String> unknown =
        rows.stream().filter(r -> names.stream().noneMatch(n -> covers(r, n))).toList();
    assertThat(unknown).as("rows naming no property").isEmpty();
  }

  /** Whether a documented name covers a property name (maps and lists by their prefix). */
  static boolean covers(String row, String property) {
    String r = row.replace("[i]", "");
    if (r.equals(property)) {
      return true;
    }
    // "themis4j.key-rings.<ring>.active" covers the map property "themis4j.key-rings";
    // "themis4j.key-pair.private-key.*" covers "themis4j.key-pair.private-key.value".
    int placeholder = r.indexOf(".<");
    if (placeholder > 0 && property.equals(r.substring(0, placeholder))) {
      return true;
    }
    return r.endsWith(".*") && property.startsWith(r.substring(0, r.length() - 1));
  }
}
