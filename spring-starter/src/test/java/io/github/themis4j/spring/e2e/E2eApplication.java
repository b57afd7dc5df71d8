package io.github.themis4j.spring.e2e;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal application for the end-to-end tests: one entity with encrypted fields and its repository. */
@SpringBootApplication
public class E2eApplication {}
