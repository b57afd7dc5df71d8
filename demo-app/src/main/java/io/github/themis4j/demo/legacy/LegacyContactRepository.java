package io.github.themis4j.demo.legacy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The contacts of the legacy table. */
public interface LegacyContactRepository extends JpaRepository<LegacyContact, Long> {
  List<LegacyContact> findAllByOrderByIdAsc();
}
