package io.github.themis4j.demo.crypto;

import io.github.themis4j.demo.DemoProperties;
import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import io.github.themis4j.message.SecureMessage;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The other party of the demo: a partner clinic that receives encrypted notes and opens Secure
 * Sessions to this application. The demo holds its DEMO private key ({@code demo.partner}) only to
 * play its side; in real life the partner runs elsewhere and nobody else has that key. Its public
 * key is configured as a trusted peer ({@code themis4j.peers.partner-clinic}).
 *
 * <p>Immutable and thread-safe.
 */
@Component
public class PartnerClinic {
  private final String id;
  private final KeyPair keys;
  private final PublicKey applicationKey;

  public PartnerClinic(DemoProperties properties, KeyPair applicationKeys) {
    DemoProperties.Partner p = properties.partner();
    this.id = p.id();
    this.keys =
        KeyPair.of(
            PrivateKey.fromBytes(Base64.getDecoder().decode(p.privateKey())),
            PublicKey.fromBytes(Base64.getDecoder().decode(p.publicKey())));
    this.applicationKey = applicationKeys.publicKey();
  }

  /** The partner's peer id and Secure Session id. */
  public String id() {
    return id;
  }

  public KeyPair keys() {
    return keys;
  }

  /** The public key the partner knows for this application. */
  public PublicKey applicationKey() {
    return applicationKey;
  }

  /** What the partner does with a note this application encrypted for it. */
  public byte[] openNote(byte[] encrypted) {
    return new SecureMessage(keys.privateKey(), applicationKey).decrypt(encrypted);
  }

  @Override
  public String toString() {
    return "PartnerClinic[" + id + "]";
  }
}
