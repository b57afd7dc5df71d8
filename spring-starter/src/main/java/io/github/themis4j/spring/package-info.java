/**
 * Beans that the themis4j Spring Boot starter provides: peers' public keys, key ring registrars,
 * and services for Secure Message, Secure Session and Secure Comparator.
 */
@NullMarked
package io.github.themis4j.spring;

import org.jspecify.annotations.NullMarked;
