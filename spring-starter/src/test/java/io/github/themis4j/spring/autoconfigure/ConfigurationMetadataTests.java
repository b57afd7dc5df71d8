package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configuration processor's output, which IDEs use for completion, describes every property. */
class ConfigurationMetadataTests {
  @Test
  void everyPropertyIsDescribed() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      root = JsonMapper.builder().build().readTree(in);
    }
    Map<String, String> descriptions = new HashMap<>();
    for (JsonNode p : root.get("properties")) {
      descriptions.put(p.get("name").asString(), p.path("description").asString(""));
    }
    assertThat(descriptions).containsKeys(
        "themis4j.key-rings",
        "themis4j.key-pair.private-key.value",
        "themis4j.key-pair.private-key.env",
        "themis4j.key-pair.private-key.file",
        "themis4j.key-pair.private-key.keystore.location",
        "themis4j.key-pair.private-key.keystore.password",
        "themis4j.peers",
        "themis4j.dev-mode.enabled",
        "themis4j.jpa.enabled",
        "management.health.themis4j.enabled");
    assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
  }
}
