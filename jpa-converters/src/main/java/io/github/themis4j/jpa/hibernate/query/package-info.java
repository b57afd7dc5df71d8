/**
 * The query side of the {@code @Encrypted} integration: {@link
 * io.github.themis4j.jpa.hibernate.query.EncryptedQueryGuard} checks every HQL and Criteria
 * statement on its SQM tree before translation and refuses those that would write plaintext into,
 * copy ciphertext between, or compute with encrypted columns. Not API.
 */
package io.github.themis4j.jpa.hibernate.query;
