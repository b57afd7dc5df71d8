package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.ThemisException;

/**
 * Key configuration that cannot be used: a missing or undecodable key, two keys with one id, a
 * ring without an active key, an unreadable key file or keystore. Thrown at startup, so that the
 * application refuses to start rather than run without its keys; {@link
 * KeyConfigurationFailureAnalyzer} turns it into a report that names the property to set.
 *
 * <p>Messages name properties, key ids, file paths and environment variable names, never key
 * material or passwords.
 */
public class KeyConfigurationException extends ThemisException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  /**
   * @param property the configuration property at fault (for example {@code
   *     themis4j.key-rings.pii.active})
   * @param message what is wrong
   * @param action what the user should do
   */
  public KeyConfigurationException(String property, String message, String action) {
    this(property, message, action, null);
  }

  public KeyConfigurationException(String property, String message, String action, Throwable cause) {
    super(message, cause);
    this.property = property;
    this.action = action;
  }

  /** The configuration property to fix. */
  public String property() {
    return property;
  }

  /** What to do about it, in a sentence. */
  public String action() {
    return action;
  }
}
