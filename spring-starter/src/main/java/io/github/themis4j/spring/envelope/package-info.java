/**
 * Spring Boot auto-configuration of envelope key rings ({@code themis4j.kek.*}, {@code
 * themis4j.envelope.*}): a KEK in a PKCS#11 token or a PKCS#12 keystore, wrapped data keys in files
 * or a table, per-tenant rings, health and the {@code themis4jenvelope} Actuator endpoint.
 */
@NullMarked
package io.github.themis4j.spring.envelope;

import org.jspecify.annotations.NullMarked;
