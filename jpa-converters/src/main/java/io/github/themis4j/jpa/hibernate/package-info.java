/**
 * Hibernate ORM 7 plumbing of the {@code @Encrypted} integration: the attribute binder, the user
 * type, the event listener and the integrator Hibernate discovers through {@code
 * META-INF/services}. These classes are public only because Hibernate instantiates them
 * reflectively; they are not API and may change in any release. Use the types of {@link
 * io.github.themis4j.jpa} instead.
 */
package io.github.themis4j.jpa.hibernate;
