/**
 * Secure Message: stateless public-key encryption and signatures, wire-compatible with Themis
 * 0.15. Entry point: {@link io.github.themis4j.message.SecureMessage}.
 */
package io.github.themis4j.message;
