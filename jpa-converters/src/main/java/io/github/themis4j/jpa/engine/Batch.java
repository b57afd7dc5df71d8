package io.github.themis4j.jpa.engine;

/** What one committed batch of a partition did. */
final class Batch {
  int rows;
  long rewritten;
  long conflicts;
  Object last;
  boolean finished;
  boolean takenOver;
  final Tally tally = new Tally();
}
