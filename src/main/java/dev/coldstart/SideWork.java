package dev.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Work a measurement needs only at the end (reading the recorder's log, building the import graph,
 * scanning sources for fix hints). With {@code COLDSTART_SIDE_WORK=1} it is done on a second CPU
 * while coldstart waits for something untimed (the recording run, the bare inventory run), or in
 * parallel with the caller after the timed runs; by default it is done when first joined.
 *
 * <p>Never during the timed runs: {@link #quiet()} holds the lane while they go on. Work done on
 * the second CPU of a two-CPU machine while the target runs on the first slowed the target (shared
 * caches, memory bandwidth, SMT siblings): +2.3 % on the import-time median and +7.3 % on the first
 * three runs, measured by bench/side-work.sh with 25 profiles per mode, more than this machine's
 * noise. A profiler must not move what it measures, so the lane waits; work queued meanwhile runs
 * once the runs are over (or on the thread that joins it first).
 *
 * <p>All side work shares one lane, a single daemon thread taking tasks in the order they were
 * started: at most one CPU is ever busy with it, so it leaves the other to the target (two busy
 * side threads and the JIT compiler would crowd a two-CPU machine and slow the runs). With one CPU
 * it would compete with the timed runs and bias them, so nothing goes to the lane: the work waits
 * and is done by the first {@link #join()}, after sampling. A join of work that has not started yet
 * runs it on the joining thread, so work on the lane may join work started after it.
 *
 * <p>A failure is not lost: {@link #join()} rethrows the work's own exception.
 */
public final class SideWork<T> {
  /**
   * Off unless {@code COLDSTART_SIDE_WORK=1}. Held still during the timed runs (see {@link
   * #quiet()}), the side work still could not be shown to stay within 1 % of what is measured:
   * bench/side-work.sh on two CPUs, on against off, gave +10.2 %, +5.6 %, -2.7 % and +1.1 % on the
   * import-time median (15, 9, 9 and 20 profiles per mode). It no longer shortens a profile either
   * (bench/profile-overhead.sh: 1.169x on, 1.154x off), so by default the same work is done when
   * first joined, after the last run.
   */
  private static final boolean SPARE_CPU =
      Runtime.getRuntime().availableProcessors() >= 2 && "1".equals(System.getenv("COLDSTART_SIDE_WORK"));

  /** The lane, made on first use. */
  private static final class Lane {
    static final ExecutorService THREAD =
        Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("coldstart-side").daemon().unstarted(r));

    static {
      THREAD.execute(
          () -> {
            enterLane();
            try {
              yieldToTheTarget();
            } finally {
              leaveLane();
            }
          });
    }

    /**
     * Lowers the priority (nice 19) of the lane's thread and of the JIT compiler's threads, which
     * compile the lane's code as it runs: the timed interpreter keeps the default priority, so on a
     * machine with as many busy threads as CPUs it is the side work that waits, not the target.
     * Linux only (thread ids from /proc, util-linux {@code renice}); elsewhere nothing changes.
     */
    private static void yieldToTheTarget() {
      try {
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", "19", "-p"));
        cmd.add(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
          for (Path t : tasks.toList()) {
            String comm = Files.readString(t.resolve("comm")).strip();
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
              cmd.add(t.getFileName().toString());
            }
          }
        }
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor();
      } catch (IOException | RuntimeException e) {
        // Not Linux, no renice: the side work keeps the default priority.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // The gate of the lane: while quiet > 0 no lane task starts; busy is true while one runs.
  private static final Object GATE = new Object();
  private static int quiet;
  private static boolean busy;

  /** What {@link #quiet()} returns: closing it lets the lane go on. */
  public interface Quiet extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Holds the lane still until the returned handle is closed: no side work starts, and this call
   * waits for the task running now (if any) to end, so that what follows is measured on a machine
   * where coldstart does nothing else. A task that joins work queued meanwhile runs it itself.
   */
  public static Quiet quiet() {
    boolean interrupted = false;
    synchronized (GATE) {
      quiet++;
      while (busy) {
        try {
          GATE.wait();
        } catch (InterruptedException e) {
          interrupted = true; // Ctrl-C: still wait (the task is short), keep the flag
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        synchronized (GATE) {
          quiet--;
          GATE.notifyAll();
        }
      }
    };
  }

  /** On the lane: waits while the lane is held quiet, then marks it busy. */
  private static void enterLane() {
    synchronized (GATE) {
      while (quiet > 0) {
        try {
          GATE.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // the lane is a daemon; an interrupt means the JVM is going away
        }
      }
      busy = true;
    }
  }

  private static void leaveLane() {
    synchronized (GATE) {
      busy = false;
      GATE.notifyAll();
    }
  }

  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final Supplier<T> work;

  private SideWork(Supplier<T> work) {
    this.work = work;
  }

  /** True when side work runs while the caller goes on (two CPUs or more, switched on). */
  public static boolean spareCpu() {
    return SPARE_CPU;
  }

  /** Queues {@code work} on the lane when a CPU is spare; otherwise keeps it for the first join. */
  public static <T> SideWork<T> start(String name, Supplier<T> work) {
    return start(name, work, SPARE_CPU);
  }

  static <T> SideWork<T> start(String name, Supplier<T> work, boolean spareCpu) {
    SideWork<T> w = new SideWork<>(work);
    if (spareCpu) {
      Lane.THREAD.execute(
          () -> {
            Thread.currentThread().setName("coldstart-side " + name); // for thread dumps
            enterLane();
            try {
              w.runOnce();
            } finally {
              leaveLane();
            }
          });
    }
    return w;
  }

  /** Work whose result is already known. */
  public static <T> SideWork<T> done(T value) {
    SideWork<T> w = new SideWork<>(() -> value);
    w.runOnce();
    return w;
  }

  /**
   * Gives up work that nobody will join: unless it has started, it never runs (and a later {@link
   * #join()} fails). Work already running goes on to its end.
   */
  public void drop() {
    if (claimed.compareAndSet(false, true)) {
      result.completeExceptionally(new CancellationException("dropped"));
    }
  }

  /** Runs the work unless some thread already has (or is running it). */
  private void runOnce() {
    if (!claimed.compareAndSet(false, true)) {
      return;
    }
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
    runOnce();
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
