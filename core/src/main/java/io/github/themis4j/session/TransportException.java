package io.github.themis4j.session;

import io.github.themis4j.ThemisException;

/**
 * A {@link SessionTransport} could not send or receive a message: the connection is closed, timed
 * out or failed. The counterpart of Themis's {@code THEMIS_SSESSION_TRANSPORT_ERROR}. The session
 * state is unchanged by the failed step, but the underlying connection is usually unusable.
 */
public class TransportException extends ThemisException {
  private static final long serialVersionUID = 1L;

  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
