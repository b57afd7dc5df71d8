package io.github.themis4j.message;

import io.github.themis4j.internal.EcCrypto;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.themis4j.MalformedDataException;
import io.github.themis4j.cell.SecureCell;
import io.github.themis4j.keys.KeyType;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.keys.SymmetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers: Secure Messages made by Themis itself (wasm-themis 0.15.0 golden vectors, the
 * themis-spec.md Appendix A.2 KATs, and the vectors in Themis's own C test suite) must decrypt and
 * verify here.
 */
class SecureMessageVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  // ---- themis-spec.md Appendix A.2 (wasm-themis 0.15.0; keys from tests/themis/themis_secure_session_test_keys.h)

  private static final byte[] KAT_PLAINTEXT = "Themis 0.15 KAT message".getBytes(StandardCharsets.UTF_8);
  private static final PrivateKey CLIENT_PRIV =
      PrivateKey.fromBytes(hex("524543320000002d51f4aa72009f0f09cebe0933c25e9a0599539db232a234647adede838f65a92a146daa9001"));
  private static final PublicKey CLIENT_PUB =
      PublicKey.fromBytes(hex("554543320000002d138bdf0c021f098839d9733a848fa850d92bed3d38cf1dd0cef4aedbcfafcb6ba54a081121"));
  private static final PrivateKey SERVER_PRIV =
      PrivateKey.fromBytes(hex("524543320000002d4987046b00f206077dc71c59a18f39fc94813f9ec5ba706f93088de385825bf83fc69f0bdf"));
  private static final PublicKey SERVER_PUB =
      PublicKey.fromBytes(hex("554543320000002d755833d40212df1fe9ea4811e1f9718e2411cbfdc0a36ed6ac88b644c29a2484ee504c3ea0"));
  private static final byte[] KAT_ECDH_X = hex("b4423d247b0e37869df5379c1f3572a90595a33814bf2aed72fd8b97a737af76");
  private static final byte[] KAT_ENCRYPTED =
      hex("202704264b000000000101400c00000010000000170000002e41750aab95a68424b5fd9e7e06368cc72aa7b3355fbf683ce430"
          + "0cdcdb16997dcb03f87e6a4016a9225b015759414de2d3d4");
  private static final byte[] KAT_SIGNED =
      hex("2026042617000000470000005468656d697320302e3135204b4154206d6573736167653045022100f604beead528bfb74ac3ffd1"
          + "c4dd254f892cdbdc561337fae7aa0ba9e8dbacca022005fcfa0f6d7ef316b65b912e6a4a01f9d6f75c20dc4107380c06149ac3f9"
          + "0c83");

  @Test
  void appendixA2EcdhSecretIsTheRawXCoordinate() {
    byte[] x =
        EcCrypto.ecdh((ECPrivateKey) CLIENT_PRIV.toJcaKey(), (ECPublicKey) SERVER_PUB.toJcaKey(), false);
    assertThat(x).isEqualTo(KAT_ECDH_X);
    byte[] y =
        EcCrypto.ecdh((ECPrivateKey) SERVER_PRIV.toJcaKey(), (ECPublicKey) CLIENT_PUB.toJcaKey(), false);
    assertThat(y).isEqualTo(KAT_ECDH_X);
  }

  @Test
  void appendixA2EncryptedMessageDecryptsOnBothSides() {
    assertThat(new SecureMessage(SERVER_PRIV, CLIENT_PUB).decrypt(KAT_ENCRYPTED)).isEqualTo(KAT_PLAINTEXT);
    assertThat(new SecureMessage(CLIENT_PRIV, SERVER_PUB).decrypt(KAT_ENCRYPTED)).isEqualTo(KAT_PLAINTEXT);
  }

  @Test
  void appendixA2EncryptedMessageIsASealKeyedByTheEcdhSecret() {
    // Independent of SecureMessage: the payload after the 8-byte header is a Secure Cell Seal whose
    // master key is the 32-byte ECDH x-coordinate, without context.
    byte[] seal = Arrays.copyOfRange(KAT_ENCRYPTED, 8, KAT_ENCRYPTED.length);
    assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(KAT_ECDH_X)).decrypt(seal)).isEqualTo(KAT_PLAINTEXT);
  }

  @Test
  void ourEncryptionHasTheSameStructureAsTheKat() {
    byte[] ours = new SecureMessage(CLIENT_PRIV, SERVER_PUB).encrypt(KAT_PLAINTEXT);
    assertThat(ours).hasSize(KAT_ENCRYPTED.length);
    // type, total length, Seal header (alg, IV length, tag length, message length) are deterministic
    assertThat(Arrays.copyOf(ours, 24)).isEqualTo(Arrays.copyOf(KAT_ENCRYPTED, 24));
    byte[] seal = Arrays.copyOfRange(ours, 8, ours.length);
    assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(KAT_ECDH_X)).decrypt(seal)).isEqualTo(KAT_PLAINTEXT);
  }

  @Test
  void appendixA2SignedMessageVerifies() {
    assertThat(SecureMessage.verify(CLIENT_PUB, KAT_SIGNED)).isEqualTo(KAT_PLAINTEXT);
  }

  @Test
  void ourSignatureHasTheSameLayoutAsTheKat() {
    byte[] ours = SecureMessage.sign(CLIENT_PRIV, KAT_PLAINTEXT);
    // type and message length are fixed; the DER signature is 70..72 bytes (random nonce)
    assertThat(Arrays.copyOf(ours, 8)).isEqualTo(Arrays.copyOf(KAT_SIGNED, 8));
    int s = ours[8] & 0xff;
    assertThat(s).isBetween(70, 72);
    assertThat(ours).hasSize(12 + KAT_PLAINTEXT.length + s);
    assertThat(Arrays.copyOfRange(ours, 12, 12 + KAT_PLAINTEXT.length)).isEqualTo(KAT_PLAINTEXT);
    assertThat(ours[12 + KAT_PLAINTEXT.length]).isEqualTo((byte) 0x30);
    assertThat(SecureMessage.verify(CLIENT_PUB, ours)).isEqualTo(KAT_PLAINTEXT);
  }

  // ---- Themis tests/themis/themis_seccure_message.c

  private static final PublicKey GO_PUB =
      PublicKey.fromBytes(hex("554543320000002d88859ba603eb02700ecb1e98c061180acfcd605791aef1b6d8942380552cb5543bda532bb0"));
  private static final byte[] GO_SIGNED =
      hex("202604264100000046000000616e6f206869746f2077612020206d6f75206b697a756b75206b6f726f20796f206261737520"
          + "7275756d75206e69202020207275756a75206e6f2064656e676f6e3044021f275374462f381f61ffebe61b2a48c764746938"
          + "dbcaf223ba255084de4ae30d022100c4d93c8aea6bcaff2af44243f456a176152ccc81e676f8d8772559e94e71bb7190fe");
  private static final byte[] GO_MESSAGE =
      ("ano hito wa" + "   mou kizuku koro yo" + " basu ruumu ni" + "    ruuju no dengon")
          .getBytes(StandardCharsets.US_ASCII);

  @Test
  void goThemis013OverlongSignatureVerifies() {
    // secure_message_overlong_ecdsa_verification: the header says s = 70 but 72 bytes follow.
    assertThat(GO_SIGNED).hasSize(12 + GO_MESSAGE.length + 72);
    assertThat(SecureMessage.verify(GO_PUB, GO_SIGNED)).isEqualTo(GO_MESSAGE);
    assertThat(SecureMessage.verify(GO_PUB, Arrays.copyOf(GO_SIGNED, GO_SIGNED.length - 2))).isEqualTo(GO_MESSAGE);
    assertThatThrownBy(() -> SecureMessage.verify(GO_PUB, Arrays.copyOf(GO_SIGNED, GO_SIGNED.length - 3)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void encryptedMessageFromUncompressedPublicKeyDecrypts() {
    // secure_message_uncompressed_ec_public_keys: 77-byte UEC2 peer key.
    PrivateKey mine =
        PrivateKey.fromBytes(hex("524543320000002dc083f217006742b93598b2609abec49d9e2e4924b119495e866b54b2464576"
            + "07922f7f7ebd"));
    PublicKey theirs =
        PublicKey.fromBytes(hex("554543320000004d537beddf04a1a48e7175a42273528e3814e5c538779cb5ef8d93b4caf2e852"
            + "56681f22fce7e11a29d99b4af71f94eb9b68d8f01c6f2f0d3cc431d493e7fb8fc0d89194badd"));
    byte[] encrypted =
        hex("20270426a7000000000101400c0000001000000073000000ca89810c0b49040d6cbe10ab362feb9d36086c8a0831f92c77"
            + "c8d4206a624087248839" + "09f726e43fcca30b1e07ec73d94657dd12721d34d3653ddc87abd1b8af70e53314de38bba3"
            + "e7a89e37a898fc48ad6f06e9583d2110057b743c40f02ca8c345565c38259d1716fe8166d84fd7013cacd6ddfd0b127a9c46"
            + "d3502a622f2a9dde7a6ebe3e733d8396f662c50230");
    byte[] expected =
        ("The pieces have been gathered. The pieces have been lined up."
                + "Our opponent isn't here yet. Perfect." + "-- King of Sorrow")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(theirs.toByteArray()).hasSize(77);
    assertThat(new SecureMessage(mine, theirs).decrypt(encrypted)).isEqualTo(expected);
  }

  // ---- golden vectors from wasm-themis (interop/vectors-message.js)

  private static JsonNode golden() throws IOException {
    try (InputStream in = SecureMessageVectorsTest.class.getResourceAsStream("/vectors/message.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Arguments> encryptedVectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode v : golden().get("encrypted")) {
      out.add(Arguments.of(i++ + ": " + v.get("comment").asText(), v));
    }
    return out.stream();
  }

  static Stream<Arguments> signedVectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode v : golden().get("signed")) {
      out.add(Arguments.of(i++ + ": " + v.get("comment").asText(), v));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encryptedVectors")
  void goldenEncryptedMessagesDecrypt(String name, JsonNode v) {
    PrivateKey senderPriv = PrivateKey.fromBytes(hex(v.get("senderPrivate").asText()));
    PublicKey senderPub = PublicKey.fromBytes(hex(v.get("senderPublic").asText()));
    PrivateKey recipientPriv = PrivateKey.fromBytes(hex(v.get("recipientPrivate").asText()));
    PublicKey recipientPub = PublicKey.fromBytes(hex(v.get("recipientPublic").asText()));
    byte[] plaintext = hex(v.get("plaintext").asText());
    byte[] encrypted = hex(v.get("encrypted").asText());

    assertThat(new SecureMessage(recipientPriv, senderPub).decrypt(encrypted)).isEqualTo(plaintext);
    if (senderPriv.type() == KeyType.EC) {
      // ECDH is symmetric: the sender can read what it sent.
      assertThat(new SecureMessage(senderPriv, recipientPub).decrypt(encrypted)).isEqualTo(plaintext);
      assertThat(encrypted).hasSize(8 + 44 + plaintext.length);
    } else {
      int m = (recipientPub.toByteArray().length - 16); // URAx payload = n[m] || e
      assertThat(encrypted).hasSize(12 + m + 44 + plaintext.length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedVectors")
  void goldenSignedMessagesVerify(String name, JsonNode v) {
    PublicKey pub = PublicKey.fromBytes(hex(v.get("publicKey").asText()));
    byte[] plaintext = hex(v.get("plaintext").asText());
    byte[] signed = hex(v.get("signed").asText());
    assertThat(SecureMessage.verify(pub, signed)).isEqualTo(plaintext);
    // and the container layout is the one we emit
    assertThat(signed.length).isEqualTo(12 + plaintext.length + (signed[8] & 0xff | (signed[9] & 0xff) << 8));
  }
}
