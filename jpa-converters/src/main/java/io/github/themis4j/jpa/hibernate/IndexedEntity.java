package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.index.BlindIndexDefinition;
import java.util.List;

/** The blind indexes of one entity (by Hibernate entity name), with their state-array positions. */
final class IndexedEntity {
  final String entityName;
  final List<Binding> bindings;

  IndexedEntity(String entityName, List<Binding> bindings) {
    this.entityName = entityName;
    this.bindings = List.copyOf(bindings);
  }

  /** One index; positions are filled once the persisters exist. */
  static final class Binding {
    final BlindIndexDefinition index;
    volatile int indexPosition = -1;
    volatile int[] sourcePositions;

    Binding(BlindIndexDefinition index) {
      this.index = index;
    }
  }
}
