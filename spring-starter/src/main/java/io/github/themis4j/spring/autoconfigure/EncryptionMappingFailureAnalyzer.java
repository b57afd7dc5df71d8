package io.github.themis4j.spring.autoconfigure;

import io.github.themis4j.jpa.EncryptionMappingException;
import io.github.themis4j.keyring.UnknownKeyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link EncryptionMappingException} (an {@code @Encrypted} mapping that cannot work)
 * that stops startup: the cause first, instead of at the bottom of Hibernate's "error processing
 * annotation" stack trace, with the entity and attribute named and the fix suggested.
 */
class EncryptionMappingFailureAnalyzer extends AbstractFailureAnalyzer<EncryptionMappingException> {
  /** "@Encrypted on Entity.attribute: what is wrong" as the JPA integration words its messages. */
  private static final Pattern ON_ATTRIBUTE =
      Pattern.compile("@Encrypted on ([\\w$.]+)\\.([\\w$]+): (.*)", Pattern.DOTALL);

  private static final Pattern ON_ENTITY = Pattern.compile("entity ([\\w$.]+) (.*)", Pattern.DOTALL);

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EncryptionMappingException cause) {
    for (Throwable t = cause.getCause(); t != null; t = t.getCause()) {
      if (t instanceof UnknownKeyException || t instanceof KeyConfigurationException) {
        return null; // a key problem, not a mapping one: the key analyzers say which property to set
      }
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    if (KeyRingProviderFailureAnalyzer.isAboutTheProvider(message)) {
      return null; // KeyRingProviderFailureAnalyzer says how to pass the provider
    }
    String subject;
    String problem;
    Matcher attribute = ON_ATTRIBUTE.matcher(message);
    Matcher entity = ON_ENTITY.matcher(message);
    if (attribute.matches()) {
      subject = "attribute '" + attribute.group(2) + "' of entity " + attribute.group(1);
      problem = attribute.group(3);
    } else if (entity.matches()) {
      subject = "entity " + entity.group(1);
      problem = entity.group(2);
    } else {
      subject = "an entity";
      problem = message;
    }
    return new FailureAnalysis(
        "The @Encrypted mapping of " + subject + " cannot work:\n\n    " + problem,
        action(subject, message),
        cause);
  }

  private static String action(String subject, String message) {
    StringBuilder a = new StringBuilder("Change the mapping of ").append(subject).append(". ");
    if (message.contains("tokenAttribute") || message.contains("token attribute")) {
      a.append(
          "A TOKEN_PROTECT attribute keeps its token in a second, plain attribute of the same entity,"
              + " named by @Encrypted(tokenAttribute = \"...\"): a byte[] for a binary column (the"
              + " default format), a String for format = ColumnFormat.BASE64; insertable and"
              + " updatable, not encrypted.");
    } else if (message.contains("IDENTITY")) {
      a.append(
          "Values are bound to the row's id, which an IDENTITY column only knows after the insert:"
              + " use @GeneratedValue(strategy = GenerationType.SEQUENCE), a UUID or an assigned id,"
              + " or set @Encrypted(bindToId = false) (bound to table and column only).");
    } else if (message.contains("cannot be encrypted; supported types")) {
      a.append("Use one of the supported Java types listed above, or store the value in one of them.");
    } else {
      a.append("The message above says what to change (see the @Encrypted javadoc and docs/FORMAT.md).");
    }
    return a.toString();
  }
}
