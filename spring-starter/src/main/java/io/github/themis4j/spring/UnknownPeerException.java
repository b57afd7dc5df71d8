package io.github.themis4j.spring;

import io.github.themis4j.ThemisException;

/** A peer id that has no configured public key ({@code themis4j.peers.<id>}). Fails closed. */
public class UnknownPeerException extends ThemisException {
  private static final long serialVersionUID = 1L;

  private final String peerId;

  public UnknownPeerException(String peerId) {
    super("no public key is configured for peer '" + peerId + "' (themis4j.peers." + peerId + ")");
    this.peerId = peerId;
  }

  /** The peer id asked for. */
  public String peerId() {
    return peerId;
  }
}
