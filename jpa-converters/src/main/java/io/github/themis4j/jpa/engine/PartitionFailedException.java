package io.github.themis4j.jpa.engine;

/** A partition failed and the job is fail-fast: the run stopped. Names no values. */
public class PartitionFailedException extends ReencryptionException {
  private static final long serialVersionUID = 1L;

  private final transient PartitionFailure failure;

  public PartitionFailedException(PartitionFailure failure, Throwable cause) {
    super(failure.toString(), cause);
    this.failure = failure;
  }

  /** The partition, its key range and the rows at fault. */
  public PartitionFailure failure() {
    return failure;
  }
}
