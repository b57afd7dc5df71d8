package io.github.themis4j.jpa.hibernate;

/**
 * Stands in for an encrypted attribute's value in Hibernate's state array between the pre-write
 * event (which encrypts) and the post-write event (which puts the plaintext back): carries both the
 * column value to bind and the plaintext, so dirty checking still compares plaintexts.
 */
final class PendingWrite {
  final Object plaintext;
  final Object column;

  PendingWrite(Object plaintext, Object column) {
    this.plaintext = plaintext;
    this.column = column;
  }

  /** The same write carrying {@code copy}, a copy of the plaintext. */
  PendingWrite withPlaintext(Object copy) {
    return new PendingWrite(copy, column);
  }

  /** The plaintext to put back into the state array: a copy if it is mutable. */
  Object restoredPlaintext() {
    return plaintext instanceof byte[] ? ((byte[]) plaintext).clone() : plaintext;
  }

  @Override
  public String toString() {
    return "[encrypted value pending write]";
  }
}
