package io.github.themis4j.jpa.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One pass over one table in one run: its plan key, partitions and row count. */
final class Walk {
  final Pass pass;
  final PassTable table;
  final String planKey;
  final List<Partition> partitions = new ArrayList<>();
  long rowsToDo;
  long rowsDoneBefore;

  Walk(Pass pass, PassTable table) {
    this.pass = pass;
    this.table = table;
    List<String> parts = new ArrayList<>();
    parts.add(pass.name());
    parts.add(table.table().name());
    parts.add(table.table().keyColumn());
    table.columns().forEach(c -> parts.add(c.name()));
    parts.add(table.filter() == null ? "" : table.filter());
    parts.addAll(table.fingerprint());
    this.planKey = sha256(String.join("\u0000", parts));
  }

  String cursorKey(int no) {
    return sha256(planKey + "\u0000" + no);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String describe() {
    return pass.name()
        + " "
        + table.table().entity()
        + " ("
        + table.table().name()
        + ") ["
        + table.label()
        + "]";
  }
}
