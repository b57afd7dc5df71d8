package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.EncryptedAttribute;
import java.util.List;

/** The encrypted attributes of one entity (by entity name), with their state-array positions. */
final class EncryptedEntity {
  final String entityName;
  final List<Binding> bindings;

  EncryptedEntity(String entityName, List<Binding> bindings) {
    this.entityName = entityName;
    this.bindings = List.copyOf(bindings);
  }

  /** One encrypted attribute; positions are filled once the persisters exist. */
  static final class Binding {
    final EncryptedAttribute attribute;
    volatile int index = -1;
    volatile int tokenIndex = -1;

    Binding(EncryptedAttribute attribute) {
      this.attribute = attribute;
    }
  }
}
