package io.github.themis4j.benchmarks.jpa;

/** What the JPA benchmark reads back from either entity. */
public interface Person {
  String name();

  String email();

  String phone();

  String address();
}
