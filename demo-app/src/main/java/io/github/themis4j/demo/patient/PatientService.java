package io.github.themis4j.demo.patient;

import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.NotFoundException;
import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.EncryptedValueCodec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients through JPA (which encrypts and decrypts the {@code @Encrypted} attributes), and their
 * raw columns through JDBC (which sees only what is stored). Thread-safe.
 */
@Service
public class PatientService {
  private static final Pattern INSURANCE_NUMBER = Pattern.compile("[A-Z]{3}-[0-9]{4}-[0-9]{4}");
  private static final HexFormat HEX = HexFormat.of();

  /** The largest page {@link #page} serves. */
  public static final int MAX_PAGE_SIZE = 500;

  private final PatientRepository patients;
  private final JdbcTemplate jdbc;

  public PatientService(PatientRepository patients, JdbcTemplate jdbc) {
    this.patients = patients;
    this.jdbc = jdbc;
  }

  /** Every patient, by id (the signed export): two queries, whatever the number of patients. */
  @Transactional(readOnly = true)
  public List<PatientView> list() {
    List<Patient> all = patients.findAllByOrderByIdAsc();
    return views(all, storedRows("select * from patient"));
  }

  /**
   * One page of patients by id: two queries, one for the entities and one for their stored columns.
   *
   * @param page from 0
   * @param size 1 to {@value #MAX_PAGE_SIZE}
   */
  @Transactional(readOnly = true)
  public List<PatientView> page(int page, int size) {
    if (page < 0) {
      throw new BadRequestException("page must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size must be between 1 and " + MAX_PAGE_SIZE);
    }
    List<Patient> slice = patients.findAllByOrderByIdAsc(PageRequest.of(page, size));
    if (slice.isEmpty()) {
      return List.of();
    }
    // The page is ordered by id, so every row with an id in [first, last] is one of its rows.
    return views(
        slice,
        storedRows(
            "select * from patient where id between ? and ?",
            slice.get(0).getId(),
            slice.get(slice.size() - 1).getId()));
  }

  @Transactional(readOnly = true)
  public PatientView get(long id) {
    Patient p = find(id);
    return view(p, jdbc.queryForMap("select * from patient where id = ?", p.getId()));
  }

  @Transactional(readOnly = true)
  public long count() {
    return patients.count();
  }

  /** Creates a patient with a fresh recovery code. */
  @Transactional
  public PatientView create(PatientInput input) {
    check(input);
    Patient p = new Patient(input.fullName().trim(), input.city().trim(), RecoveryCodes.generate());
    apply(p, input);
    return view(patients.saveAndFlush(p));
  }

  /** Replaces a patient's fields (not the recovery code); everything is encrypted again. */
  @Transactional
  public PatientView replace(long id, PatientInput input) {
    check(input);
    Patient p = find(id);
    p.setFullName(input.fullName().trim());
    p.setCity(input.city().trim());
    apply(p, input);
    return view(patients.saveAndFlush(p));
  }

  @Transactional
  public void delete(long id) {
    patients.delete(find(id));
  }

  /** The patient's current recovery code (decrypted), for the Secure Comparator. */
  @Transactional(readOnly = true)
  public String recoveryCode(long id) {
    return find(id).getRecoveryCode();
  }

  /**
   * Replaces the recovery code after it was used, if it is still {@code used}. Callers serialize
   * uses of one patient's code (see RecoveryCodeComparator).
   *
   * @return whether the code was still {@code used} and is now replaced (false: already used up)
   */
  @Transactional
  public boolean consumeRecoveryCode(long id, String used) {
    Patient p = find(id);
    if (!p.getRecoveryCode().equals(used)) {
      return false;
    }
    p.setRecoveryCode(RecoveryCodes.generate());
    return true;
  }

  private Patient find(long id) {
    return patients
        .findById(id)
        .orElseThrow(() -> new NotFoundException("there is no patient " + id));
  }

  private static void apply(Patient p, PatientInput input) {
    p.setNotes(blankToNull(input.notes()));
    p.setEmail(blankToNull(input.email()));
    p.setInsuranceNumber(blankToNull(input.insuranceNumber()));
    p.setBirthDate(input.birthDate());
  }

