package io.github.themis4j.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.spring.mapping.identity.IdentityApplication;
import io.github.themis4j.spring.mapping.ring.RingApplication;
import io.github.themis4j.spring.mapping.token.TokenApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Mapping mistakes stop a real application with a failure analysis like key mistakes do: the cause
 * first, the entity and attribute named, the fix suggested; not a stack trace with the cause at the
 * bottom.
 */
@ExtendWith(OutputCaptureExtension.class)
class MappingFailureReportTest {
  private static final String KEY = "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy0xMjM0NTY3OA==";

  private static void start(Class<?> application, String... ring) {
    new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=create-drop",
            "spring.main.banner-mode=off")
        .properties(ring)
        .run()
        .close();
  }

  private static String[] ring(String name) {
    return new String[] {
      "themis4j.key-rings." + name + ".active=k1",
      "themis4j.key-rings." + name + ".keys[0].id=k1",
      "themis4j.key-rings." + name + ".keys[0].value=" + KEY
    };
  }

  private static String report(CapturedOutput output) {
    String all = output.getAll();
    int at = all.indexOf("APPLICATION FAILED TO START");
    assertThat(at).as("a failure analysis is printed").isNotNegative();
    return all.substring(at);
  }

  @Test
  void tokenProtectWithoutItsTokenAttribute(CapturedOutput output) {
    assertThatThrownBy(() -> start(TokenApplication.class, ring("default"))).isNotNull();
    String report = report(output);
    assertThat(report)
        .contains("Description:")
        .contains("The @Encrypted mapping of attribute 'code' of entity")
        .contains("Ticket")
        .contains("TOKEN_PROTECT needs tokenAttribute")
        .contains("Action:")
        .contains("a byte[] for a binary column")
        .doesNotContain("error processing @AttributeBinderType")
        .doesNotContain(KEY);
  }

  @Test
  void aMistypedRingGetsTheConfiguredOnesAndADidYouMean(CapturedOutput output) {
    assertThatThrownBy(() -> start(RingApplication.class, ring("pii"))).isNotNull();
    String report = report(output);
    assertThat(report)
        .contains("themis4j key ring 'pi' is used but not configured")
        .contains("configured: 'pii'")
        .contains("did you mean 'pii'?")
        .contains("@Encrypted(keyRing = \"pii\")")
        .doesNotContain(KEY);
  }

  @Test
  void anIdentityIdSaysWhatToUseInstead(CapturedOutput output) {
    assertThatThrownBy(() -> start(IdentityApplication.class, ring("default"))).isNotNull();
    String report = report(output);
    assertThat(report)
        .contains("Invoice")
        .contains("IDENTITY")
        .contains("GenerationType.SEQUENCE")
        .contains("bindToId = false");
  }
}
