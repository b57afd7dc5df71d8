/**
 * Spring Boot auto-configuration for themis4j: key rings, this application's key pair and its
 * peers from {@code themis4j.*} properties, the JPA integration, Secure Message, Secure Session
 * and Secure Comparator beans, and Actuator support.
 */
@NullMarked
package io.github.themis4j.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
