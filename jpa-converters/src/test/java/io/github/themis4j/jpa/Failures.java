package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Finds the themis4j exception inside whatever Hibernate or JPA wrapped it in. */
final class Failures {
  private Failures() {}

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the cause chain of " + t, t);
  }

  /**
   * Runs {@code call}, asserts it fails with an {@link EncryptedAttributeException}, returns it.
   */
  static EncryptedAttributeException attributeFailure(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected a failure").isNotNull();
    return find(t, EncryptedAttributeException.class);
  }

  /** Runs {@code call}, asserts it fails with an {@link EncryptionMappingException}, returns it. */
  static EncryptionMappingException mappingFailure(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("expected a failure").isNotNull();
    return find(t, EncryptionMappingException.class);
  }
}
