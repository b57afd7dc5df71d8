package io.github.themis4j.jpa.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counters per subject, failures per subject and reason, failed row ids. Not thread-safe. */
final class Tally {
  static final int MAX_FAILED_IDS = 20;

  final Map<String, Map<String, Long>> counters = new TreeMap<>();
  final Map<String, Map<String, Long>> failures = new TreeMap<>();
  final Map<String, List<String>> failedIds = new TreeMap<>();

  void add(String subject, String counter, long n) {
    counters.computeIfAbsent(subject, s -> new TreeMap<>()).merge(counter, n, Long::sum);
  }

  void fail(String subject, String reason, String id) {
    failures.computeIfAbsent(subject, s -> new TreeMap<>()).merge(reason, 1L, Long::sum);
    List<String> ids = failedIds.computeIfAbsent(subject, s -> new ArrayList<>());
    if (ids.size() < MAX_FAILED_IDS) {
      ids.add(id);
    }
  }

  void addAll(Tally o) {
    o.counters.forEach((s, m) -> m.forEach((c, n) -> add(s, c, n)));
    o.failures.forEach(
        (s, m) ->
            m.forEach(
                (r, n) ->
                    failures.computeIfAbsent(s, k -> new TreeMap<>()).merge(r, n, Long::sum)));
    o.failedIds.forEach(
        (s, ids) -> {
          List<String> into = failedIds.computeIfAbsent(s, k -> new ArrayList<>());
          for (String id : ids) {
            if (into.size() < MAX_FAILED_IDS) {
              into.add(id);
            }
          }
        });
  }

  static Map<String, Map<String, Long>> frozen(Map<String, Map<String, Long>> m) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    return Collections.unmodifiableMap(out);
  }

  static Map<String, List<String>> frozenIds(Map<String, List<String>> m) {
    Map<String, List<String>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }
}
