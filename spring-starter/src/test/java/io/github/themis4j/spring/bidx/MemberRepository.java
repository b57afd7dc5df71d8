package io.github.themis4j.spring.bidx;

import io.github.themis4j.jpa.index.BlindIndexQueries;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Unchanged derived finders and JPQL on the encrypted e-mail; a filtered lookup by national id. */
public interface MemberRepository extends JpaRepository<Member, Long> {
  Optional<Member> findByEmail(String email);

  boolean existsByEmail(String email);

  List<Member> findByEmailIn(Collection<String> emails);

  long countByEmail(String email);

  List<Member> findByEmailNot(String email);

  @Transactional
  long deleteByEmail(String email);

  @Query("select m from Member m where m.email = :email and m.label = :label")
  List<Member> byEmailAndLabel(@Param("email") String email, @Param("label") String label);

  List<Member> findByNationalId(String nationalId);

  /** Exactly the members with this national id (its index is truncated). */
  default List<Member> withNationalId(EntityManager em, String nationalId) {
    return BlindIndexQueries.findAll(em, Member.class, "nationalId", nationalId);
  }
}
