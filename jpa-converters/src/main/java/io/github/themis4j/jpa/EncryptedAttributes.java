package io.github.themis4j.jpa;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.jpa.hibernate.EncryptionEventListener;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreLoadEventListener;

/**
 * Finds the {@link Encrypted} attributes of a Hibernate session factory and the codec it encrypts
 * them with: the starting point of key-rotation, migration and audit jobs.
 */
public final class EncryptedAttributes {
  private EncryptedAttributes() {}

  /** Every encrypted attribute of every entity of {@code sessionFactory} (empty if none). */
  public static List<EncryptedAttribute> of(SessionFactory sessionFactory) {
    EncryptionEventListener l = listener(sessionFactory);
    return l == null ? List.of() : l.attributes();
  }

  /**
   * The codec the session factory encrypts with (its key ring provider is the configured one).
   *
   * @throws InvalidArgumentException if the session factory has no encrypted attributes
   */
  public static EncryptedValueCodec codec(SessionFactory sessionFactory) {
    EncryptionEventListener l = listener(sessionFactory);
    if (l == null) {
      throw new InvalidArgumentException("the session factory has no @Encrypted attributes");
    }
    return l.codec();
  }

  private static EncryptionEventListener listener(SessionFactory sessionFactory) {
    if (sessionFactory == null) {
      throw new InvalidArgumentException("session factory must not be null");
    }
    EventListenerRegistry registry =
        sessionFactory
            .unwrap(SessionFactoryImplementor.class)
            .getServiceRegistry()
            .requireService(EventListenerRegistry.class);
    EncryptionEventListener[] found = new EncryptionEventListener[1];
    registry
        .getEventListenerGroup(EventType.PRE_LOAD)
        .fireEventOnEachListener(
            found,
            (PreLoadEventListener l, EncryptionEventListener[] f) -> {
              if (l instanceof EncryptionEventListener) {
                f[0] = (EncryptionEventListener) l;
              }
            });
    return found[0];
  }
}
