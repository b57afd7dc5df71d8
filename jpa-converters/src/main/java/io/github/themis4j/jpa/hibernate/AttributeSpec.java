package io.github.themis4j.jpa.hibernate;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import io.github.themis4j.jpa.ValueEncoding;

/** What {@link Encrypted} says about one attribute, captured at binding time. Immutable. */
final class AttributeSpec {
  final String owner;
  final String attribute;
  final ValueEncoding<?> encoding;
  final CellMode mode;
  final String keyRing;
  final String keyId;
  final ColumnFormat format;
  final String tokenAttribute;
  final boolean bindToId;
  final String contextTable;
  final String contextColumn;
  final io.github.themis4j.jpa.MigrationState migration;

  AttributeSpec(String owner, String attribute, ValueEncoding<?> encoding, Encrypted a) {
    this.owner = owner;
    this.attribute = attribute;
    this.encoding = encoding;
    this.mode = a.mode();
    this.keyRing = a.keyRing();
    this.keyId = a.keyId().isEmpty() ? null : a.keyId();
    this.format = a.format();
    this.tokenAttribute = a.tokenAttribute().isEmpty() ? null : a.tokenAttribute();
    this.bindToId = a.bindToId();
    this.contextTable = a.contextTable().isEmpty() ? null : a.contextTable();
    this.contextColumn = a.contextColumn().isEmpty() ? null : a.contextColumn();
    this.migration = a.migration();
  }

  String where() {
    return owner + "." + attribute;
  }

  @Override
  public String toString() {
    return "@Encrypted " + where() + " (" + mode + ", " + format + ", ring " + keyRing + ")";
  }
}
