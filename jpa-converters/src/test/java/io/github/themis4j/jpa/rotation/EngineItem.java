package io.github.themis4j.jpa.rotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A table of plain columns for the engine's own tests: a source and a derived column. */
@Entity(name = "EngineItem")
@Table(name = "eng_item")
public class EngineItem {
  @Id Long id;

  @Column(name = "note", length = 64)
  String note;

  @Column(name = "note_upper", length = 64)
  String noteUpper;

  protected EngineItem() {}

  EngineItem(long id, String note) {
    this.id = id;
    this.note = note;
  }
}
