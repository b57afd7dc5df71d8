package io.github.themis4j.demo.web;

import io.github.themis4j.demo.legacy.LegacyAdoption;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The legacy table being taken over (docs/ADOPTING.md): its rows' states and the migration. */
@RestController
class LegacyController {
  private final LegacyAdoption adoption;

  LegacyController(LegacyAdoption adoption) {
    this.adoption = adoption;
  }

  @GetMapping("/api/legacy")
  List<LegacyAdoption.RowState> rows() {
    return adoption.rows();
  }

  @PostMapping("/api/legacy/migrate")
  LegacyAdoption.Result migrate() {
    return adoption.migrate();
  }
}
