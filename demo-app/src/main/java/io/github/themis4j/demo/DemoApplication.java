package io.github.themis4j.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The themis4j demo: a small clinic whose patient records are encrypted with Secure Cell through
 * JPA, with Secure Message, Secure Session and Secure Comparator beside them. Runs on an H2 file
 * database whose schema Flyway creates; its keys are demo keys from {@code application.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
