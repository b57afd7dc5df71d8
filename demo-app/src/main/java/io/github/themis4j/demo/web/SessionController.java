package io.github.themis4j.demo.web;

import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.crypto.PartnerSessionClient;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Secure Session: the partner clinic opens a session to this application's session server over a
 * real TCP connection and exchanges messages; the answer shows the plaintexts beside what went over
 * the wire.
 */
@RestController
class SessionController {
  private static final int MAX_MESSAGES = 10;
  private static final int MAX_LENGTH = 1000;

  private final PartnerSessionClient client;

  SessionController(PartnerSessionClient client) {
    this.client = client;
  }

  /** {@code messages}: 1 to 10 non-empty texts of up to 1000 characters. */
  record ExchangeRequest(List<String> messages) {}

  @PostMapping("/api/session/exchange")
  PartnerSessionClient.Transcript exchange(@RequestBody ExchangeRequest request) {
    List<String> messages = request == null ? null : request.messages();
    if (messages == null || messages.isEmpty() || messages.size() > MAX_MESSAGES) {
      throw new BadRequestException("messages must hold 1 to " + MAX_MESSAGES + " texts");
    }
    for (String m : messages) {
      if (m == null || m.isEmpty() || m.length() > MAX_LENGTH) {
        throw new BadRequestException("each message must be 1 to " + MAX_LENGTH + " characters");
      }
    }
    return client.exchange(messages);
  }
}
