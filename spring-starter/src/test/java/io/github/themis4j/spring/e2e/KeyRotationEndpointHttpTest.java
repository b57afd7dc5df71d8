package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.rotation.KeyRotationJob;
import io.github.themis4j.jpa.rotation.KeyRotationListener;
import io.github.themis4j.jpa.rotation.RotationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The keyrotation endpoint over HTTP with every endpoint exposed and no Spring Security: reads
 * work, POST and DELETE are refused unless the application opts in; an opted-in POST runs the job
 * on a thread of Boot's task executor builder.
 */
class KeyRotationEndpointHttpTest {
  private static final AtomicInteger DB = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  private ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(E2eApplication.class)
        .web(WebApplicationType.SERVLET)
        .initializers(c -> ((GenericApplicationContext) c).registerBean("threadRecorder", KeyRotationListener.class,
            () -> new KeyRotationListener() {
              @Override
              public void onFinish(RotationReport report) {
                threads.add(Thread.currentThread().getName());
              }
            }))
        .properties(
            "server.port=0",
            "server.address=127.0.0.1",
            "spring.main.banner-mode=off",
            "spring.datasource.url=jdbc:h2:mem:endpointhttp" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
            "spring.jpa.hibernate.ddl-auto=update",
            "management.endpoints.web.exposure.include=*",
            "themis4j.key-rings.default.active=d1",
            "themis4j.key-rings.default.keys[0].id=d1",
            "themis4j.key-rings.default.keys[0].value=" + EncryptedEntitySpringBootTest.DEFAULT_KEY,
            "themis4j.key-rings.pii.active=k1",
            "themis4j.key-rings.pii.keys[0].id=k1",
            "themis4j.key-rings.pii.keys[0].value=" + EncryptedEntitySpringBootTest.PII_OLD)
        .properties(properties)
        .run();
  }

  private HttpResponse<String> send(ConfigurableApplicationContext c, String method, String path) throws Exception {
    String port = c.getEnvironment().getProperty("local.server.port");
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void writesAreRefusedByDefault() throws Exception {
    try (ConfigurableApplicationContext c = start()) {
      assertThat(send(c, "GET", "/actuator/keyrotation").statusCode()).isEqualTo(200);
      assertThat(send(c, "GET", "/actuator/keyrotation/inventory").statusCode()).isEqualTo(200);
      HttpResponse<String> post = send(c, "POST", "/actuator/keyrotation");
      assertThat(post.statusCode()).as(post.body()).isIn(404, 405);
      assertThat(send(c, "DELETE", "/actuator/keyrotation").statusCode()).isIn(404, 405);
      Thread.sleep(500);
      KeyRotationJob job = c.getBean(KeyRotationJob.class);
      assertThat(job.isRunning()).isFalse();
      assertThat(job.lastReport()).isEmpty(); // nothing was started
    }
  }

  @Test
  void writesWorkWhenTheApplicationOptsIn() throws Exception {
    try (ConfigurableApplicationContext c = start("management.endpoint.keyrotation.access=unrestricted")) {
      HttpResponse<String> post = send(c, "POST", "/actuator/keyrotation");
      assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
      assertThat(post.body()).contains("\"started\":true");
      KeyRotationJob job = c.getBean(KeyRotationJob.class);
      for (int i = 0; i < 600 && job.lastReport().isEmpty(); i++) {
        Thread.sleep(50);
      }
      assertThat(job.lastReport()).isPresent();
      assertThat(threads).allMatch(t -> t.startsWith("themis4j-key-rotation-")).isNotEmpty();
      assertThat(send(c, "DELETE", "/actuator/keyrotation").statusCode()).isEqualTo(200);
    }
  }
}
