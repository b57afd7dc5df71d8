package io.github.themis4j.session;

import io.github.themis4j.ThemisException;

/**
 * A {@link SessionTransport} could not send or receive a message: the connection is closed, timed
 * out or failed. The counterpart of Themis's {@code THEMIS_SSESSION_TRANSPORT_ERROR}. The session
 * state is unchanged by the failed step, but the underlying connection is usually unusable.
 */
public class TransportException extends ThemisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   */
  public TransportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level failure that caused it.
   *
   * @param message what failed; must not contain key material, plaintext or passphrases
   * @param cause the underlying exception (may be null); its message must not contain secrets
   *     either
   */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
