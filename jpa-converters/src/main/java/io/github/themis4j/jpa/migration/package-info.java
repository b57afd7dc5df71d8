/**
 * Taking over existing columns: the passes that encrypt legacy plaintexts and foreign Themis cells
 * in place (and decrypt them back for a rollback), and the column check they run first. See {@code
 * docs/ADOPTING.md}.
 */
package io.github.themis4j.jpa.migration;
