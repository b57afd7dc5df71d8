package io.github.themis4j.demo.crypto;

import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.session.SessionTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that passes every Secure Session message on and keeps a copy: what an eavesdropper on
 * the connection sees. Not thread-safe (like the session it serves).
 */
final class RecordingTransport implements SessionTransport {
  /** One message on the wire; {@code outgoing} from the recording side. */
  record Frame(boolean outgoing, byte[] bytes) {}

  private final SessionTransport delegate;
  private final List<Frame> frames = new ArrayList<>();

  RecordingTransport(SessionTransport delegate) {
    this.delegate = delegate;
  }

  @Override
  public void send(byte[] data) {
    delegate.send(data);
    frames.add(new Frame(true, data.clone()));
  }

  @Override
  public byte[] receive(int maxLength) {
    byte[] data = delegate.receive(maxLength);
    frames.add(new Frame(false, data.clone()));
    return data;
  }

  @Override
  public PublicKey publicKeyFor(byte[] peerId) {
    return delegate.publicKeyFor(peerId);
  }

  /** Frames recorded since index {@code from}. */
  List<Frame> since(int from) {
    return List.copyOf(frames.subList(from, frames.size()));
  }

  int size() {
    return frames.size();
  }
}
