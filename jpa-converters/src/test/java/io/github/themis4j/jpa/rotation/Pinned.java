package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Context Imprint attribute pinned to a key, in two versions of the application: {@link V1}
 * pinned to k1 (before the rotation), {@link V2} pinned to k2 (deployed after it). Same table.
 */
final class Pinned {
  private Pinned() {}

  @Entity(name = "RotPinned")
  @Table(name = "rot_pinned")
  public static class V1 {
    @Id Long id;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
    @Column(length = 100)
    String code;

    public V1() {}

    V1(long id, String code) {
      this.id = id;
      this.code = code;
    }
  }

  @Entity(name = "RotPinned")
  @Table(name = "rot_pinned")
  public static class V2 {
    @Id Long id;

    @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k2")
    @Column(length = 100)
    String code;

    public V2() {}
  }
}
