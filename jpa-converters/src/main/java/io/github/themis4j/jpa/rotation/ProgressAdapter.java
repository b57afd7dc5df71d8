package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.engine.ReencryptionListener;
import io.github.themis4j.jpa.engine.TableProgress;
import io.github.themis4j.jpa.rotation.RotationPlan.ImprintTask;
import io.github.themis4j.jpa.rotation.RotationProgress.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the engine's progress into {@link RotationProgress} snapshots for {@link
 * KeyRotationJob#progress()} and the {@link KeyRotationListener}. Callbacks come serialized from
 * the engine (possibly from worker threads).
 */
final class ProgressAdapter implements ReencryptionListener {
  private static final Logger LOG = Logger.getLogger(KeyRotationJob.class.getName());

  private final KeyRotationListener listener;
  private final Map<String, RotationProgress> progress = new LinkedHashMap<>();

  ProgressAdapter(KeyRotationListener listener) {
    this.listener = listener;
  }

  synchronized List<RotationProgress> snapshot() {
    return List.copyOf(progress.values());
  }

  synchronized void clear() {
    progress.clear();
  }

  private synchronized RotationProgress put(TableProgress p) {
    boolean imprint = p.attachment() instanceof ImprintTask;
    RotationProgress r =
        new RotationProgress(
            imprint ? Kind.CONTEXT_IMPRINT : Kind.RECORDED_KEY,
            p.entity(),
            p.table(),
            imprint ? p.label() : null,
            p.rowsDone(),
            p.rowsToDo(),
            p.rowsRewritten(),
            p.finished(),
            p.rowsPerSecond(),
            p.eta());
    progress.put(p.pass() + ":" + p.table() + ":" + p.label(), r);
    return r;
  }

  @Override
  public void onTableStart(TableProgress p) {
    RotationProgress r = put(p);
    call(l -> l.onPassStart(r), "onPassStart");
  }

  @Override
  public void onBatch(TableProgress p) {
    RotationProgress r = put(p);
    call(l -> l.onBatch(r), "onBatch");
  }

  @Override
  public void onTableEnd(TableProgress p) {
    RotationProgress r = put(p);
    call(l -> l.onPassEnd(r), "onPassEnd");
  }

  private void call(Consumer<KeyRotationListener> c, String name) {
    try {
      c.accept(listener);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "KeyRotationListener." + name + " failed", e);
    }
  }
}
