package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.keys.KeyPair;
import io.github.themis4j.spring.PeerPublicKeys;
import io.github.themis4j.spring.SecureMessageService;
import io.github.themis4j.spring.SecureSessionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Secure Message and Secure Session beans for this application's {@link KeyPair} and its {@link
 * PeerPublicKeys}. Active when there is a key pair ({@code themis4j.key-pair}, development mode, or
 * the application's own {@code KeyPair} bean); each bean backs off when the application defines one.
 */
@AutoConfiguration(after = ThemisAutoConfiguration.class)
@ConditionalOnBean({KeyPair.class, PeerPublicKeys.class})
public final class ThemisMessagingAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  SecureMessageService themisSecureMessageService(KeyPair keyPair, PeerPublicKeys peers) {
    return new SecureMessageService(keyPair, peers);
  }

  @Bean
  @ConditionalOnMissingBean
  SecureSessionFactory themisSecureSessionFactory(
      KeyPair keyPair, PeerPublicKeys peers, ObjectProvider<ThemisProperties> properties, Environment environment) {
    String id = ThemisAutoConfiguration.properties(properties, environment).getSession().getId();
    if (id == null || id.isEmpty()) {
      id = environment.getProperty("spring.application.name");
    }
    return new SecureSessionFactory(id, keyPair.privateKey(), peers);
  }
}
