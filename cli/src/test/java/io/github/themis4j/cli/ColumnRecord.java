package io.github.themis4j.cli;

import io.github.themis4j.jpa.CellMode;
import io.github.themis4j.jpa.ColumnFormat;
import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Every mode in a binary and a base64 column, plus typed and unbound values; Long ids. */
@Entity(name = "ColumnRecord")
@Table(name = "cli_record")
public class ColumnRecord {
  @Id Long id;

  @Encrypted
  @Column(name = "seal_bin", length = 300)
  String sealBin;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "seal_txt", length = 400)
  String sealTxt;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, tokenAttribute = "tokenBinToken")
  @Column(name = "token_bin", length = 300)
  String tokenBin;

  @Column(name = "token_bin_token", length = 120)
  byte[] tokenBinToken;

  @Encrypted(mode = CellMode.TOKEN_PROTECT, format = ColumnFormat.BASE64, tokenAttribute = "tokenTxtToken")
  @Column(name = "token_txt", length = 400)
  String tokenTxt;

  @Column(name = "token_txt_token", length = 200)
  String tokenTxtToken;

  @Encrypted(mode = CellMode.CONTEXT_IMPRINT, keyId = "k1")
  @Column(name = "imprint_bin", length = 300)
  String imprintBin;

  @Encrypted(mode = CellMode.CONTEXT_IMPRINT, format = ColumnFormat.BASE64, keyId = "k1")
  @Column(name = "imprint_txt", length = 400)
  String imprintTxt;

  @Encrypted(format = ColumnFormat.BASE64)
  @Column(name = "born", length = 200)
  LocalDate born;

  @Encrypted
  @Column(name = "amount", length = 200)
  Integer amount;

  @Encrypted(bindToId = false)
  @Column(name = "unbound", length = 300)
  String unbound;

  public ColumnRecord() {}
}
