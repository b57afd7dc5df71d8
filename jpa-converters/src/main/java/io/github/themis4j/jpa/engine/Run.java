package io.github.themis4j.jpa.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of the walks of one pass over N workers: partitions are queued in walk order and each
 * worker takes the next one and walks it to its end (or until cancel, failure or fail-fast).
 */
final class Run {
  private static final Logger LOG = Logger.getLogger(ReencryptionJob.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ReencryptionJob job;
  private final PartitionWalker walker;
  private final Pacer pacer;
  private final Supplier<Boolean> cancelled;
  private final Map<String, WalkProgress> board;
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

  Run(
      ReencryptionJob job,
      PartitionWalker walker,
      Pacer pacer,
      Supplier<Boolean> cancelled,
      Map<String, WalkProgress> board) {
    this.job = job;
    this.walker = walker;
    this.pacer = pacer;
    this.cancelled = cancelled;
    this.board = board;
  }

  private boolean stop() {
    return fatal.get() != null || cancelled.get();
  }

  /** Walks every unfinished partition of {@code walks}; throws what made the run fail. */
  void execute(List<WalkProgress> walks) {
    ConcurrentLinkedQueue<Partition> queue = new ConcurrentLinkedQueue<>();
    for (WalkProgress wp : walks) {
      if (wp.allEnded()) { // nothing left (a finished walk of a ONCE pass, or an empty table)
        startOf(wp);
        endOf(wp);
        continue;
      }
      wp.walk.partitions.stream().filter(p -> !p.finished).forEach(queue::add);
    }
    int workers = Math.min(job.workers, Math.max(1, queue.size()));
    if (workers == 1) {
      work(queue);
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "themis4j-reencryption-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
          futures.add(pool.submit(() -> work(queue)));
        }
        for (Future<?> f : futures) {
          while (true) {
            try {
              f.get();
              break;
            } catch (InterruptedException e) {
              job.cancel(); // workers stop after their batch; wait for them
            } catch (java.util.concurrent.ExecutionException e) {
              fatal.compareAndSet(null, asRuntime(e.getCause()));
              break;
            }
          }
        }
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    RuntimeException e = fatal.get();
    if (e != null) {
      throw e;
    }
  }

  private static RuntimeException asRuntime(Throwable t) {
    return t instanceof RuntimeException
        ? (RuntimeException) t
        : new ReencryptionException(String.valueOf(t), t);
  }

  private void work(ConcurrentLinkedQueue<Partition> queue) {
    Partition p;
    while (!stop() && (p = queue.poll()) != null) {
      WalkProgress wp = board.get(p.walk.planKey);
      startOf(wp);
      PartitionFailure failure = null;
      try {
        walk(p, wp);
      } catch (BadRowException | Transactions.BatchFailedException e) {
        Object row = e instanceof BadRowException ? walker.failedRow() : null;
        failure = p.failure(e.getMessage(), row == null ? List.of() : List.of(String.valueOf(row)));
        PartitionFailure f = failure;
        LOG.warning(() -> "partition failed: " + f);
        notify(l -> l.onPartitionFailed(f));
        if (job.failFast) {
          fatal.compareAndSet(null, new PartitionFailedException(failure, e));
        }
      } catch (RuntimeException | Error e) {
        fatal.compareAndSet(null, asRuntime(e));
      }
      if (failure != null || p.finished) {
        if (wp.partitionEnded(p, failure)) {
          endOf(wp);
        }
      } else if (stop()) {
        endOf(wp); // stopped: the walk ends here for this run (logged once per worker at most)
      }
    }
  }

  private void walk(Partition p, WalkProgress wp) {
    while (!p.finished) {
      if (stop()) {
        return;
      }
      Batch b = walker.next(p);
      wp.batch(b);
      TableProgress snap = wp.snapshot();
      if (wp.logNow() && !snap.finished()) {
        LOG.info(snap::toString);
      } else {
        LOG.fine(snap::toString);
      }
      notify(l -> l.onBatch(snap));
      if (p.finished) {
        return;
      }
      try {
        pacer.acquire(b.rows);
        if (!job.pause.isZero()) {
          Thread.sleep(job.pause.toMillis(), job.pause.toNanosPart() % 1_000_000);
        }
      } catch (InterruptedException e) {
        job.cancel();
        return;
      }
    }
  }

  private void startOf(WalkProgress wp) {
    if (wp.announce()) {
      TableProgress snap = wp.snapshot();
      LOG.info(() -> "start " + snap);
      notify(l -> l.onTableStart(snap));
    }
  }

  private final java.util.Set<String> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private void endOf(WalkProgress wp) {
    if (ended.add(wp.walk.planKey)) {
      TableProgress snap = wp.snapshot();
      LOG.info(() -> "end " + snap + (snap.finished() ? "" : " (stopped)"));
      notify(l -> l.onTableEnd(snap));
    }
  }

  void notify(Consumer<ReencryptionListener> call) {
    synchronized (job.listenerLock) {
      try {
        call.accept(job.listener);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "ReencryptionListener callback failed", e);
      }
    }
  }
}
