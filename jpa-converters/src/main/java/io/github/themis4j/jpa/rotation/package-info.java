/**
 * Re-encrypting stored {@code @Encrypted} values to the active key: {@link
 * io.github.themis4j.jpa.rotation.KeyRotationJob} walks every entity table in batches, re-encrypts
 * each value not under its target key with a compare-and-set update (Seal, Token Protect:
 * stateless) or with durable progress (Context Imprint: resumable), and reports in a {@link
 * io.github.themis4j.jpa.rotation.RotationReport} whether any value still needs an old key. See
 * {@code docs/KEY-ROTATION.md}.
 */
package io.github.themis4j.jpa.rotation;
