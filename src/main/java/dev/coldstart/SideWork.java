package dev.coldstart;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Work a measurement needs only at the end (reading the recorder's log, building the import graph,
 * scanning sources for fix hints): done on a second CPU while the target's timed runs go on, so it
 * adds nothing to the wall time. With one CPU it would compete with the timed runs and bias them,
 * so it waits and is done by the first {@link #join()}, after sampling.
 *
 * <p>A failure is not lost: {@link #join()} rethrows the work's own exception.
 */
public final class SideWork<T> {
  private static final boolean SPARE_CPU = Runtime.getRuntime().availableProcessors() >= 2;

  private final CompletableFuture<T> result = new CompletableFuture<>();
  private Supplier<T> deferred;

  private SideWork() {}

  /** Starts {@code work} on its own daemon thread when a CPU is spare; otherwise keeps it for later. */
  public static <T> SideWork<T> start(String name, Supplier<T> work) {
    return start(name, work, SPARE_CPU);
  }

  static <T> SideWork<T> start(String name, Supplier<T> work, boolean spareCpu) {
    SideWork<T> w = new SideWork<>();
    if (spareCpu) {
      Thread.ofPlatform().name("coldstart-" + name).daemon().start(() -> w.run(work));
    } else {
      w.deferred = work;
    }
    return w;
  }

  /** Work whose result is already known. */
  public static <T> SideWork<T> done(T value) {
    SideWork<T> w = new SideWork<>();
    w.result.complete(value);
    return w;
  }

  private void run(Supplier<T> work) {
    try {
      result.complete(work.get());
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /**
   * The result, waiting for it if needed. The wait is not cut short by an interrupt (Ctrl-C keeps
   * what was measured, and this work is part of showing it); the interrupt flag is kept.
   */
  public T join() {
    synchronized (this) {
      if (deferred != null) {
        Supplier<T> work = deferred;
        deferred = null;
        run(work);
      }
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
