package io.github.themis4j.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a themis4j benchmark with the raw-primitive benchmark it is compared to: a method of the
 * same class, measured in the same run with the same parameters. {@link Suite} reports the
 * themis4j figure as a ratio to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Baseline {
  /** Name of the baseline benchmark method in the same class. */
  String value();
}
