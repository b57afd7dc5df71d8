package io.github.themis4j.demo.keys;

import io.github.themis4j.demo.patient.EncryptedColumn;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which keys the stored values need: the key ids in the envelopes of every Seal and Token Protect
 * value (read over JDBC, nothing decrypted), and the pinned key of Context Imprint columns. A key
 * that no value needs can be retired. Thread-safe.
 */
@Service
public class KeyUsage {
  private final JdbcTemplate jdbc;

  public KeyUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Values of one column per key id.
   *
   * @param column the column
   * @param mode its Secure Cell mode
   * @param keyRing its key ring
   * @param keyIds number of stored values per key id
   */
  public record ColumnUsage(String column, String mode, String keyRing, Map<String, Long> keyIds) {}

  @Transactional(readOnly = true)
  public List<ColumnUsage> byColumn() {
    List<ColumnUsage> usage = new ArrayList<>();
    for (EncryptedColumn c : EncryptedColumn.PATIENT) {
      Map<String, Long> counts = new TreeMap<>();
      if (c.mode() == CellMode.CONTEXT_IMPRINT) {
        long n = jdbc.queryForObject("select count(" + c.column() + ") from patient", Long.class);
        if (n > 0) {
          // Context Imprint stores no key id: the values need the pinned key (or, unpinned, the
          // active one).
          counts.put(c.pinnedKeyId() != null ? c.pinnedKeyId() : "(active key)", n);
        }
      } else {
        String envelopeColumn = c.tokenColumn() != null ? c.tokenColumn() : c.column();
        jdbc.query(
            "select " + envelopeColumn + " from patient where " + envelopeColumn + " is not null",
            rs -> {
              byte[] stored =
                  c.format() == ColumnFormat.BASE64
                      ? Base64.getDecoder()
                          .decode(rs.getString(1).getBytes(StandardCharsets.US_ASCII))
                      : rs.getBytes(1);
              counts.merge(EncryptedValueCodec.storedKeyId(stored), 1L, Long::sum);
            });
      }
      usage.add(new ColumnUsage(c.column(), c.modeName(), c.keyRing(), counts));
    }
    return usage;
  }

  /** How many stored values need key {@code keyId} of ring {@code ring}. */
  public long uses(String ring, String keyId) {
    return byColumn().stream()
        .filter(u -> u.keyRing().equals(ring))
        .mapToLong(u -> u.keyIds().getOrDefault(keyId, 0L))
        .sum();
  }
}
