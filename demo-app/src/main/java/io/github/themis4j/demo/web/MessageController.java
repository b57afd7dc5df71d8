package io.github.themis4j.demo.web;

import io.github.themis4j.ThemisException;
import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.crypto.PartnerClinic;
import io.github.themis4j.demo.patient.PatientService;
import io.github.themis4j.demo.patient.PatientView;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.message.SecureMessage;
import io.github.themis4j.spring.SecureMessageService;
import io.github.themis4j.spring.UnknownPeerException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secure Message: a signed export of the records (anyone can read it, only this application can
 * have made it) and notes encrypted for a peer's public key.
 */
@RestController
class MessageController {
  private final SecureMessageService messages;
  private final KeyPair applicationKeys;
  private final PartnerClinic partner;
  private final PatientService patients;
  private final JsonMapper json;
  private final String applicationId;

  MessageController(
      SecureMessageService messages,
      KeyPair applicationKeys,
      PartnerClinic partner,
      PatientService patients,
      JsonMapper json,
      @Value("${themis4j.session.id}") String applicationId) {
    this.messages = messages;
    this.applicationKeys = applicationKeys;
    this.partner = partner;
    this.patients = patients;
    this.json = json;
    this.applicationId = applicationId;
  }

  /**
   * A signed export of the records.
   *
   * @param signer who signed it (this application's id)
   * @param signerPublicKey the key to verify it with, base64
   * @param content the exported JSON (signed, not encrypted)
   * @param signed the Secure Message signed container, base64
   * @param signedBytes its length
   */
  record SignedExport(
      String signer, String signerPublicKey, String content, String signed, int signedBytes) {}

  /** {@code signer}: a peer id, or absent/this application's id for our own exports. */
  record VerifyRequest(String signed, String signer) {}

  record Verification(boolean valid, String signer, String content, String reason) {}

  record NoteRequest(String peer, String publicKey, String note) {}

  record EncryptedNote(String recipient, String encrypted, int encryptedBytes, int noteBytes) {}

  record OpenRequest(String encrypted) {}

  record OpenedNote(String recipient, String note) {}

  @GetMapping("/api/export")
  SignedExport export() {
    List<Map<String, Object>> records = new ArrayList<>();
    for (PatientView p : patients.list()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", p.id());
      r.put("fullName", p.value("fullName"));
      r.put("birthDate", p.value("birthDate"));
      r.put("city", p.city());
      records.add(r);
    }
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("exportedBy", applicationId);
    export.put("exportedAt", Instant.now().toString());
    export.put("patients", records);
    byte[] content = json.writeValueAsBytes(export);
    byte[] signed = messages.sign(content);
    return new SignedExport(
        applicationId,
        base64(applicationKeys.publicKey().toByteArray()),
        new String(content, StandardCharsets.UTF_8),
        base64(signed),
        signed.length);
  }

  @PostMapping("/api/export/verify")
  Verification verify(@RequestBody VerifyRequest request) {
    byte[] signed = decode("signed", request == null ? null : request.signed());
    String signer =
        request.signer() == null || request.signer().isBlank() ? applicationId : request.signer();
    try {
      byte[] content =
          signer.equals(applicationId)
              ? SecureMessage.verify(applicationKeys.publicKey(), signed)
              : messages.verify(signer, signed);
      return new Verification(true, signer, new String(content, StandardCharsets.UTF_8), null);
    } catch (UnknownPeerException e) {
      throw e;
    } catch (ThemisException e) {
      // A verdict, not a failure of the request: the signature or container is not valid.
      return new Verification(false, signer, null, e.getMessage());
    }
  }

  @PostMapping("/api/notes")
  EncryptedNote encryptNote(@RequestBody NoteRequest request) {
    if (request == null || request.note() == null || request.note().isEmpty()) {
      throw new BadRequestException("note is required");
    }
    if (request.note().length() > 10_000) {
      throw new BadRequestException("note must be at most 10000 characters");
    }
    byte[] note = request.note().getBytes(StandardCharsets.UTF_8);
    byte[] encrypted;
    String recipient;
    if (request.publicKey() != null && !request.publicKey().isBlank()) {
      PublicKey key;
      try {
        key = PublicKey.fromBytes(decode("publicKey", request.publicKey()));
      } catch (ThemisException e) {
        throw new BadRequestException("publicKey is not a Themis public key: " + e.getMessage());
      }
      encrypted = new SecureMessage(applicationKeys.privateKey(), key).encrypt(note);
      recipient = "the given public key";
    } else if (request.peer() != null && !request.peer().isBlank()) {
      encrypted = messages.encrypt(request.peer(), note);
      recipient = request.peer();
    } else {
      throw new BadRequestException(
          "name a configured peer (peer) or give a Themis public key (publicKey)");
    }
    return new EncryptedNote(recipient, base64(encrypted), encrypted.length, note.length);
  }

  /**
   * The partner's side: it decrypts a note with its own private key and this application's public
   * key.
   */
  @PostMapping("/api/notes/open-as-partner")
  OpenedNote openAsPartner(@RequestBody OpenRequest request) {
    byte[] encrypted = decode("encrypted", request == null ? null : request.encrypted());
    try {
      return new OpenedNote(
          partner.id(), new String(partner.openNote(encrypted), StandardCharsets.UTF_8));
    } catch (ThemisException e) {
      throw new BadRequestException("the partner cannot decrypt this note: " + e.getMessage());
    }
  }

  static byte[] decode(String field, String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new BadRequestException(field + " is required (base64)");
    }
    try {
      return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(field + " is not valid base64");
    }
  }

  static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
