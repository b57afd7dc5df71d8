package io.github.themis4j.jpa.hibernate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Undoes, when a transaction rolls back, what the pre-write events changed outside the SQL: the
 * {@link PendingWrite} placeholders left in a state array whose write failed (no post-write event
 * puts the plaintext back), and the token attributes set in the entities before the SQL ran (a
 * token for a ciphertext that was never committed). One per session and transaction;
 * thread-confined like the session.
 */
final class RollbackRestorer implements AfterCompletionCallback {
  private static final Map<SharedSessionContractImplementor, RollbackRestorer> OPEN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final List<Write> writes = new ArrayList<>();

  /** One entity write: its state array, and the token values the entity had before it. */
  private static final class Write {
    final EntityPersister persister;
    final Object entity;
    final Object[] state;
    final EncryptedEntity encrypted;
    final Object[] previousTokens;

    Write(EntityPersister persister, Object entity, Object[] state, EncryptedEntity encrypted) {
      this.persister = persister;
      this.entity = entity;
      this.state = state;
      this.encrypted = encrypted;
      this.previousTokens = new Object[encrypted.bindings.size()];
      for (int i = 0; i < previousTokens.length; i++) {
        int t = encrypted.bindings.get(i).tokenIndex;
        previousTokens[i] = t >= 0 && entity != null ? persister.getValue(entity, t) : null;
      }
    }
  }

  /** Records a write about to be prepared (call before its tokens are set). */
  static void record(
      SharedSessionContractImplementor session,
      EntityPersister persister,
      Object entity,
      Object[] state,
      EncryptedEntity encrypted) {
    if (session == null) {
      return;
    }
    RollbackRestorer r = OPEN.get(session);
    if (r == null) {
      r = new RollbackRestorer();
      OPEN.put(session, r);
      session.getTransactionCompletionCallbacks().registerCallback(r);
    }
    r.writes.add(new Write(persister, entity, state, encrypted));
  }

  @Override
  public void doAfterTransactionCompletion(
      boolean success, SharedSessionContractImplementor session) {
    OPEN.remove(session);
    if (success) {
      return;
    }
    // latest first, so that each entity ends with the token it had before the transaction
    for (int w = writes.size() - 1; w >= 0; w--) {
      Write write = writes.get(w);
      List<EncryptedEntity.Binding> bindings = write.encrypted.bindings;
      for (int i = 0; i < bindings.size(); i++) {
        EncryptedEntity.Binding b = bindings.get(i);
        if (write.state[b.index] instanceof PendingWrite) {
          write.state[b.index] = ((PendingWrite) write.state[b.index]).restoredPlaintext();
        }
        if (b.tokenIndex >= 0 && write.entity != null) {
          write.persister.setValue(write.entity, b.tokenIndex, write.previousTokens[i]);
        }
      }
    }
  }
}
