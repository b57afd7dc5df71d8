package io.github.themis4j.demo.crypto;

import io.github.themis4j.ThemisException;
import io.github.themis4j.comparator.SecureComparator;
import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.TooManyAttemptsException;
import io.github.themis4j.demo.patient.PatientService;
import io.github.themis4j.spring.SecureComparatorFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Checks a patient's one-time recovery code with Secure Comparator: the clinic (holding the stored
 * code) and a caller (holding the code they were given) learn whether the codes are equal without
 * either sending it. A matching code is used up: the clinic replaces it.
 *
 * <p>Two ways: {@link #checkInProcess} plays both parties in this process and returns the four
 * protocol messages; {@link #step} lets a remote caller run its own comparator over HTTP, the
 * clinic answering as the responding side. Secure Comparator tells a guesser whether each guess is
 * right, so failed comparisons are limited to {@value #MAX_FAILURES} per patient per {@link
 * #FAILURE_WINDOW}. Secrets are the UTF-8 bytes of the code (the in-process check strips and
 * upper-cases what is typed).
 *
 * <p>Thread-safe.
 */
@Service
public class RecoveryCodeComparator {
  static final int MAX_FAILURES = 5;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
  static final Duration EXCHANGE_TIMEOUT = Duration.ofMinutes(2);
  static final int MAX_OPEN_EXCHANGES = 1000;

  private final PatientService patients;
  private final SecureComparatorFactory comparators;
  private final Clock clock;
  private static final Object[] CONSUME_LOCKS = new Object[64];

  static {
    for (int i = 0; i < CONSUME_LOCKS.length; i++) {
      CONSUME_LOCKS[i] = new Object();
    }
  }

  private final Map<Long, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, OpenExchange> open = new ConcurrentHashMap<>();

  public RecoveryCodeComparator(PatientService patients, SecureComparatorFactory comparators) {
    this.patients = patients;
    this.comparators = comparators;
    this.clock = Clock.systemUTC();
  }

  /**
   * One protocol message.
   *
   * @param from {@code caller} or {@code clinic}
   * @param bytes its length
   * @param hex its bytes
   */
  public record Message(String from, int bytes, String hex) {}

  /**
   * The result of an in-process comparison.
   *
   * @param match whether the codes were equal (both sides agree) and the code was still unused
   * @param consumed whether the code was used up by this check (replaced by a new one)
   * @param messages the four messages exchanged; none contains the code
   */
  public record Check(boolean match, boolean consumed, List<Message> messages) {}

  /**
   * The clinic's answer in a remote comparison.
   *
   * @param exchange the id to send back with the next message
   * @param message the clinic's reply, base64
   * @param compared whether the clinic has its result (after the second step)
   * @param match the clinic's result once compared (false also when a concurrent comparison used
   *     the code up first), else null
   */
  public record Step(String exchange, String message, boolean compared, Boolean match) {}

  /** Runs both parties here: the clinic with the stored code, the caller with {@code typedCode}. */
  public Check checkInProcess(long patientId, String typedCode) {
    if (typedCode == null || typedCode.isBlank()) {
      throw new BadRequestException("code is required");
    }
    if (typedCode.length() > 100) {
      throw new BadRequestException("code must be at most 100 characters");
    }
    String stored = patients.recoveryCode(patientId);
    checkNotLocked(patientId);
    SecureComparator clinic = comparators.create(stored, StandardCharsets.UTF_8);
    SecureComparator caller =
        comparators.create(typedCode.strip().toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
    List<Message> messages = new ArrayList<>();
    byte[] m1 = record(messages, "caller", caller.beginCompare());
    byte[] m2 = record(messages, "clinic", clinic.proceedCompare(m1));
    byte[] m3 = record(messages, "caller", caller.proceedCompare(m2));
    byte[] m4 = record(messages, "clinic", clinic.proceedCompare(m3));
    caller.proceedCompare(m4);
    if (clinic.isEqual() != caller.isEqual()) {
      throw new IllegalStateException("the two sides of the comparison disagree");
    }
    boolean match = finish(patientId, stored, clinic.isEqual());
    return new Check(match, match, messages);
  }

  /**
   * One step of a remote comparison, the caller being the initiating side: first its 192-byte
   * message without an exchange id, then its 256-byte message with the id returned.
   */
  public Step step(long patientId, String exchangeId, byte[] message) {
    expireOld();
    if (exchangeId == null || exchangeId.isBlank()) {
      String stored = patients.recoveryCode(patientId);
      checkNotLocked(patientId);
      if (open.size() >= MAX_OPEN_EXCHANGES) {
        throw new TooManyAttemptsException("too many comparisons in progress; try again shortly");
      }
      SecureComparator clinic = comparators.create(stored, StandardCharsets.UTF_8);
      byte[] reply = run(patientId, clinic, message);
      String id = UUID.randomUUID().toString();
      open.put(id, new OpenExchange(patientId, stored, clinic, clock.instant()));
      return new Step(id, base64(reply), false, null);
    }
    OpenExchange ex = open.remove(exchangeId);
    if (ex == null || ex.patientId != patientId) {
      throw new BadRequestException(
          "no comparison "
              + exchangeId
              + " in progress for patient "
              + patientId
              + " (it may have expired after "
              + EXCHANGE_TIMEOUT.toMinutes()
              + " minutes)");
    }
    byte[] reply = run(patientId, ex.comparator, message);
    boolean match = finish(patientId, ex.code, ex.comparator.isEqual());
    return new Step(exchangeId, base64(reply), true, match);
  }

  private byte[] run(long patientId, SecureComparator comparator, byte[] message) {
    try {
      return comparator.proceedCompare(message);
    } catch (ThemisException e) {
      fail(patientId);
      throw new BadRequestException("the comparison failed: " + e.getMessage());
    }
  }

  /**
   * Uses up a matching code. Two comparisons of the same code that end at once both see "equal",
   * but only the first one to get here uses the code; the other is told it does not match.
   *
   * @return whether the comparison counts as a match
   */
  private boolean finish(long patientId, String code, boolean match) {
    if (!match) {
      fail(patientId);
      return false;
    }
    boolean consumed;
    synchronized (CONSUME_LOCKS[(int) (patientId & (CONSUME_LOCKS.length - 1))]) {
      consumed = patients.consumeRecoveryCode(patientId, code);
    }
    if (consumed) {
      failures.remove(patientId);
    }
    return consumed;
  }

  private void checkNotLocked(long patientId) {
    Deque<Instant> f = failures.get(patientId);
    if (f == null) {
      return;
    }
    synchronized (f) {
      prune(f);
      if (f.size() >= MAX_FAILURES) {
        throw new TooManyAttemptsException(
            "too many failed comparisons for patient "
                + patientId
                + "; try again in "
                + FAILURE_WINDOW.toMinutes()
                + " minutes");
      }
    }
  }

  private void fail(long patientId) {
    Deque<Instant> f = failures.computeIfAbsent(patientId, k -> new ArrayDeque<>());
    synchronized (f) {
      prune(f);
      f.addLast(clock.instant());
    }
  }

  private void prune(Deque<Instant> f) {
    Instant limit = clock.instant().minus(FAILURE_WINDOW);
    while (!f.isEmpty() && f.peekFirst().isBefore(limit)) {
      f.removeFirst();
    }
  }

  private void expireOld() {
    Instant limit = clock.instant().minus(EXCHANGE_TIMEOUT);
    open.values().removeIf(e -> e.started.isBefore(limit));
  }

  private static byte[] record(List<Message> messages, String from, byte[] message) {
    messages.add(new Message(from, message.length, HexFormat.of().formatHex(message)));
    return message;
  }

  private static String base64(byte[] b) {
    return b == null ? null : Base64.getEncoder().encodeToString(b);
  }

  /**
   * A comparison waiting for the caller's second message. Its comparator is used by one request at
   * a time.
   */
  private record OpenExchange(
      long patientId, String code, SecureComparator comparator, Instant started) {
    @Override
    public String toString() {
      return "OpenExchange[patient " + patientId + "]";
    }
  }
}
