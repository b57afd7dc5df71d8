/**
 * Envelope key rings for the JPA module: the database store of wrapped data keys ({@link
 * io.github.themis4j.jpa.envelope.JdbcWrappedKeyStore}, Flyway migration at {@code
 * classpath:db/themis4j}) and per-tenant keys with crypto-shredding ({@link
 * io.github.themis4j.jpa.envelope.TenantKeyRings}). See {@code docs/ENVELOPE-KEYS.md}.
 */
package io.github.themis4j.jpa.envelope;
