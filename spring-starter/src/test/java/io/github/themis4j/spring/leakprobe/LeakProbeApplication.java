package io.github.themis4j.spring.leakprobe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A whole web application with the starter and every Actuator endpoint, started in its own JVM by
 * {@code ActuatorLeakTests} with secrets passed in every way a Boot application can receive a
 * property. It writes its HTTP port to the file named by system property {@code probe.port-file}.
 */
@SpringBootApplication
public class LeakProbeApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(LeakProbeApplication.class);
    app.setApplicationStartup(new BufferingApplicationStartup(4096)); // the startup endpoint
    app.addListeners(
        (ApplicationListener<WebServerInitializedEvent>)
            event -> {
              try {
                Files.writeString(
                    Path.of(System.getProperty("probe.port-file")),
                    Integer.toString(event.getWebServer().getPort()),
                    StandardCharsets.US_ASCII);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    app.run(args);
  }
}