  private static void check(PatientInput in) {
    if (in == null) {
      throw new BadRequestException("the request body must be a patient object");
    }
    text("fullName", in.fullName(), 100, true);
    text("city", in.city(), 60, true);
    text("notes", in.notes(), 1000, false);
    String email = text("email", in.email(), 254, false);
    if (email != null && (email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1)) {
      throw new BadRequestException("email must look like name@domain");
    }
    String ins = text("insuranceNumber", in.insuranceNumber(), 13, false);
    if (ins != null && !INSURANCE_NUMBER.matcher(ins).matches()) {
      throw new BadRequestException(
          "insuranceNumber must have the form AAA-0000-0000 (13 characters)");
    }
    LocalDate birth = in.birthDate();
    if (birth != null
        && (birth.isBefore(LocalDate.of(1800, 1, 1)) || birth.isAfter(LocalDate.now()))) {
      throw new BadRequestException("birthDate must be between 1800-01-01 and today");
    }
  }

  /** Checks a text field; returns it trimmed, or null if absent or blank. */
  private static String text(String name, String value, int max, boolean required) {
    String v = blankToNull(value);
    if (v == null) {
      if (required) {
        throw new BadRequestException(name + " is required");
      }
      return null;
    }
    if (v.length() > max) {
      throw new BadRequestException(name + " must be at most " + max + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw new BadRequestException(name + " contains a control character");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < v.length()
            && Character.isLowSurrogate(v.charAt(i + 1))) {
          i++;
        } else {
          throw new BadRequestException(name + " contains an unpaired surrogate character");
        }
      }
    }
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  // ---- views --------------------------------------------------------------------------------

  private PatientView view(Patient p) {
    return view(p, jdbc.queryForMap("select * from patient where id = ?", p.getId()));
  }

  private Map<Long, Map<String, Object>> storedRows(String sql, Object... args) {
    Map<Long, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row : jdbc.queryForList(sql, args)) {
      rows.put(((Number) row.get("id")).longValue(), row);
    }
    return rows;
  }

  private List<PatientView> views(List<Patient> ps, Map<Long, Map<String, Object>> rows) {
    List<PatientView> views = new ArrayList<>(ps.size());
    for (Patient p : ps) {
      Map<String, Object> row = rows.get(p.getId());
      // A row inserted after the entity query is simply not listed; one deleted in between is read
      // alone (and reported as missing by find) rather than shown half-empty.
      views.add(row == null ? view(p) : view(p, row));
    }
    return views;
  }

  private PatientView view(Patient p, Map<String, Object> row) {
    List<PatientView.Field> fields = new ArrayList<>();
    for (EncryptedColumn c : EncryptedColumn.PATIENT) {
      Object value =
          switch (c.attribute()) {
            case "fullName" -> p.getFullName();
            case "notes" -> p.getNotes();
            case "email" -> p.getEmail();
            case "insuranceNumber" -> p.getInsuranceNumber();
            case "birthDate" -> p.getBirthDate();
            case "recoveryCode" -> p.getRecoveryCode();
            default -> throw new IllegalStateException("no view of attribute " + c.attribute());
          };
      fields.add(field(c, value, row));
    }
    return new PatientView(p.getId(), p.getCity(), p.getCreatedAt(), fields);
  }

  private static PatientView.Field field(EncryptedColumn c, Object value, Map<String, Object> row) {
    PatientView.Stored stored = stored(c.column(), row.get(c.column()), c.format());
    PatientView.Stored token =
        c.tokenColumn() == null
            ? null
            : stored(c.tokenColumn(), row.get(c.tokenColumn()), c.format());
    String keyId = null;
    boolean keyIdStored = false;
    if (stored != null) {
      if (c.mode() == CellMode.CONTEXT_IMPRINT) {
        keyId = c.pinnedKeyId(); // Context Imprint stores no key id: the mapping pins it
      } else {
        byte[] envelope = HEX.parseHex(token != null ? token.hex() : stored.hex());
        keyId = EncryptedValueCodec.storedKeyId(envelope);
        keyIdStored = true;
      }
    }
    Integer plainBytes =
        value == null
            ? null
            : value instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8).length
                : 8; // LocalDate: i64
    return new PatientView.Field(
        c.attribute(),
        c.column(),
        c.modeName(),
        c.format().name().toLowerCase(Locale.ROOT),
        c.keyRing(),
        keyId,
        keyIdStored,
        value == null ? null : value.toString(),
        plainBytes,
        stored,
        token);
  }

  private static PatientView.Stored stored(String column, Object raw, ColumnFormat format) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof byte[] b) {
      return new PatientView.Stored(column, b.length, HEX.formatHex(b), null);
    }
    String text = raw.toString();
    byte[] b =
        format == ColumnFormat.BASE64
            ? Base64.getDecoder().decode(text)
            : text.getBytes(StandardCharsets.UTF_8);
    return new PatientView.Stored(column, b.length, HEX.formatHex(b), text);
  }
}
