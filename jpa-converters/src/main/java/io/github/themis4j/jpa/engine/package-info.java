/**
 * The re-encryption engine: one walk over stored rows for every pass that rewrites encrypted values
 * (key rotation, encryption of legacy plaintext in place, blind-index backfill). A {@link
 * io.github.themis4j.jpa.engine.Pass} declares the tables and columns it reads and decides, row by
 * row, what to write; {@link io.github.themis4j.jpa.engine.ReencryptionJob} splits each table into
 * key ranges, walks them in keyset-paginated batches on N worker threads (one transaction per batch
 * with the range's durable cursor), writes with compare-and-set updates, paces, reports progress
 * and failed ranges. Plain Hibernate; see {@code docs/ENGINE.md}.
 */
package io.github.themis4j.jpa.engine;
