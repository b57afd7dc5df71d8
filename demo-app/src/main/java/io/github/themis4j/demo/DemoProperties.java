package io.github.themis4j.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code demo.*} settings.
 *
 * @param dataDir directory of the H2 database file
 * @param session this application's Secure Session server
 * @param partner the partner clinic the demo plays the other side of
 */
@ConfigurationProperties("demo")
public record DemoProperties(String dataDir, Session session, Partner partner) {

  /**
   * @param port TCP port on the loopback interface; 0 picks a free one
   */
  public record Session(int port) {}

  /**
   * The partner clinic. DEMO KEYS: in real life only the partner holds its private key.
   *
   * @param id the partner's peer id (also its Secure Session id)
   * @param privateKey the partner's Themis private key, base64
   * @param publicKey the partner's Themis public key, base64
   */
  public record Partner(String id, String privateKey, String publicKey) {
    @Override
    public String toString() {
      return "Partner[id=" + id + "]";
    }
  }
}
