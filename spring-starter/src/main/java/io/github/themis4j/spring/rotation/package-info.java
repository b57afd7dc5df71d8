/**
 * The key rotation job of {@code themis4j-jpa} in Spring Boot: the job bean, a startup runner
 * ({@code themis4j.rotation.run=true}), Micrometer gauges of its progress and the {@code keyrotation}
 * Actuator endpoint. See {@code docs/KEY-ROTATION.md}.
 */
@NullMarked
package io.github.themis4j.spring.rotation;

import org.jspecify.annotations.NullMarked;
