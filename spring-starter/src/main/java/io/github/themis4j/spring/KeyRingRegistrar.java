package io.github.themis4j.spring;

/**
 * Contributes key rings from code, beside those configured under {@code themis4j.key-rings}: for
 * keys held in a vault, a KMS or any other store the properties cannot reach. Declare one or more
 * as beans; each is called once at startup, and ring names must not clash with configured ones.
 *
 * <pre>{@code
 * @Bean
 * KeyRingRegistrar vaultKeys(VaultClient vault) {
 *   return registry -> registry.register(KeyRing.of("payments", "v3", SymmetricKey.fromBytes(vault.read("payments/v3"))));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KeyRingRegistrar {
  /** Registers key rings with {@code registry}. */
  void registerKeyRings(KeyRingRegistry registry);
}
