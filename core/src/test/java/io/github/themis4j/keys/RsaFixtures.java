package io.github.themis4j.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.themis4j.testing.TestVectors;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The throwaway RSA keys of resources/vectors/rsa-test-keys.json (1024, 2048 with e = 3, 4096, 8192
 * bits).
 */
final class RsaFixtures {
  record Fixture(String id, int bits, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
    @Override
    public String toString() {
      return id;
    }
  }

  private static List<Fixture> all;

  private RsaFixtures() {}

  static synchronized List<Fixture> all() {
    if (all == null) {
      List<Fixture> list = new ArrayList<>();
      try {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        for (JsonNode k : TestVectors.json("/vectors/rsa-test-keys.json").get("keys")) {
          RSAPrivateCrtKey priv =
              (RSAPrivateCrtKey)
                  kf.generatePrivate(
                      new PKCS8EncodedKeySpec(Base64.getDecoder().decode(k.get("pkcs8").asText())));
          RSAPublicKey pub =
              (RSAPublicKey)
                  kf.generatePublic(
                      new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
          list.add(new Fixture(k.get("id").asText(), k.get("bits").asInt(), priv, pub));
        }
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      all = List.copyOf(list);
    }
    return all;
  }
}
