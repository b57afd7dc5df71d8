package io.github.themis4j.spring.bidx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Data finders on an encrypted attribute with a blind index: index key ring from
 * properties, no other configuration, repositories unchanged.
 */
@SpringBootTest(
    classes = BidxApplication.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:themis4j-bidx;DB_CLOSE_DELAY=-1",
      "spring.jpa.hibernate.ddl-auto=create-drop",
      "themis4j.key-rings.default.active=d1",
      "themis4j.key-rings.default.keys[0].id=d1",
      "themis4j.key-rings.default.keys[0].value=YNmx6jm5EXfoGsOOymyewzuc4kN/HXXyDeFji4FN4L0=",
      "themis4j.key-rings.blind-index.active=i1",
      "themis4j.key-rings.blind-index.keys[0].id=i1",
      "themis4j.key-rings.blind-index.keys[0].value=r1y8KR//SVTsxUt7d01G2XtAqvJu8RchMI4fGwWpU2Y="
    })
class BlindIndexRepositoryTest {
  @Autowired MemberRepository members;
  @Autowired JdbcTemplate jdbc;
  @Autowired EntityManager em;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void data() {
    members.deleteAllInBatch();
    for (int i = 0; i < 30; i++) {
      members.save(new Member("m" + i, "m" + i + "@example.org", "756." + (1000 + i)));
    }
  }

  @Test
  void derivedFindersWorkWithPlaintextArguments() {
    assertThat(members.findByEmail("M7@Example.org ")).map(Member::getLabel).contains("m7");
    assertThat(members.findByEmail("nobody@example.org")).isEmpty();
    assertThat(members.existsByEmail("m3@example.org")).isTrue();
    assertThat(members.existsByEmail("m30@example.org")).isFalse();
    assertThat(members.findByEmailIn(List.of("m1@example.org", "m2@example.org", "x@y")))
        .extracting(Member::getLabel)
        .containsExactlyInAnyOrder("m1", "m2");
    assertThat(members.countByEmail("m4@example.org")).isEqualTo(1);
    assertThat(members.findByEmailNot("m0@example.org")).hasSize(29);
    assertThat(members.byEmailAndLabel("m5@example.org", "m5")).hasSize(1);
    assertThat(members.byEmailAndLabel("m5@example.org", "m6")).isEmpty();
    assertThat(members.deleteByEmail("m9@example.org")).isEqualTo(1);
    assertThat(members.existsByEmail("m9@example.org")).isFalse();
    String stored =
        jdbc.queryForObject("select email_bidx from member where label = 'm1'", String.class);
    assertThat(stored).startsWith("i1:").hasSize(3 + 43);
  }

  @Test
  void duplicateEmailViolatesTheUniqueIndex() {
    assertThatThrownBy(() -> members.saveAndFlush(new Member("dup", " m1@EXAMPLE.org", "1")))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void truncatedIndexIsFilteredOrRefused() {
    // 30 ids in 8 buckets: candidates collide, the filtered lookup returns exactly one
    List<Member> found = tx.execute(s -> members.withNationalId(em, "756 1017"));
    assertThat(found).extracting(Member::getLabel).containsExactly("m17");
    assertThatThrownBy(() -> members.findByNationalId("756.1017"))
        .satisfies(
            e -> {
              Throwable root = e;
              while (root.getCause() != null) {
                root = root.getCause();
              }
              assertThat(root.getMessage())
                  .contains("Member.nationalId")
                  .contains("BlindIndexQueries.findAll")
                  .doesNotContain("1017");
            });
  }
}
